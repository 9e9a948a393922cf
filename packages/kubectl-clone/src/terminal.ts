
/** What a command may do to the outside world; tests give their own. */
export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
  exitCode: number;
}

export function processTerminal(): Terminal {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: wantsColor(process.env, Boolean(process.stdout.isTTY)),
    isTTY: Boolean(process.stdout.isTTY),
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
