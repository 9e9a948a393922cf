import type { Path } from './nodes.js';
import { arrayField, isRecord, objectsOf, recordField, stringField, type ManifestDocument, type ManifestObject } from './objects.js';

/**
 * Where a PersistentVolumeClaim spec lives. The apiserver treats them differently: a PVC goes
 * through the PVC strategy (silent drops), a generic ephemeral volume template is validated as
 * part of its Pod (rejected instead of dropped), and a StatefulSet's claim templates become PVCs
 * created by the StatefulSet controller (so they are dropped like PVCs).
 */
export type ClaimOrigin = 'PersistentVolumeClaim' | 'volumeClaimTemplate' | 'ephemeral';

export interface ClaimSite {
  readonly doc: ManifestDocument;
  readonly origin: ClaimOrigin;
  /** Path of the claim object (the PVC, or the template holding metadata and spec). */
  readonly path: Path;
  readonly specPath: Path;
  readonly spec: Record<string, unknown>;
  /** The claim's name (for templates: the template's name). */
  readonly name: string | undefined;
  /** The namespace the claim is created in; undefined: the one it is applied into. */
  readonly namespace: string | undefined;
  /** The workload that holds a template. */
  readonly owner?: { readonly kind: string; readonly name: string | undefined };
  /** "PersistentVolumeClaim data-clone", "StatefulSet db, volumeClaimTemplates[data]" */
  readonly label: string;
}

const podTemplatePaths: Record<string, readonly string[][]> = {
  Pod: [['spec']],
  Deployment: [['spec', 'template', 'spec']],
  StatefulSet: [['spec', 'template', 'spec']],
  DaemonSet: [['spec', 'template', 'spec']],
  ReplicaSet: [['spec', 'template', 'spec']],
  ReplicationController: [['spec', 'template', 'spec']],
  Job: [['spec', 'template', 'spec']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  PodTemplate: [['template', 'spec']],
};

function getPath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

/** The pod specs of a workload object, with their paths (Pod, Deployment, ..., CronJob). */
export function podSpecsOf(object: ManifestObject): { path: Path; spec: Record<string, unknown> }[] {
  const paths = podTemplatePaths[object.kind] ?? [];
  const specs: { path: Path; spec: Record<string, unknown> }[] = [];
  for (const relative of paths) {
    const spec = getPath(object.value, relative);
    if (isRecord(spec)) specs.push({ path: [...object.path, ...relative], spec });
  }
  return specs;
}

export function claimsOf(object: ManifestObject): ClaimSite[] {
  const claims: ClaimSite[] = [];
  const doc = object.doc;
  if (object.kind === 'PersistentVolumeClaim') {
    const spec = recordField(object.value, 'spec') ?? {};
    claims.push({
      doc, origin: 'PersistentVolumeClaim', path: object.path, specPath: [...object.path, 'spec'], spec,
      name: object.name, namespace: object.namespace, label: `PersistentVolumeClaim ${object.name ?? '(unnamed)'}`,
    });
    return claims;
  }
  if (object.kind === 'StatefulSet') {
    arrayField(recordField(object.value, 'spec'), 'volumeClaimTemplates').forEach((template, i) => {
      if (!isRecord(template)) return;
      const name = stringField(recordField(template, 'metadata'), 'name');
      const path = [...object.path, 'spec', 'volumeClaimTemplates', i];
      claims.push({
        doc, origin: 'volumeClaimTemplate', path, specPath: [...path, 'spec'], spec: recordField(template, 'spec') ?? {},
        name, namespace: object.namespace, owner: { kind: object.kind, name: object.name },
        label: `StatefulSet ${object.name ?? '(unnamed)'}, volumeClaimTemplates[${name ?? i}]`,
      });
    });
  }
  for (const podSpec of podSpecsOf(object)) {
    arrayField(podSpec.spec, 'volumes').forEach((volume, i) => {
      const template = recordField(recordField(volume, 'ephemeral'), 'volumeClaimTemplate');
      if (!template) return;
      const volumeName = stringField(volume, 'name');
      const path = [...podSpec.path, 'volumes', i, 'ephemeral', 'volumeClaimTemplate'];
      claims.push({
        doc, origin: 'ephemeral', path, specPath: [...path, 'spec'], spec: recordField(template, 'spec') ?? {},
        // the ephemeral volume controller names the PVC <pod>-<volume>
        name: volumeName, namespace: object.namespace, owner: { kind: object.kind, name: object.name },
        label: `${object.kind} ${object.name ?? '(unnamed)'}, ephemeral volume ${volumeName ?? i}`,
      });
    });
  }
  return claims;
}

export function claimsOfDocument(doc: ManifestDocument): ClaimSite[] {
  return objectsOf(doc).flatMap(claimsOf);
}

/** spec.resources.requests.storage as written (string, number, or absent). */
export function storageRequest(spec: Record<string, unknown> | undefined): unknown {
  const resources = spec?.resources;
  if (!isRecord(resources) || !isRecord(resources.requests)) return undefined;
  return resources.requests.storage;
}
