import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/cluster/client.js';

// The design's promise: the CLI and the extension render and ask; every write to a cluster is made
// by the core (the clone engine, prune). A clone from the terminal and one from a click are then the
// same requests. This test fails when an adapter calls a write of ClusterClient, or reaches past it
// to the raw @kubernetes/client-node APIs it holds.
const root = new URL('../../', import.meta.url).pathname;
const adapters = ['kubectl-clone/src', 'vscode-ext/src'];
const writes = Object.getOwnPropertyNames(ClusterClient.prototype).filter((name) => /^(create|delete|patch|annotate|replace)/.test(name));
const rawApis = ['core', 'storage', 'custom', 'apps', 'authorization', 'call', 'optional', 'watch'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('adapters never write to a cluster themselves', () => {
  it('knows the writes of ClusterClient', () => {
    expect(writes).toEqual(expect.arrayContaining(['createClaim', 'deleteClaim', 'createVolumeSnapshot', 'deleteVolumeSnapshot', 'createReferenceGrant', 'patchScalable', 'annotateClaim', 'createWorkload']));
  });

  it.each(adapters)('%s calls no write and no raw API of the cluster client', (dir) => {
    const found: string[] = [];
    for (const file of sources(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const name of writes) {
        for (const match of text.matchAll(new RegExp(`\\.${name}\\(`, 'g'))) found.push(`${relative(root, file)}:${text.slice(0, match.index).split('\n').length} ${name}`);
      }
      for (const api of rawApis) {
        for (const match of text.matchAll(new RegExp(`\\bclient\\.${api}\\b`, 'g'))) found.push(`${relative(root, file)}:${text.slice(0, match.index).split('\n').length} client.${api}`);
      }
    }
    expect(found).toEqual([]);
  });
});
