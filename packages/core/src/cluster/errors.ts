import { connectTimeoutMs, timeoutCodes, tlsHandshakeTimeoutMs } from './timeouts.js';

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
  return (body ?? {});
}

/** Wrap any error of a request as a ClusterError naming `what` ("get persistentvolumeclaim shop/data"). */
export function clusterError(what: string, error: unknown, server?: string, requestTimeoutMs = 0): ClusterError {
  if (error instanceof ClusterError) return error;
  const apiError = error as { code?: unknown; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof apiError?.code === 'number') {
    const status = statusBody(apiError.body);
    const reason = status.reason ?? String(apiError.code);
    return new ClusterError(`cannot ${what}: ${status.message ?? apiError.message ?? reason} (${apiError.code} ${reason})`, apiError.code, reason);
  }
  return new ClusterError(`cannot ${what}: ${transportProblem(error, server ? `the cluster at ${server}` : 'the cluster', requestTimeoutMs)}`);
}

const certificateProblems: Record<string, string> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'is not issued for this address (the server name is not in the certificate: fix the server URL or set tls-server-name)',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet (check the clock)',
  DEPTH_ZERO_SELF_SIGNED_CERT: "is self-signed and not the kubeconfig's certificate-authority",
  SELF_SIGNED_CERT_IN_CHAIN: "is not signed by the kubeconfig's certificate-authority",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "is not signed by the kubeconfig's certificate-authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "is not signed by the kubeconfig's certificate-authority",
  UNABLE_TO_GET_ISSUER_CERT: "is not signed by the kubeconfig's certificate-authority",
  CERT_SIGNATURE_FAILURE: 'has a bad signature',
};

/** What went wrong below HTTP, said as a fact about the server: refused, timed out, a certificate that does not match. */
function transportProblem(error: unknown, server: string, requestTimeoutMs: number): string {
  const failure = error as { name?: string; code?: unknown; message?: string; cause?: { code?: string }; errno?: unknown };
  const code = typeof failure?.cause?.code === 'string' ? failure.cause.code : typeof failure?.code === 'string' ? failure.code : undefined;
  if (failure?.name === 'AbortError' || failure?.name === 'TimeoutError') {
    return `${server} did not answer within ${seconds(requestTimeoutMs)} (--request-timeout; 0 waits forever)`;
  }
  if (code === timeoutCodes.tls) return `${server} accepted the connection but did not complete the TLS handshake within ${seconds(tlsHandshakeTimeoutMs)}`;
  if (code === timeoutCodes.connect) return `could not connect to ${server} within ${seconds(connectTimeoutMs)}`;
  if (code && certificateProblems[code]) return `the TLS certificate of ${server} ${certificateProblems[code]} (${code})`;
  if (code === 'ECONNREFUSED') return `${server} refused the connection (ECONNREFUSED): is it running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host of ${server} was not found (${code})`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `${server} closed the connection (${code})`;
  return `${server} did not answer (${code ?? failure?.message?.split('\n')[0] ?? String(error)})`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown; status?: unknown })?.code === 404 || (error as ClusterError)?.status === 404;
}

/**
 * A fact that could not be read: never a pass or a fail, always "unknown (forbidden: ...)".
 * `fact` names the field of the facts it leaves empty, so a check can tell "none" from "unknown".
 */
export interface UnknownFact {
  readonly fact: 'source' | 'pods' | 'storageClasses' | 'volume' | 'csiDriver' | 'csiDrivers' | 'volumeSnapshotClasses' | 'referenceGrants' | 'access';
  /** What was not read: "pods in shop", "csidriver hostpath.csi.k8s.io". */
  readonly what: string;
  /** "forbidden: list pods in shop" */
  readonly reason: string;
}

/** "pods in shop: unknown (forbidden: list pods in shop)" */
export function describeUnknown(unknown: UnknownFact): string {
  return `${unknown.what}: unknown (${unknown.reason})`;
}

/** The request a 403 refused, from our own message ("cannot list pods in shop: ..."). */
function refusedRequest(error: ClusterError): string {
  return /^cannot (.+?): /.exec(error.message)?.[1] ?? error.message;
}

/**
 * A catch handler for reads a user may lack RBAC for (PVs, pods, cluster-scoped objects): a 403
 * becomes `fallback` and an UnknownFact in `unknowns`; anything else rethrows.
 */
export function forbiddenAsUnknown<T>(unknowns: UnknownFact[], fact: UnknownFact['fact'], what: string, fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof ClusterError && error.status === 403) {
      unknowns.push({ fact, what, reason: `forbidden: ${refusedRequest(error)}` });
      return fallback;
    }
    throw error;
  };
}

/** The older form, one line a gap ("pods in shop (forbidden)"): prefer forbiddenAsUnknown. */
export function forbiddenAsGap<T>(gaps: string[], what: string, fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof ClusterError && error.status === 403) {
      gaps.push(`${what} (forbidden)`);
      return fallback;
    }
    throw error;
  };
}
