export { ClusterClient, snapshotApi, gatewayApi, toClaimEvent, type ClaimEvent, type DryRun } from './client.js';
export { resolveConfig, ClusterConfigError, type ConnectionOptions, type ResolvedConfig } from './kubeconfig.js';
export { ClusterError, isNotFound } from './errors.js';
export { readSourceFacts, clusterFactsOf } from './read-facts.js';
export { checkAccess, describeDenial, type AccessCheck, type AccessDenial } from './access.js';
export { explainEvent, type EventExplanation } from './explain.js';
export { waitForBound, type WaitOptions, type WaitOutcome } from './wait.js';
export { readLintFacts } from './lint-facts.js';
