import type { CloneOptions } from '../plan.js';
import type { ProfileOptions } from '../profile.js';

/** What a front end asks the engine for, every value already checked (see the adapters' flag parsing). */
export interface CloneRequest {
  readonly source: { readonly namespace: string; readonly name: string };
  /** The planner's options, except what the engine reads from the cluster (profile, existing grants). */
  readonly options: Omit<CloneOptions, 'profile' | 'existingGrants'>;
  /** What the user set of the target profile; the server's version fills in the rest (clusterProfile). */
  readonly profile: ProfileOptions;
  /**
   * none: create; client: plan only (reads, no access review, no server call);
   * server: everything up to the writes, asked of the apiserver with dryRun=All.
   */
  readonly dryRun: 'none' | 'client' | 'server';
  /** false: return once the claim is created (kubectl's --wait=false). */
  readonly wait: boolean;
  /** How long each wait may take (snapshot ready, Bound). */
  readonly timeoutMs: number;
  /**
   * WaitForFirstConsumer classes: undefined hands the clone off once created (it binds when a pod
   * mounts it); a number waits that long for the first pod to mount it and reports pod and node.
   */
  readonly waitForConsumerMs?: number;
  /** Keep the snapshot strategy's VolumeSnapshot after the restore is Bound. */
  readonly keepSnapshot: boolean;
  /** scale: scale the Deployments/StatefulSets whose pods mount the source to 0 and back. */
  readonly quiesce: 'none' | 'scale';
  /** The copy strategy's helper image (--image); default busybox (copy.ts says why). */
  readonly image?: string;
  /** --to-context: the kubeconfig context the clone is made in (the engine gets its client beside this request). */
  readonly targetContext?: string;
}
