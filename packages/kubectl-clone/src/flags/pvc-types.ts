import type { ConnectionFlags } from '../connection-flags.js';
import type { ProfileFlags } from '../profile-flags.js';

/** `kubectl clone pvc` and `check` flags as commander gives them (unchecked strings). */
export interface PvcFlags extends ProfileFlags, ConnectionFlags {
  filename?: string[];
  storageClass?: string;
  size?: string;
  accessMode: string[];
  volumeMode?: string;
  nameTemplate?: string;
  label: string[];
  output?: string;
  dryRun: string;
  force?: boolean;
  wait: boolean;
  timeout: string;
  /** --wait-for-consumer alone is true (wait --timeout); with a value, that duration. */
  waitForConsumer?: string | boolean;
  strategy?: string;
  keepSnapshot?: boolean;
  ttl?: string;
  toNamespace?: string;
  /** commander's --no-grant: false means use only ReferenceGrants that exist. */
  grant?: boolean;
  quiesce?: string;
  image?: string;
  toContext?: string;
}

