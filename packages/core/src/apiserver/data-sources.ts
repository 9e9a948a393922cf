import type { TargetProfile } from '../profile.js';
import type { ClaimSite } from '../manifest/claims.js';
import type { Path } from '../manifest/nodes.js';
import { isRecord } from '../manifest/objects.js';

/**
 * What kube-apiserver does to spec.dataSource / spec.dataSourceRef of a new claim, step by step,
 * as pkg/registry/core/persistentvolumeclaim/strategy.go PrepareForCreate calls it
 * (pkg/api/persistentvolumeclaim/util.go): decode, DropDisabledFields,
 * EnforceDataSourceBackwardsCompatibility, NormalizeDataSources; then validation.
 * Rules compare the stages to tell what was dropped and what the validator sees.
 */
export type SourceField = 'dataSource' | 'dataSourceRef';

export const coreGroupKind = 'PersistentVolumeClaim';
import { snapshotGroup } from '../api-groups.js';

export { snapshotGroup };

export interface DataSourceValue {
  /** The field this value was written in (a normalized copy keeps its origin's field and path). */
  readonly field: SourceField;
  readonly path: Path;
  /** undefined: no apiGroup key; null: `apiGroup: null` or `apiGroup:`. Both are Go's nil. */
  readonly apiGroup: string | null | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly raw: Record<string, unknown>;
}

export interface DataSources {
  readonly dataSource?: DataSourceValue;
  readonly dataSourceRef?: DataSourceValue;
}

export interface DataSourceStages {
  readonly written: DataSources;
  /** After decoding: dataSource.namespace does not exist in the schema (dropped unless strict). */
  readonly decoded: DataSources;
  readonly afterDrop: DataSources;
  readonly afterCompat: DataSources;
  /** The stored object's data sources. */
  readonly normalized: DataSources;
  /** What ValidatePersistentVolumeClaimSpec sees (templates skip steps 2-4). */
  readonly validated: DataSources;
  readonly dropped: { readonly dataSourceRef?: 'A13' | 'A14'; readonly dataSource?: 'A12' };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function readSource(spec: Record<string, unknown>, field: SourceField, specPath: Path): DataSourceValue | undefined {
  const raw = spec[field];
  if (raw === undefined || raw === null) return undefined;
  const record = isRecord(raw) ? raw : {};
  const apiGroup = !('apiGroup' in record) ? undefined : record.apiGroup === null ? null : text(record.apiGroup);
  return {
    field,
    path: [...specPath, field],
    apiGroup,
    kind: text(record.kind),
    name: text(record.name),
    namespace: text(record.namespace),
    raw: record,
  };
}

/** Go's *string: nil and "" differ. */
export function groupPointer(value: DataSourceValue): string | null {
  return value.apiGroup === undefined || value.apiGroup === null ? null : value.apiGroup;
}

export function isCoreGroup(value: DataSourceValue): boolean {
  return value.apiGroup === undefined || value.apiGroup === null || value.apiGroup === '';
}

/** util.go dataSourceIsPvcOrSnapshot: exact, case-sensitive. */
export function isPvcOrSnapshot(value: DataSourceValue): boolean {
  if (value.kind === coreGroupKind && isCoreGroup(value)) return true;
  return value.kind === 'VolumeSnapshot' && value.apiGroup === snapshotGroup;
}

/** Whether a source names a PVC as external-provisioner routes it: on Kind only (P11). */
export function isPvcSource(value: DataSourceValue | undefined): value is DataSourceValue {
  return value?.kind === coreGroupKind;
}

export function computeStages(claim: ClaimSite, profile: TargetProfile): DataSourceStages {
  const written: DataSources = {
    dataSource: readSource(claim.spec, 'dataSource', claim.specPath),
    dataSourceRef: readSource(claim.spec, 'dataSourceRef', claim.specPath),
  };
  // TypedLocalObjectReference has no namespace: strict decoding rejects it (A17), others drop it.
  const decoded: DataSources = {
    ...written,
    dataSource: written.dataSource && { ...written.dataSource, namespace: undefined },
  };
  if (claim.origin === 'ephemeral') {
    // Pod validation calls ValidatePersistentVolumeClaimSpec on the template without the
    // strategy's steps 2-4 (validation.go 1881-1897).
    return { written, decoded, afterDrop: decoded, afterCompat: decoded, normalized: decoded, validated: decoded, dropped: {} };
  }
  const dropped: { dataSourceRef?: 'A13' | 'A14'; dataSource?: 'A12' } = {};
  let afterDrop = decoded;
  if (decoded.dataSourceRef) {
    if (!profile.anyVolumeDataSource) dropped.dataSourceRef = 'A14';
    else if (decoded.dataSourceRef.namespace && !profile.apiserverCrossNamespace) dropped.dataSourceRef = 'A13';
    if (dropped.dataSourceRef) afterDrop = { ...decoded, dataSourceRef: undefined };
  }
  let afterCompat = afterDrop;
  if (afterDrop.dataSourceRef === undefined && afterDrop.dataSource && !isPvcOrSnapshot(afterDrop.dataSource)) {
    dropped.dataSource = 'A12';
    afterCompat = { ...afterDrop, dataSource: undefined };
  }
  let normalized = afterCompat;
  if (profile.anyVolumeDataSource) {
    if (afterCompat.dataSource && !afterCompat.dataSourceRef) {
      normalized = { ...afterCompat, dataSourceRef: { ...afterCompat.dataSource, namespace: undefined } };
    } else if (afterCompat.dataSourceRef && !afterCompat.dataSource && !afterCompat.dataSourceRef.namespace) {
      normalized = { ...afterCompat, dataSource: afterCompat.dataSourceRef };
    }
  }
  return { written, decoded, afterDrop, afterCompat, normalized, validated: normalized, dropped };
}

/** The source the claim will be provisioned from, as stored: dataSourceRef wins (it carries the namespace). */
export function effectiveSource(stages: DataSourceStages): DataSourceValue | undefined {
  return stages.normalized.dataSourceRef ?? stages.normalized.dataSource;
}

/** The data sources validation reports on, once per written node (a normalized copy shares its origin's path). */
export function validatedSources(stages: DataSourceStages): DataSourceValue[] {
  const seen = new Set<string>();
  const sources: DataSourceValue[] = [];
  for (const source of [stages.validated.dataSourceRef, stages.validated.dataSource]) {
    if (!source) continue;
    const key = source.path.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push(source);
  }
  return sources;
}

/** The spec path validation prints for a source: a normalized copy is reported under both fields. */
export function fieldPaths(stages: DataSourceStages, source: DataSourceValue): string[] {
  const fields = new Set<string>();
  for (const field of ['dataSource', 'dataSourceRef'] as const) {
    if (stages.validated[field]?.path.join('\u0000') === source.path.join('\u0000')) fields.add(`spec.${field}`);
  }
  return [...fields];
}
