import type { ConnectionFlags } from '../connection-flags.js';
import type { ProfileFlags } from '../profile-flags.js';

/** `kubectl clone workload` flags as commander gives them (unchecked strings). */
export interface WorkloadFlags extends ProfileFlags, ConnectionFlags {
  suffix: string;
  apply?: boolean;
  strategy: string;
  keepSnapshot?: boolean;
  ttl?: string;
  label: string[];
  force?: boolean;
  timeout: string;
  dryRun: string;
  output?: string;
  quiesce?: string;
}
