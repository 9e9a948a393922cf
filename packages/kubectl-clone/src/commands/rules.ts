import { Command, Option } from 'commander';
import { loadOffline } from '../load-offline.js';
import type { Terminal } from '../terminal.js';

export function rulesCommand(terminal: Terminal): Command {
  return new Command('rules')
    .description('list the rules: id, default severity, the Kubernetes layer that acts, whether --fix fixes it')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { output: string }) => {
      (await loadOffline()).runRules(flags, terminal);
    });
}
