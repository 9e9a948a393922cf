import type {
  PersistentVolumeClaimObject, SourceFacts, SourceReference, StorageClassObject,
} from '@kubectl-clone/core';
import type { LintFactsResult } from './cluster-diagnostics.js';

/** Which cluster: the settings (or the Kubernetes extension's configuration) say; empty = kubectl's defaults. */
export interface Connection {
  readonly kubeconfig?: string;
  readonly context?: string;
}

export interface ClaimEventSummary {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  /** explainEvent's words, when the core knows the message. */
  readonly explanation?: string;
  readonly ruleId?: string;
  readonly stuck: boolean;
}

export type WaitResult =
  | { readonly result: 'Bound'; readonly claim: PersistentVolumeClaimObject }
  | { readonly result: 'Timeout' | 'Aborted' | 'Deleted' | 'Lost'; readonly claim?: PersistentVolumeClaimObject; readonly lastEvent?: ClaimEventSummary; readonly stuck?: ClaimEventSummary };

/**
 * Everything the editor asks of a cluster. src/live implements it with @kubectl-clone/core/cluster
 * (and so @kubernetes/client-node) in a second bundle loaded on first use; tests use fakes.
 */
export interface ClusterSession {
  readonly context: string;
  /** The context's namespace (else "default"). */
  readonly namespace: string;
  readonly server: string;
  readonly source: string;
  /** The kubeconfig files this session was read from (watched: another context or namespace there is followed). */
  readonly files?: readonly string[];
  listClaims(namespace?: string): Promise<PersistentVolumeClaimObject[]>;
  listStorageClasses(): Promise<StorageClassObject[]>;
  readClaim(namespace: string, name: string): Promise<PersistentVolumeClaimObject | undefined>;
  /** The claim's events, newest last, each with the core's explanation. */
  claimEvents(namespace: string, name: string): Promise<ClaimEventSummary[]>;
  readSourceFacts(namespace: string, name: string): Promise<SourceFacts>;
  /** What `lint --cluster` reads for these sources (readLintFacts): the cluster diagnostics' facts. */
  readLintFacts(references: readonly SourceReference[]): Promise<LintFactsResult>;
  /** Denials (describeDenial's words) for creating claims in the namespace; [] when allowed. */
  checkCreate(namespace: string): Promise<string[]>;
  createClaim(claim: PersistentVolumeClaimObject, dryRun: 'server' | 'none'): Promise<PersistentVolumeClaimObject>;
  waitForBound(namespace: string, name: string, options: {
    timeoutMs: number; signal?: AbortSignal; onPhase?(phase: string): void; onEvent?(event: ClaimEventSummary): void;
  }): Promise<WaitResult>;
}

export type Connect = (connection: Connection) => ClusterSession;
