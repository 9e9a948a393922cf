import { allRules } from '@kubectl-clone/core';
import type { Terminal } from '../terminal.js';

export function runRules(flags: { output: string }, terminal: Terminal): void {
  if (flags.output === 'json') {
    terminal.stdout(`${JSON.stringify(allRules, null, 2)}\n`);
    return;
  }
  const width = Math.max(...allRules.map((meta) => meta.id.length));
  for (const meta of allRules) {
    terminal.stdout(`${meta.id.padEnd(width)}  ${meta.reference.padEnd(6)}  ${meta.severity.padEnd(7)}  ${meta.layer.padEnd(20)}  ${meta.fixable ? 'fix' : '   '}  ${meta.title}\n`);
  }
}
