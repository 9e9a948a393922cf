import type { Finding } from '../findings.js';
import type { ClonePlan } from '../plan.js';

/** What the engine does with a plan before any write. */
export type CloneDecision =
  | { readonly verdict: 'go' }
  | { readonly verdict: 'refuse'; readonly message: string }
  | { readonly verdict: 'confirm'; readonly warnings: readonly Finding[]; readonly question: string; readonly refusal: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const nothingCreated = 'nothing was created';

/**
 * Errors refuse (the rules' own messages say why: they name the field and the upstream error);
 * the strategy's refusal covers what no rule does (no snapshot class for a driver that cannot
 * clone); warnings need the user's yes. One home for these words: the CLI and the editor show them.
 */
export function decide(plan: ClonePlan): CloneDecision {
  const what = `${plan.source.namespace}/${plan.source.name}`;
  const errors = plan.findings.filter((finding) => finding.severity === 'error');
  const warnings = plan.findings.filter((finding) => finding.severity === 'warning');
  if (errors.length > 0) {
    // a strategy that cannot work either says what would (e.g. --strategy copy across drivers)
    const strategy = plan.strategy ? '' : `; ${plan.choice.reason}: ${plan.choice.message}`;
    return { verdict: 'refuse', message: `refusing to clone ${what}: the checks found ${plural(errors.length, 'error')} that would leave the clone Pending or empty${strategy}; ${nothingCreated}` };
  }
  if (!plan.strategy) {
    return { verdict: 'refuse', message: `refusing to clone ${what}: ${plan.choice.reason}: ${plan.choice.message}; ${nothingCreated}` };
  }
  if (warnings.length > 0) {
    return {
      verdict: 'confirm', warnings,
      question: `Clone ${what} despite ${plural(warnings.length, 'warning')}?`,
      refusal: `refusing to clone ${what}: the checks found ${plural(warnings.length, 'warning')}; review ${warnings.length === 1 ? 'it' : 'them'}, then pass --force (or confirm); ${nothingCreated}`,
    };
  }
  return { verdict: 'go' };
}

export const crossNamespaceAdminSteps =
  'an administrator would have to enable --feature-gates=CrossNamespaceVolumeDataSource=true on kube-apiserver, kube-controller-manager and csi-provisioner (external-provisioner >= v3.4.0) and install the Gateway API ReferenceGrant CRD (v1beta1)';
