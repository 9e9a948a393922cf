/**
 * A failed request, said as kubectl says it: the verb, the object, and what the server answered.
 * Never a stack trace: callers print `message`.
 */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
}

function statusBody(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as StatusBody;
}

/** Wrap any error of a request as a ClusterError naming `what` ("get persistentvolumeclaim shop/data"). */
export function clusterError(what: string, error: unknown, server?: string): ClusterError {
  if (error instanceof ClusterError) return error;
  const apiError = error as { code?: unknown; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof apiError?.code === 'number') {
    const status = statusBody(apiError.body);
    const reason = status.reason ?? String(apiError.code);
    return new ClusterError(`cannot ${what}: ${status.message ?? apiError.message ?? reason} (${apiError.code} ${reason})`, apiError.code, reason);
  }
  const code = apiError?.cause?.code ?? (apiError as { code?: string })?.code;
  const detail = typeof code === 'string' ? code : (apiError?.message ?? String(error));
  return new ClusterError(`cannot ${what}: the cluster${server ? ` at ${server}` : ''} did not answer (${detail})`);
}

export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown; status?: unknown })?.code === 404 || (error as ClusterError)?.status === 404;
}

/**
 * A catch handler for reads a user may lack RBAC for (PVs, pods, cluster-scoped objects): a 403
 * becomes `fallback` and a line in `gaps` ("pods in shop (forbidden)"); anything else rethrows.
 */
export function forbiddenAsGap<T>(gaps: string[], what: string, fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof ClusterError && error.status === 403) {
      gaps.push(`${what} (forbidden)`);
      return fallback;
    }
    throw error;
  };
}
