import type { ClaimRule, ObjectRule, RuleMeta } from './types.js';
import { kindCase } from './kind-case.js';
import { unknownField } from './unknown-field.js';
import { volumeNameWithSource, selectorWithSource } from './prebound-clone.js';
import { serverSetFields } from './server-set-fields.js';
import { cloneSizeMustMatch } from './clone-size-must-match.js';
import { parseRules } from './parse-rules.js';
import { quantitySyntax } from './quantity-syntax.js';
import { datasourceNamespaceField } from './datasource-namespace-field.js';
import { crossNamespaceRefDropped } from './cross-namespace-ref-dropped.js';
import { datasourceRefUnsupported } from './datasource-ref-unsupported.js';
import { datasourceSilentlyDropped } from './datasource-silently-dropped.js';
import { storageRequestRequired } from './storage-request-required.js';
import { storageRequestPositive } from './storage-request-positive.js';
import { storageRequestFractional } from './storage-request-fractional.js';
import { datasourceNameRequired } from './datasource-name-required.js';
import { datasourceKindRequired } from './datasource-kind-required.js';
import { datasourceKindCoreGroup } from './datasource-kind-core-group.js';
import { datasourceApiGroupInvalid } from './datasource-api-group-invalid.js';
import { datasourceRefNamespaceInvalid } from './datasource-ref-namespace-invalid.js';
import { datasourceMismatch } from './datasource-mismatch.js';
import { datasourceWithRefNamespace } from './datasource-with-ref-namespace.js';
import { volumeModeInvalid } from './volume-mode-invalid.js';
import { accessModesRequired } from './access-modes-required.js';
import { selfReference } from './self-reference.js';
import { sourceNotFound } from './source-not-found.js';
import { sourceNotBound } from './source-not-bound.js';
import { sourceStorageClassEmpty } from './source-storage-class-empty.js';
import { cloneSmallerThanSource } from './clone-smaller-than-source.js';
import { volumeModeMismatch } from './volume-mode-mismatch.js';
import { csiDriverMismatch } from './csi-driver-mismatch.js';
import { storageClassDiffers } from './storage-class-differs.js';
import { storageClassEmpty } from './storage-class-empty.js';
import { storageClassNotFound } from './storage-class-not-found.js';
import { defaultStorageClass } from './default-storage-class.js';
import { inTreeProvisioner } from './in-tree-provisioner.js';
import { coreApiGroup } from './core-api-group.js';
import { populatorSource } from './populator-source.js';
import { snapshotApiGroup } from './snapshot-api-group.js';
import { crossNamespaceProvisionerGate } from './cross-namespace-provisioner-gate.js';
import { referenceGrant } from './reference-grant.js';
import { crossNamespaceCloneProtection } from './cross-namespace-clone-protection.js';
import { sourceInUse } from './source-in-use.js';

/** In the order the apiserver and then the controllers act on a new claim. */
export const claimRules: readonly ClaimRule[] = [
  // decode
  unknownField,
  quantitySyntax,
  datasourceNamespaceField,
  // DropDisabledFields
  crossNamespaceRefDropped,
  datasourceRefUnsupported,
  // EnforceDataSourceBackwardsCompatibility
  datasourceSilentlyDropped,
  // ValidatePersistentVolumeClaimSpec (after NormalizeDataSources)
  accessModesRequired,
  storageRequestRequired,
  storageRequestPositive,
  storageRequestFractional,
  volumeModeInvalid,
  datasourceNameRequired,
  datasourceKindRequired,
  datasourceKindCoreGroup,
  datasourceApiGroupInvalid,
  datasourceRefNamespaceInvalid,
  datasourceWithRefNamespace,
  datasourceMismatch,
  serverSetFields,
  // controller-manager, external-provisioner, driver: cross-object
  storageClassEmpty,
  storageClassNotFound,
  volumeNameWithSource,
  selectorWithSource,
  defaultStorageClass,
  inTreeProvisioner,
  selfReference,
  sourceNotFound,
  sourceNotBound,
  sourceStorageClassEmpty,
  cloneSmallerThanSource,
  cloneSizeMustMatch,
  volumeModeMismatch,
  csiDriverMismatch,
  storageClassDiffers,
  coreApiGroup,
  snapshotApiGroup,
  populatorSource,
  crossNamespaceProvisionerGate,
  referenceGrant,
  crossNamespaceCloneProtection,
  sourceInUse,
];

/** Checks of every object of a document, claim or not, before the claim rules. */
export const objectRules: readonly ObjectRule[] = [kindCase];

/**
 * What an example in prose that shows a claim in part (elided, or only its dataSource) is checked
 * for: the data source itself and the fields it does show, never the fields it leaves out.
 */
export const dataSourceRuleIds: ReadonlySet<string> = new Set([
  unknownField, datasourceNamespaceField, crossNamespaceRefDropped, datasourceRefUnsupported, datasourceSilentlyDropped,
  datasourceNameRequired, datasourceKindRequired, datasourceKindCoreGroup, datasourceApiGroupInvalid, datasourceRefNamespaceInvalid,
  datasourceWithRefNamespace, datasourceMismatch, selfReference, coreApiGroup, snapshotApiGroup, populatorSource,
  crossNamespaceProvisionerGate, referenceGrant, crossNamespaceCloneProtection, volumeNameWithSource, selectorWithSource, serverSetFields,
].map((rule) => rule.meta.id));

export const allRules: readonly RuleMeta[] = [...parseRules, ...objectRules.map((rule) => rule.meta), ...claimRules.map((rule) => rule.meta)];


/** Rules whose note is said once per file (ClaimContext.firstInFile): a linter that checks a file in pieces keeps the first. */
export const oncePerFileRuleIds: ReadonlySet<string> = new Set(['source-not-found']);
