import pc from 'picocolors';

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
    // picocolors honours NO_COLOR, FORCE_COLOR and whether stdout is a terminal
    color: pc.isColorSupported,
    isTTY: Boolean(process.stdout.isTTY),
    exitCode: 0,
  };
}
