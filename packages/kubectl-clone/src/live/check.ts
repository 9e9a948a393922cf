import { checkClone, type CheckItem, type CheckStatus } from '@kubectl-clone/core/clone';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { createColors } from 'picocolors';
import { exitCodes } from '../errors.js';
import { connectionOptions } from '../connection-flags.js';
import { validatePvcFlags } from '../flags/pvc-flags.js';
import type { PvcFlags } from '../flags/pvc-types.js';
import type { Terminal } from '../terminal.js';

/** The preflight of `kubectl clone pvc`, alone, as a checklist; writes nothing (server dry run only). */
export async function runCheck(sourceName: string, flags: PvcFlags, terminal: Terminal): Promise<number> {
  // the dry run must not collide with a clone made in the same second under the default name
  const probeName = `${sourceName.slice(0, 200)}-clone-check-${Math.random().toString(36).slice(2, 7)}`;
  const { output: _output, ...rest } = flags;
  const valid = validatePvcFlags(probeName, { ...rest, timeout: '5m', wait: true, dryRun: 'none', label: flags.label ?? [], accessMode: flags.accessMode ?? [] });
  const client = ClusterClient.connect(connectionOptions(flags));
  const items = await checkClone(client, { ...valid, source: { namespace: client.namespace, name: sourceName } });
  print(items, flags.output, terminal);
  return items.some((item) => item.status === 'fail') ? exitCodes.findings : exitCodes.ok;
}

function print(items: readonly CheckItem[], output: string | undefined, terminal: Terminal): void {
  if (output === 'json') {
    terminal.stdout(`${JSON.stringify({ checks: items, ok: !items.some((item) => item.status === 'fail') }, null, 2)}\n`);
    return;
  }
  const c = createColors(terminal.color);
  const mark: Record<CheckStatus, string> = { pass: c.green('pass'), warn: c.yellow('warn'), fail: c.red('FAIL'), info: c.blue('info'), unknown: c.magenta('unkn') };
  const width = Math.max(...items.map((item) => item.check.length));
  for (const item of items) terminal.stdout(`${mark[item.status]}  ${item.check.padEnd(width)}  ${item.detail}\n`);
}
