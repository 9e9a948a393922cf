/**
 * The fields of a PersistentVolumeClaim as the Kubernetes API defines them, read from the model
 * metadata @kubernetes/client-node generates from the API's OpenAPI document (each model's
 * attributeTypeMap: JSON name and type). Only the models a claim reaches are imported, so the
 * offline engine does not load the whole client; test/manifest/claim-schema.test.ts checks that
 * every type they reference is here.
 */
import { V1LabelSelector } from '@kubernetes/client-node/dist/gen/models/V1LabelSelector.js';
import { V1LabelSelectorRequirement } from '@kubernetes/client-node/dist/gen/models/V1LabelSelectorRequirement.js';
import { V1ManagedFieldsEntry } from '@kubernetes/client-node/dist/gen/models/V1ManagedFieldsEntry.js';
import { V1ModifyVolumeStatus } from '@kubernetes/client-node/dist/gen/models/V1ModifyVolumeStatus.js';
import { V1ObjectMeta } from '@kubernetes/client-node/dist/gen/models/V1ObjectMeta.js';
import { V1OwnerReference } from '@kubernetes/client-node/dist/gen/models/V1OwnerReference.js';
import { V1PersistentVolumeClaim } from '@kubernetes/client-node/dist/gen/models/V1PersistentVolumeClaim.js';
import { V1PersistentVolumeClaimCondition } from '@kubernetes/client-node/dist/gen/models/V1PersistentVolumeClaimCondition.js';
import { V1PersistentVolumeClaimSpec } from '@kubernetes/client-node/dist/gen/models/V1PersistentVolumeClaimSpec.js';
import { V1PersistentVolumeClaimStatus } from '@kubernetes/client-node/dist/gen/models/V1PersistentVolumeClaimStatus.js';
import { V1PersistentVolumeClaimTemplate } from '@kubernetes/client-node/dist/gen/models/V1PersistentVolumeClaimTemplate.js';
import { V1TypedLocalObjectReference } from '@kubernetes/client-node/dist/gen/models/V1TypedLocalObjectReference.js';
import { V1TypedObjectReference } from '@kubernetes/client-node/dist/gen/models/V1TypedObjectReference.js';
import { V1VolumeResourceRequirements } from '@kubernetes/client-node/dist/gen/models/V1VolumeResourceRequirements.js';

interface Model {
  readonly attributeTypeMap: readonly { readonly baseName: string; readonly type: string }[];
}

export const claimModels: Readonly<Record<string, Model>> = {
  V1LabelSelector, V1LabelSelectorRequirement, V1ManagedFieldsEntry, V1ModifyVolumeStatus, V1ObjectMeta, V1OwnerReference,
  V1PersistentVolumeClaim, V1PersistentVolumeClaimCondition, V1PersistentVolumeClaimSpec, V1PersistentVolumeClaimStatus,
  V1PersistentVolumeClaimTemplate, V1TypedLocalObjectReference, V1TypedObjectReference, V1VolumeResourceRequirements,
};

/** A model's fields by JSON name, each with the model of its value (or of its items) where that is an object. */
export interface ObjectSchema {
  readonly model: string;
  readonly fields: ReadonlyMap<string, { readonly model?: string; readonly list: boolean }>;
}

const cache = new Map<string, ObjectSchema>();

/** undefined for a type that is not an object with known fields (strings, maps of strings, dates). */
export function schemaOf(model: string): ObjectSchema | undefined {
  const cached = cache.get(model);
  if (cached) return cached;
  const source = claimModels[model];
  if (!source) return undefined;
  const fields = new Map<string, { model?: string; list: boolean }>();
  for (const attribute of source.attributeTypeMap) {
    const list = /^Array<(.+)>$/.exec(attribute.type);
    const inner = list ? list[1]! : attribute.type;
    fields.set(attribute.baseName, { ...(/^V\d\w*$/.test(inner) ? { model: inner } : {}), list: Boolean(list) });
  }
  const schema = { model, fields };
  cache.set(model, schema);
  return schema;
}

/** Every model type a field of `model` refers to, transitively (for the completeness test). */
export function referencedModels(model: string, seen = new Set<string>()): Set<string> {
  if (seen.has(model)) return seen;
  seen.add(model);
  const source = claimModels[model];
  for (const attribute of source?.attributeTypeMap ?? []) {
    const inner = /^Array<(.+)>$/.exec(attribute.type)?.[1] ?? attribute.type;
    if (/^V\d\w*$/.test(inner)) referencedModels(inner, seen);
  }
  return seen;
}
