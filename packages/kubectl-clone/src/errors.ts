/** Exit codes, as markdownlint-cli2 and ESLint use them. */
export const exitCodes = { ok: 0, findings: 1, failure: 2 } as const;

/** A failure of the command itself (bad flag, unreadable file): one line, exit 2, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = exitCodes.failure) {
    super(message);
    this.name = 'CliError';
  }
}

/** By shape, not class: the cluster bundle carries its own copy of this class. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === 'CliError' && typeof (error as CliError).exitCode === 'number';
}
