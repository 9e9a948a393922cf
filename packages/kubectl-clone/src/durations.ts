import { DurationError, durationExamples, parseDurationMs } from '@kubectl-clone/core';
import { CliError } from './errors.js';

/** A flag's duration through the core's one parser; a one-line CliError naming the flag. */
export function parseDuration(text: string, flag: string): number {
  try {
    return parseDurationMs(text);
  } catch (error) {
    if (error instanceof DurationError) throw new CliError(`invalid ${flag} "${text}": use a duration such as ${durationExamples}`);
    throw error;
  }
}
