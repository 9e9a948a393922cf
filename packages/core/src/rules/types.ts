import type { Document } from 'yaml';
import type { Fix, Layer, Severity, SourceRange } from '../findings.js';
import type { TargetProfile } from '../profile.js';
import type { ClaimSite } from '../manifest/claims.js';
import type { DataSourceStages } from '../apiserver/data-sources.js';
import type { ObjectIndex } from '../bundle.js';
import type { Locator } from '../manifest/locator.js';
import type { ManifestObject } from '../manifest/objects.js';

/**
 * The step of object creation a rule mirrors. Lint runs rules in this order, as the apiserver
 * does: decode, DropDisabledFields, EnforceDataSourceBackwardsCompatibility, NormalizeDataSources,
 * validation; then the checks of the controllers that act on the stored object.
 */
export type Phase = 'parse' | 'decode' | 'drop' | 'compat' | 'validate' | 'cross';

export const phaseOrder: readonly Phase[] = ['parse', 'decode', 'drop', 'compat', 'validate', 'cross'];

export interface RuleMeta {
  /** Stable id, used in output, settings and the docs page name. */
  readonly id: string;
  /** Row of shared/reference/clone-rules.md this rule enforces (A12, P6, ...). */
  readonly reference: string;
  readonly title: string;
  readonly severity: Severity;
  readonly layer: Layer;
  readonly phase: Phase;
  /** The upstream message the rule mirrors, verbatim with placeholders, where there is one. */
  readonly upstreamMessage?: string;
  /** Kubernetes versions the rule applies to. */
  readonly versions: string;
  readonly fixable: boolean;
}

export interface Report {
  readonly range: SourceRange;
  readonly message: string;
  readonly severity?: Severity;
  readonly fix?: Fix;
}

export interface ClaimContext {
  readonly claim: ClaimSite;
  readonly doc: Document.Parsed;
  readonly locator: Locator;
  readonly stages: DataSourceStages;
  readonly profile: TargetProfile;
  readonly bundle: ObjectIndex;
  report(report: Report): void;
  /** An earlier rule already reported an error on this claim: the apiserver rejects it before later checks matter. */
  rejected(): boolean;
  /** True the first time `key` is asked for in this claim's file: for notes that say something once per file. */
  firstInFile(key: string): boolean;
}

/** The context of a rule that looks at every object of a document, claim or not. */
export interface ObjectContext {
  readonly object: ManifestObject;
  readonly doc: Document.Parsed;
  readonly locator: Locator;
  report(report: Report): void;
}

export interface ObjectRule {
  readonly meta: RuleMeta;
  check(context: ObjectContext): void;
}

export interface ClaimRule {
  readonly meta: RuleMeta;
  check(context: ClaimContext): void;
}

export function docsUrl(id: string): string {
  return `https://github.com/kubectl-clone/kubectl-clone/blob/main/docs/rules/${id}.md`;
}
