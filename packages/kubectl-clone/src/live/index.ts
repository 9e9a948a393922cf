/**
 * The commands that talk to a cluster. Built as a second bundle (dist/clone-cluster.cjs) and
 * loaded on first use, so `lint` and `--version` start without parsing the Kubernetes client.
 * Each entry turns the cluster's known failures into one-line CliErrors.
 */
import { withClusterErrors } from '../cluster-errors.js';
import type { PvcFlags } from '../flags/pvc-types.js';
import type { Terminal } from '../terminal.js';
import { runCheck } from './check.js';
import { runList, type ListFlags } from './list.js';
import { runPrune, type PruneFlags } from './prune.js';
import { runResume, runWorkload } from './workload.js';
import { runVerifyLive, type VerifyFlags } from './verify.js';
import type { ConnectionFlags } from '../connection-flags.js';
import type { WorkloadFlags } from '../flags/workload-types.js';

export { runPvcLiveCommand } from './pvc.js';

export const runCheckCommand = (source: string, flags: PvcFlags, terminal: Terminal) => withClusterErrors(() => runCheck(source, flags, terminal));
export const runListCommand = (flags: ListFlags, terminal: Terminal) => withClusterErrors(() => runList(flags, terminal));
export const runWorkloadCommand = (ref: string, flags: WorkloadFlags, terminal: Terminal) => withClusterErrors(() => runWorkload(ref, flags, terminal));
export const runResumeCommand = (ref: string, flags: ConnectionFlags, terminal: Terminal) => withClusterErrors(() => runResume(ref, flags, terminal));
export const runPruneCommand = (flags: PruneFlags, terminal: Terminal) => withClusterErrors(() => runPrune(flags, terminal));
export const runVerifyCommand = (source: string, clone: string, flags: VerifyFlags, terminal: Terminal) => withClusterErrors(() => runVerifyLive(source, clone, flags, terminal));

import type { LintInput, TargetProfile } from '@kubectl-clone/core';
import { lintClusterFacts, type LintClusterFacts } from './lint-cluster.js';

export const lintClusterFactsCommand = (inputs: readonly LintInput[], profile: TargetProfile, flags: ConnectionFlags, terminal: Terminal): Promise<LintClusterFacts> =>
  withClusterErrors(() => lintClusterFacts(inputs, profile, flags, terminal));

export { completionValues } from './completion.js';
