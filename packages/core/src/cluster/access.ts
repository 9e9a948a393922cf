import type { ClusterClient } from './client.js';
import { ClusterError, forbiddenAsUnknown, type UnknownFact } from './errors.js';

export interface AccessCheck {
  readonly verb: string;
  readonly resource: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** e.g. exec (pods/exec): the copy and verify pods are driven through it. */
  readonly subresource?: string;
}

export interface AccessDenial extends AccessCheck {
  readonly reason: string;
  /** The review itself was refused: whether it is allowed is unknown (still not a go-ahead). */
  readonly unknown?: boolean;
}

/** SelfSubjectAccessReview for each write a plan needs, in parallel, before anything is written. */
export async function checkAccess(client: ClusterClient, checks: readonly AccessCheck[]): Promise<AccessDenial[]> {
  const unknowns: UnknownFact[] = [];
  const reviews = await Promise.all(
    checks.map((check) =>
      client.call(`review access to ${check.verb} ${check.resource}${check.subresource ? `/${check.subresource}` : ''}`, () =>
        client.authorization.createSelfSubjectAccessReview({
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                verb: check.verb, resource: check.resource, group: check.group ?? '',
                ...(check.namespace ? { namespace: check.namespace } : {}),
                ...(check.name ? { name: check.name } : {}),
                ...(check.subresource ? { subresource: check.subresource } : {}),
              },
            },
          },
        })).catch(forbiddenAsUnknown(unknowns, 'access', `${check.verb} ${check.resource}`, undefined)),
    ),
  );
  return reviews.flatMap((review, i): AccessDenial[] => {
    const check = checks[i]!;
    if (!review) {
      const fact = unknowns.find((u) => u.what === `${check.verb} ${check.resource}`);
      return [{ ...check, reason: `unknown (${fact?.reason ?? 'forbidden'})`, unknown: true }];
    }
    // an evaluation error with no rule allowing it: the authorizer could not decide
    if (!review.status?.allowed && review.status?.evaluationError && !review.status.reason) {
      return [{ ...check, reason: `unknown (${review.status.evaluationError})`, unknown: true }];
    }
    return review.status?.allowed ? [] : [{ ...check, reason: review.status?.reason || 'no RBAC rule allows it' }];
  });
}

export function describeDenial(denial: AccessDenial): string {
  const plural = denial.subresource ? `${denial.resource}/${denial.subresource}` : denial.resource;
  const resource = denial.group ? `${plural}.${denial.group}` : plural;
  if (denial.unknown) return `whether you may ${denial.verb} ${resource}${denial.namespace ? ` in namespace ${denial.namespace}` : ''} is ${denial.reason}`;
  return `you may not ${denial.verb} ${resource}${denial.namespace ? ` in namespace ${denial.namespace}` : ''} (${denial.reason})`;
}

/**
 * The access a 403 of a request refused, when the authorizer refused it ("User "u" cannot create
 * resource "persistentvolumeclaims" in API group "" in the namespace "shop""): a denial as an
 * access review would have said it. undefined for any other error, admission's 403s included
 * (a quota, Pod Security): those are refusals of the object, not of the user.
 */
export function rbacDenial(error: unknown, namespace: string): AccessDenial | undefined {
  if (!(error instanceof ClusterError) || error.status !== 403) return undefined;
  const refused = /cannot (\S+) resource "([^"/]+)(?:\/([^"]+))?" in API group "([^"]*)"(?: in the namespace "[^"]*")?(?:: ([^(]+?))?(?: \(403|$)/.exec(error.message);
  if (!refused) return undefined;
  const [, verb, resource, subresource, group, why] = refused;
  return {
    verb: verb!, resource: resource!, namespace,
    ...(group ? { group } : {}), ...(subresource ? { subresource } : {}),
    reason: why?.trim() || 'no RBAC rule allows it',
  };
}
