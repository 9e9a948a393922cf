/**
 * unknown-field reads the claim's fields from @kubernetes/client-node's generated models; only
 * the models a claim reaches are imported. This fails when a client upgrade adds a model a claim
 * refers to that manifest/claim-schema.ts does not import (its fields would go unchecked).
 */
import { describe, expect, it } from 'vitest';
import { claimModels, referencedModels, schemaOf } from '../../src/manifest/claim-schema.js';


describe('the claim schema', () => {
  it('imports every model a PersistentVolumeClaim or its template refers to', () => {
    const needed = new Set([...referencedModels('V1PersistentVolumeClaim'), ...referencedModels('V1PersistentVolumeClaimTemplate')]);
    expect([...needed].filter((model) => !(model in claimModels))).toEqual([]);
    expect(Object.keys(claimModels).sort()).toEqual([...needed].sort());
  });

  it('has the fields of the API, by their JSON names', () => {
    expect([...schemaOf('V1PersistentVolumeClaimSpec')!.fields.keys()].sort()).toEqual([
      'accessModes', 'dataSource', 'dataSourceRef', 'resources', 'selector', 'storageClassName', 'volumeAttributesClassName', 'volumeMode', 'volumeName',
    ]);
    expect(schemaOf('V1TypedObjectReference')!.fields.has('namespace')).toBe(true);
    expect(schemaOf('V1TypedLocalObjectReference')!.fields.has('namespace')).toBe(false);
    expect(schemaOf('V1ObjectMeta')!.fields.get('ownerReferences')).toEqual({ model: 'V1OwnerReference', list: true });
  });
});
