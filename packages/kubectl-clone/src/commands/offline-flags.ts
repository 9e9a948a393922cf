import { CliError } from '../errors.js';

/** With -f nothing is asked of a cluster, so only a client-side dry run makes sense. */
export function assertNoLiveOnlyFlags(flags: { dryRun: string }): void {
  if (flags.dryRun !== 'client') throw new CliError(`--dry-run=${flags.dryRun} needs a cluster; with -f only --dry-run=client is possible`);
}
