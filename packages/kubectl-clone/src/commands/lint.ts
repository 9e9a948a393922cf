import { collect } from './repeatable.js';
import { Command, Option } from 'commander';
import { defaultExtensions } from '../inputs.js';
import { addProfileFlags, type ProfileFlags } from '../profile-flags.js';
import type { Terminal } from '../terminal.js';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags.js';
import { loadOffline } from '../load-offline.js';

export interface LintFlags extends ProfileFlags, ConnectionFlags {
  cluster?: boolean;
  output: string;
  fix?: boolean;
  rule: string[];
  quiet?: boolean;
  ext?: string;
}

export function lintCommand(terminal: Terminal): Command {
  const command = new Command('lint')
    .description('check PVC clone manifests for dataSource mistakes, offline, in YAML files and in the Markdown and shell scripts that embed them')
    .argument('[paths...]', `files, directories (recursive: ${defaultExtensions.join(' ')}) or - for standard input (YAML)`)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--fix', 'apply safe fixes in place (atomically; comments and formatting are kept)')
    .option('--rule <id=severity>', 'set a rule to error, warning, info or off (repeatable)', collect, [])
    .option('-q, --quiet', 'report errors only')
    .option('--cluster', 'add live facts: the sources the files name, their PVs, classes and drivers, as the cluster has them')
    .option('--ext <list>', `extensions a directory is searched for, comma-separated (default: ${defaultExtensions.map((extension) => extension.slice(1)).join(',')})`)
    .addHelpText('after', `
Examples:
  kubectl clone lint manifests/
  kubectl clone lint docs/ README.md scripts/     # YAML in \`\`\`yaml blocks and kubectl heredocs
  kubectl clone lint --ext md docs/
  kubectl clone lint --fix clone.yaml
  kubectl clone lint --cluster -n shop clones/     # with the sources as the cluster has them
  helm template ./chart | kubectl clone lint -
  kubectl clone lint -o sarif k8s/ > kubectl-clone.sarif

Markdown (.md, .markdown) and shell (.sh) files are linted where they embed YAML: fenced yaml
blocks, manifests in untagged blocks, and heredocs fed to kubectl apply/create/replace -f -.
Each such file is a bundle of its own; --fix edits inside its blocks only.

Exit codes: 0 no errors, 1 errors found, 2 the command failed.`);
  addProfileFlags(command);
  addConnectionFlags(command);
  command.action(async (paths: string[], flags: LintFlags) => {
    // nothing named and nobody piping: reading the terminal would look like a hang
    if (paths.length === 0 && process.stdin.isTTY) {
      command.outputHelp({ error: true });
      terminal.exitCode = 2;
      return;
    }
    terminal.exitCode = await (await loadOffline()).runLint(paths, flags, terminal);
  });
  return command;
}

