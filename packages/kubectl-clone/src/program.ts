import { Command, CommanderError } from 'commander';
import { lintCommand } from './commands/lint.js';
import { pvcCommand } from './commands/pvc.js';
import { rulesCommand } from './commands/rules.js';
import { checkCommand, listCommand, pruneCommand } from './commands/cluster-commands.js';
import { resumeCommand, workloadCommand } from './commands/workload.js';
import { exitCodes, isCliError } from './errors.js';
import type { Terminal } from './terminal.js';

import { version } from './version.js';
import tab from '@bomb.sh/tab/commander';

export function buildProgram(terminal: Terminal): Command {
  // named kubectl-clone while the completion scripts are made (they must call the executable by
  // that name), then shown as `kubectl clone`, how users call it
  const program = new Command('kubectl-clone')
    .description('Clone Kubernetes PersistentVolumeClaims safely: check, plan and lint dataSource clones')
    .version(version, '--version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => terminal.stdout(text),
      writeErr: (text) => terminal.stderr(text),
    })
    .exitOverride();
  for (const command of [pvcCommand(terminal), workloadCommand(terminal), resumeCommand(terminal), checkCommand(terminal), listCommand(terminal), pruneCommand(terminal), lintCommand(terminal), rulesCommand(terminal)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (t) => terminal.stdout(t), writeErr: (t) => terminal.stderr(t) }));
  }
  // `kubectl-clone completion bash|zsh|fish|powershell` prints a script; `kubectl-clone complete --
  // <words>` answers the shell in cobra's protocol, which kubectl also speaks to the plugin
  // completion hook kubectl_complete-clone (scripts/kubectl_complete-clone)
  tab(program, { completionCommandName: 'completion' });
  program.name('kubectl clone');
  return program;
}

/** Run the CLI; returns the exit code. Never throws for user errors and never prints a stack trace. */
export async function run(argv: readonly string[], terminal: Terminal): Promise<number> {
  const program = buildProgram(terminal);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return terminal.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version end here too, with exit code 0
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.failure;
    }
    if (isCliError(error)) {
      terminal.stderr(`kubectl-clone: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = process.env.KUBECTL_CLONE_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : ' (set KUBECTL_CLONE_DEBUG=1 for details, and please report it)';
    terminal.stderr(`kubectl-clone: internal error: ${(error as Error)?.message ?? String(error)}${detail}\n`);
    return exitCodes.failure;
  }
}
