import { annotationPrefix, managedByLabel } from './generate.js';

/**
 * Workload clones: the claims a Deployment, StatefulSet or Pod mounts, and a copy of the
 * workload that mounts their clones. Pure functions over plain objects (the API's JSON).
 */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'Pod';

export interface WorkloadObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export const cloneOfAnnotation = `${annotationPrefix}clone-of`;

export class WorkloadError extends Error {}

interface PodSpecLike {
  volumes?: { name?: string; persistentVolumeClaim?: { claimName?: string; readOnly?: boolean } }[];
  nodeName?: string;
}

/** "deploy/web", "deployment/web", "sts/db", "statefulset.apps/db", "pod/x", "po/x". */
export function parseWorkloadRef(ref: string): { kind: WorkloadKind; name: string } {
  const [type = '', name = '', ...rest] = ref.split('/');
  const kinds: Record<string, WorkloadKind> = {
    deploy: 'Deployment', deployment: 'Deployment', deployments: 'Deployment', 'deployment.apps': 'Deployment',
    sts: 'StatefulSet', statefulset: 'StatefulSet', statefulsets: 'StatefulSet', 'statefulset.apps': 'StatefulSet',
    po: 'Pod', pod: 'Pod', pods: 'Pod',
  };
  const kind = kinds[type.toLowerCase()];
  if (!kind || !name || rest.length) throw new WorkloadError(`invalid workload "${ref}": use deploy/NAME, sts/NAME or pod/NAME`);
  return { kind, name };
}

function podSpecOf(workload: WorkloadObject): PodSpecLike | undefined {
  if (workload.kind === 'Pod') return workload.spec;
  return ((workload.spec?.template as { spec?: PodSpecLike } | undefined)?.spec);
}

/**
 * Every claim the workload mounts, in order: its pod template's persistentVolumeClaim volumes,
 * and for a StatefulSet each replica's claim from each volumeClaimTemplate
 * (`<template>-<statefulset>-<ordinal>`, the StatefulSet controller's naming).
 */
export function claimsOfWorkload(workload: WorkloadObject): string[] {
  const claims = (podSpecOf(workload)?.volumes ?? []).flatMap((volume) => (volume.persistentVolumeClaim?.claimName ? [volume.persistentVolumeClaim.claimName] : []));
  if (workload.kind === 'StatefulSet') {
    const replicas = (workload.spec?.replicas as number | undefined) ?? 1;
    const templates = (workload.spec?.volumeClaimTemplates as { metadata?: { name?: string } }[] | undefined) ?? [];
    for (const template of templates) {
      for (let ordinal = 0; ordinal < replicas; ordinal++) claims.push(`${template.metadata?.name}-${workload.metadata?.name}-${ordinal}`);
    }
  }
  return [...new Set(claims)];
}

/**
 * The names of the clones: a StatefulSet's replica claims must be named
 * `<template>-<copy>-<ordinal>` for the copy to adopt them instead of provisioning empty ones;
 * other claims get the suffix.
 */
export function cloneClaimNames(workload: WorkloadObject, suffix: string): Map<string, string> {
  const map = new Map<string, string>();
  const name = workload.metadata?.name ?? '';
  const copy = `${name}${suffix}`;
  for (const claim of claimsOfWorkload(workload)) {
    const replica = workload.kind === 'StatefulSet' ? new RegExp(`^(.+)-${escape(name)}-(\\d+)$`).exec(claim) : null;
    map.set(claim, replica && !isTemplateVolume(workload, claim) ? `${replica[1]}-${copy}-${replica[2]}` : `${claim}${suffix}`);
  }
  return map;
}

function isTemplateVolume(workload: WorkloadObject, claim: string): boolean {
  return (podSpecOf(workload)?.volumes ?? []).some((volume) => volume.persistentVolumeClaim?.claimName === claim);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A label value with the suffix, kept within 63 characters and ending alphanumeric. */
function suffixed(value: string, suffix: string): string {
  const full = `${value}${suffix}`;
  return full.length <= 63 ? full : `${value.slice(0, 63 - suffix.length)}${suffix}`.slice(0, 63).replace(/[^a-zA-Z0-9]+$/, '');
}

const serverOwnedMetadata = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'ownerReferences', 'selfLink', 'finalizers', 'generateName'];
const serverOwnedAnnotations = ['deployment.kubernetes.io/revision', 'kubectl.kubernetes.io/last-applied-configuration'];

/**
 * A copy of the workload that mounts the clones. Name and every label the selector uses get the
 * suffix (in the selector, the pod template and the object), so neither the copy nor the
 * original selects the other's pods; claim volumes point at the clones; server-owned fields,
 * status and a Pod's nodeName are dropped. A StatefulSet keeps its volumeClaimTemplates: with the
 * new name they resolve to the cloned claims, which exist before it starts.
 */
export function cloneWorkload(workload: WorkloadObject, claimMap: ReadonlyMap<string, string>, suffix: string): WorkloadObject {
  if (!suffix) throw new WorkloadError('the suffix may not be empty: the copy would replace the original');
  const copy = structuredClone(workload);
  const name = workload.metadata?.name ?? '';
  const metadata = { ...(copy.metadata ?? {}) };
  for (const field of serverOwnedMetadata) delete metadata[field];
  const notes = { ...(metadata.annotations ?? {}) };
  for (const field of serverOwnedAnnotations) delete notes[field];
  metadata.annotations = { ...notes, [cloneOfAnnotation]: `${workload.kind?.toLowerCase()}/${name}` };
  metadata.name = `${name}${suffix}`;
  delete copy.status;

  const selectorKeys = new Set<string>();
  if (copy.kind !== 'Pod') {
    const selector = copy.spec?.selector as { matchLabels?: Record<string, string> } | undefined;
    for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
      selectorKeys.add(key);
      selector!.matchLabels![key] = suffixed(value, suffix);
    }
    if (selectorKeys.size === 0) throw new WorkloadError(`${workload.kind} ${name} has no spec.selector.matchLabels to change: the copy would select the original's pods`);
    const template = copy.spec?.template as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } } | undefined;
    if (template?.metadata?.labels) {
      for (const key of selectorKeys) if (template.metadata.labels[key] !== undefined) template.metadata.labels[key] = suffixed(template.metadata.labels[key], suffix);
    }
  } else {
    // a bare pod is selected by Services and controllers through its labels: change them all
    for (const key of Object.keys(metadata.labels ?? {})) selectorKeys.add(key);
    const spec = copy.spec as PodSpecLike;
    delete spec.nodeName;
  }
  const labels = { ...(metadata.labels ?? {}) };
  for (const key of selectorKeys) if (labels[key] !== undefined) labels[key] = suffixed(labels[key], suffix);
  delete labels[managedByLabel];
  // an object without labels gets none, not `labels: {}`
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;
  copy.metadata = metadata;

  for (const volume of podSpecOf(copy)?.volumes ?? []) {
    const claim = volume.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const clone = claimMap.get(claim);
    if (!clone) throw new WorkloadError(`no clone for claim ${claim} (volume ${volume.name})`);
    volume.persistentVolumeClaim!.claimName = clone;
  }
  if (copy.kind === 'StatefulSet') {
    // the copy adopts <template>-<copy>-<ordinal>: check the clones are named so
    const replicas = (copy.spec?.replicas as number | undefined) ?? 1;
    for (const template of (copy.spec?.volumeClaimTemplates as { metadata?: { name?: string } }[] | undefined) ?? []) {
      for (let ordinal = 0; ordinal < replicas; ordinal++) {
        const original = `${template.metadata?.name}-${name}-${ordinal}`;
        const expected = `${template.metadata?.name}-${metadata.name}-${ordinal}`;
        if (claimMap.get(original) !== expected) throw new WorkloadError(`the clone of ${original} must be named ${expected} for StatefulSet ${metadata.name} to use it`);
      }
    }
  }
  return copy;
}
