
/** What a command may do to the outside world; tests give their own. */
export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
  /** Progress (spinner, phase line) may redraw in place: stderr is a terminal. */
  readonly progressTTY: boolean;
  /** Aborted on the first Ctrl-C; commands stop cleanly and say what they left behind. */
  readonly signal: AbortSignal;
  /** Ask a yes/no question on the terminal; false when there is no terminal to ask. */
  confirm(question: string): Promise<boolean>;
  exitCode: number;
}

export function processTerminal(signal: AbortSignal): Terminal {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: wantsColor(process.env, Boolean(process.stdout.isTTY)),
    isTTY: Boolean(process.stdout.isTTY),
    progressTTY: Boolean(process.stderr.isTTY),
    signal,
    confirm: (question) => askOnTerminal(question),
    exitCode: 0,
  };
}

/**
 * NO_COLOR (no-color.org) wins, FORCE_COLOR forces, otherwise colour only on a terminal.
 * (picocolors' own guess also turns colour on whenever CI is set, even into a pipe.)
 */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  // readline only when a question is asked: most commands never ask one
  const rl = process.getBuiltinModule('node:readline').createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
