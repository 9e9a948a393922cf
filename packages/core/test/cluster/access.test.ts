import { describe, expect, it } from 'vitest';
import { describeDenial, rbacDenial } from '../../src/cluster/access.js';
import { ClusterError } from '../../src/cluster/errors.js';
import { answeredByDryRun, type StepAccessCheck } from '../../src/clone/steps.js';

// the apiserver's words for an authorizer's refusal (k8s.io/apiserver endpoints/handlers/responsewriters/errors.go)
const forbidden = (tail: string) => new ClusterError(`cannot create persistentvolumeclaim shop/copy (server dry run): ${tail} (403 Forbidden)`, 403, 'Forbidden');

describe('rbacDenial', () => {
  it('says an authorizer 403 of the server dry run as an access review would', () => {
    const denial = rbacDenial(forbidden('persistentvolumeclaims is forbidden: User "alice" cannot create resource "persistentvolumeclaims" in API group "" in the namespace "shop"'), 'shop');
    expect(describeDenial(denial!)).toBe('you may not create persistentvolumeclaims in namespace shop (no RBAC rule allows it)');
  });

  it('keeps the authorizer\'s reason and the group and subresource', () => {
    const denial = rbacDenial(forbidden('pods "p" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "shop": RBAC: role.rbac.authorization.k8s.io "gone" not found'), 'shop');
    expect(describeDenial(denial!)).toBe('you may not create pods/exec in namespace shop (RBAC: role.rbac.authorization.k8s.io "gone" not found)');
    const grant = rbacDenial(forbidden('referencegrants.gateway.networking.k8s.io is forbidden: User "alice" cannot create resource "referencegrants" in API group "gateway.networking.k8s.io" in the namespace "src"'), 'src');
    expect(describeDenial(grant!)).toBe('you may not create referencegrants.gateway.networking.k8s.io in namespace src (no RBAC rule allows it)');
  });

  it('is undefined for admission\'s 403s and for other errors', () => {
    expect(rbacDenial(forbidden('persistentvolumeclaims "copy" is forbidden: exceeded quota: storage, requested: requests.storage=1Gi, used: requests.storage=9Gi, limited: requests.storage=10Gi'), 'shop')).toBeUndefined();
    expect(rbacDenial(new ClusterError('cannot create persistentvolumeclaim shop/copy: injected fault: Forbidden for /api (403 Forbidden)', 403, 'Forbidden'), 'shop')).toBeUndefined();
    expect(rbacDenial(new ClusterError('cannot create persistentvolumeclaim shop/copy: invalid (422 Invalid)', 422, 'Invalid'), 'shop')).toBeUndefined();
    expect(rbacDenial(new Error('socket hang up'), 'shop')).toBeUndefined();
  });
});

describe('answeredByDryRun', () => {
  const claim: StepAccessCheck = { verb: 'create', resource: 'persistentvolumeclaims', namespace: 'shop', cluster: 'source' };
  const grant: StepAccessCheck = { verb: 'create', resource: 'referencegrants', group: 'gateway.networking.k8s.io', namespace: 'src', cluster: 'source' };

  it('asks no review when the claim is the one write', () => {
    expect(answeredByDryRun([claim])).toEqual([]);
  });

  it('keeps every review when there is more than one write, so each denial is named at once', () => {
    expect(answeredByDryRun([grant, claim])).toEqual([grant, claim]);
    expect(answeredByDryRun([grant])).toEqual([grant]);
  });
});
