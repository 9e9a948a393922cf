import { coreGroupKind, isCoreGroup, snapshotGroup, type DataSourceValue } from '../apiserver/data-sources.js';
import type { TextEdit } from '../findings.js';
import type { ClaimContext } from './types.js';
import { allEdits, removeFieldEdit, setFieldEdit, sourceRange, type SourceKey } from './edits.js';
import type { SourceRange } from '../findings.js';

/**
 * What the user most likely meant by a data source the apiserver will not take as written:
 * `kind: pvc`, `persistentvolumeclaim`, `apiGroup: core` / `v1`, a VolumeSnapshot without its
 * group or with `snapshot.storage.k8s.io/v1`. Shared by the rules that fire on these spellings in
 * dataSource (A12: dropped) and dataSourceRef (A7, A8, P11, P13: rejected or non-canonical).
 */
export interface SourceSpelling {
  readonly intended: 'PersistentVolumeClaim' | 'VolumeSnapshot' | undefined;
  /** Each problem with the field it is about. */
  readonly problems: { readonly key: SourceKey; readonly text: string }[];
  readonly kind?: string;
  /** null: remove apiGroup (the core group). */
  readonly apiGroup?: string | null;
}

export function readSpelling(source: DataSourceValue): SourceSpelling {
  const normalizedKind = (source.kind ?? '').toLowerCase().replace(/s$/, '');
  const group = source.apiGroup ?? '';
  if (normalizedKind === 'persistentvolumeclaim' || normalizedKind === 'pvc') {
    const problems: SourceSpelling['problems'] = [];
    const spelling: { kind?: string; apiGroup?: string | null } = {};
    if (source.kind !== coreGroupKind) {
      problems.push({ key: 'kind', text: `kind is case-sensitive and "${source.kind}" is not a kind: use ${coreGroupKind}` });
      spelling.kind = coreGroupKind;
    }
    if (!isCoreGroup(source)) {
      problems.push({ key: 'apiGroup', text: `apiGroup "${group}" is not the core group: omit apiGroup (the core group is "")` });
      spelling.apiGroup = null;
    }
    return { intended: 'PersistentVolumeClaim', problems, ...spelling };
  }
  if (normalizedKind === 'volumesnapshot') {
    const problems: SourceSpelling['problems'] = [];
    const spelling: { kind?: string; apiGroup?: string | null } = {};
    if (source.kind !== 'VolumeSnapshot') {
      problems.push({ key: 'kind', text: `kind is case-sensitive: use VolumeSnapshot` });
      spelling.kind = 'VolumeSnapshot';
    }
    if (group !== snapshotGroup) {
      problems.push({
        key: 'apiGroup',
        text: group === ''
          ? `a VolumeSnapshot needs apiGroup: ${snapshotGroup}`
          : group.startsWith(`${snapshotGroup}/`)
            ? `apiGroup is a group, not group/version: use ${snapshotGroup}`
            : `VolumeSnapshot belongs to apiGroup ${snapshotGroup}, not "${group}"`,
      });
      spelling.apiGroup = snapshotGroup;
    }
    return { intended: 'VolumeSnapshot', problems, ...spelling };
  }
  return { intended: undefined, problems: [] };
}

/** Edits that respell `source` as intended, or undefined where one cannot be written safely. */
export function respellEdits(context: ClaimContext, source: DataSourceValue, spelling: SourceSpelling): TextEdit[] | undefined {
  const edits: (TextEdit | undefined)[] = [];
  if (spelling.kind) edits.push(setFieldEdit(context, source.path, 'kind', spelling.kind));
  if (spelling.apiGroup === null) edits.push(removeFieldEdit(context, source.path, 'apiGroup', true));
  else if (spelling.apiGroup) edits.push(setFieldEdit(context, source.path, 'apiGroup', spelling.apiGroup));
  if (edits.length === 0) return undefined;
  return allEdits(edits);
}

export function respellTitle(spelling: SourceSpelling): string {
  const parts: string[] = [];
  if (spelling.kind) parts.push(`kind: ${spelling.kind}`);
  if (spelling.apiGroup === null) parts.push('no apiGroup');
  else if (spelling.apiGroup) parts.push(`apiGroup: ${spelling.apiGroup}`);
  return `Use ${parts.join(' and ')}`;
}

/** The first problem's field, as the finding's range. */
export function spellingRange(context: ClaimContext, source: DataSourceValue, spelling: SourceSpelling): SourceRange {
  return sourceRange(context, source, spelling.problems[0]?.key);
}
