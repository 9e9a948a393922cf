import { sourceReferences, type ClusterFacts, type LintInput, type TargetProfile, minorVersion } from '@kubectl-clone/core';
import { ClusterClient, readLintFacts } from '@kubectl-clone/core/cluster';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import type { Terminal } from '../terminal.js';

/** The live facts for `lint --cluster`: the sources the files name, as the cluster has them. */
export async function lintClusterFacts(inputs: readonly LintInput[], profile: TargetProfile, flags: ConnectionFlags, terminal: Terminal): Promise<{ facts: ClusterFacts; kubernetesVersion?: string }> {
  const client = ClusterClient.connect(connectionOptions(flags));
  const { facts, serverVersion, gaps } = await readLintFacts(client, sourceReferences(inputs, profile));
  for (const gap of gaps) terminal.stderr(`note: could not read ${gap}; the checks that need it were skipped\n`);
  const kubernetesVersion = minorVersion(serverVersion);
  return { facts, ...(kubernetesVersion ? { kubernetesVersion } : {}) };
}
