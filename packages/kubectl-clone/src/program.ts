import { Command, CommanderError } from 'commander';
import { lintCommand } from './commands/lint.js';
import { pvcCommand } from './commands/pvc.js';
import { rulesCommand } from './commands/rules.js';
import { checkCommand, listCommand, pruneCommand } from './commands/cluster-commands.js';
import { resumeCommand, workloadCommand } from './commands/workload.js';
import { verifyCommand } from './commands/verify.js';
import { exitCodes, isCliError } from './errors.js';
import type { Terminal } from './terminal.js';

import { version } from './version.js';
import tab from '@bomb.sh/tab/commander';
import { script } from '@bomb.sh/tab';
import { completionAnswer, completionRequest } from './completion.js';
import { loadLive } from './load-live.js';

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
  for (const command of [pvcCommand(terminal), workloadCommand(terminal), resumeCommand(terminal), checkCommand(terminal), listCommand(terminal), pruneCommand(terminal), verifyCommand(terminal), lintCommand(terminal), rulesCommand(terminal)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (t) => terminal.stdout(t), writeErr: (t) => terminal.stderr(t) }));
  }
  // `kubectl-clone completion bash|zsh|fish|powershell` prints a script; `kubectl-clone complete --
  // <words>` answers the shell in cobra's protocol, which kubectl also speaks to the plugin
  // completion hook kubectl_complete-clone (scripts/kubectl_complete-clone)
  tab(program, { completionCommandName: 'completion' });
  program.commands.find((c) => c.name() === 'completion')?.action((shell: string) => terminal.stdout(completionScript(shell)));
  program.name('kubectl clone');
  return program;
}

/** Run the CLI; returns the exit code. Never throws for user errors and never prints a stack trace. */
export async function run(argv: readonly string[], terminal: Terminal): Promise<number> {
  const program = buildProgram(terminal);
  try {
    // claims, namespaces, classes, workloads and contexts come from the cluster, which tab's
    // synchronous handlers cannot ask: answered here, the static rest by tab
    const request = argv[0] === 'complete' && argv[1] === '--' ? completionRequest(program, argv.slice(2)) : undefined;
    if (request) {
      terminal.stdout(completionAnswer(request, await (await loadLive()).completionValues(request)));
      return exitCodes.ok;
    }
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

/** tab's script, safe to source twice (its bash variant declares readonly variables). */
function completionScript(shell: string): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.join(' '));
  try {
    script(shell, 'kubectl-clone', 'kubectl-clone');
  } finally {
    console.log = log;
  }
  return `${lines.join('\n').replace(/^readonly (ShellCompDirective\w+=)/gm, '$1')}\n`;
}
