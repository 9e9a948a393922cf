// The clone engine: plan -> decision -> access checks -> ordered steps -> outcome. It talks to a
// cluster through ClusterClient, so it lives beside src/cluster and loads only with it.
export type { CloneRequest } from './request.js';
export { succeeded, type CloneEvent, type CloneIO, type CloneOutcome, type CloneQuestions } from './events.js';
export { decide, type CloneDecision } from './decide.js';
export { stepsOf, accessChecksOf, plannedObjects, removalOf, type CloneStep, type PlannedObjects, type PlannedSnapshot } from './steps.js';
export { runClone, prepareClone, executeClone, planFromCluster, type PreparedClone } from './run.js';
export { runWorkloadClone, WorkloadInputError, type WorkloadCloneRequest, type WorkloadOutcome } from './workload.js';
export { checkClone, type CheckItem, type CheckStatus } from './check.js';
export { quiesceWriters, resumeWriter, QuiesceStop } from './quiesce.js';
export { outcomeText, topologyOf, claimEventText, strategyText } from './texts.js';
export { planPrune, executePrune, type PruneRequest, type PrunePlan, type PruneHelper } from './prune.js';
export { copyVolume, copyPods, podRefusal, formatBytes, CopyError, copyCapabilities, defaultCopyImage, type CopyJob, type CopyProgress, type CopyResult, type CopySide } from './copy.js';
