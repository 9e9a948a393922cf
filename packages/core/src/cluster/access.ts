import type { ClusterClient } from './client.js';

export interface AccessCheck {
  readonly verb: string;
  readonly resource: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface AccessDenial extends AccessCheck {
  readonly reason: string;
}

/** SelfSubjectAccessReview for each write a plan needs, in parallel, before anything is written. */
export async function checkAccess(client: ClusterClient, checks: readonly AccessCheck[]): Promise<AccessDenial[]> {
  const reviews = await Promise.all(
    checks.map((check) =>
      client.call(`review access to ${check.verb} ${check.resource}`, () =>
        client.authorization.createSelfSubjectAccessReview({
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                verb: check.verb, resource: check.resource, group: check.group ?? '',
                ...(check.namespace ? { namespace: check.namespace } : {}),
                ...(check.name ? { name: check.name } : {}),
              },
            },
          },
        })),
    ),
  );
  return reviews.flatMap((review, i) =>
    review.status?.allowed ? [] : [{ ...checks[i]!, reason: review.status?.reason || review.status?.evaluationError || 'no RBAC rule allows it' }]);
}

export function describeDenial(denial: AccessDenial): string {
  const resource = denial.group ? `${denial.resource}.${denial.group}` : denial.resource;
  return `you may not ${denial.verb} ${resource}${denial.namespace ? ` in namespace ${denial.namespace}` : ''} (${denial.reason})`;
}
