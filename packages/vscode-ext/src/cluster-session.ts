import type {
  PersistentVolumeClaimObject, SourceFacts, SourceReference, StorageClassObject,
} from '@kubectl-clone/core';
import type { CloneIO, CloneOutcome, CloneRequest } from '@kubectl-clone/core/clone';
import type { VerifyIO, VerifyOutcome, VerifyRequest } from '@kubectl-clone/core/verify';
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
  /** The namespaces' names (a 403 when the user may not list them: the clone's namespace is then typed). */
  listNamespaces(): Promise<string[]>;
  readClaim(namespace: string, name: string): Promise<PersistentVolumeClaimObject | undefined>;
  /** The claim's events, newest last, each with the core's explanation. */
  claimEvents(namespace: string, name: string): Promise<ClaimEventSummary[]>;
  readSourceFacts(namespace: string, name: string): Promise<SourceFacts>;
  /** What `lint --cluster` reads for these sources (readLintFacts): the cluster diagnostics' facts. */
  readLintFacts(references: readonly SourceReference[]): Promise<LintFactsResult>;
  /** The core's clone engine against this cluster: every write of a clone is made there, none here. */
  runClone(request: CloneRequest, io: CloneIO): Promise<CloneOutcome>;
  /** The core's verify (helper pods compare a clone with its source); both claims in this cluster. */
  runVerify?(request: VerifyRequest, io: VerifyIO): Promise<VerifyOutcome>;
}

export type Connect = (connection: Connection) => ClusterSession;
