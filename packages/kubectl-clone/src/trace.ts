import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * KUBECTL_CLONE_TRACE=1: where a command's time went, printed to stderr when the process exits, in
 * milliseconds since the process started (Node's own clock origin): Node's start-up, the parts
 * loaded (and whether their V8 code cache was used), the kubeconfig, and every HTTP request with
 * its status, time to headers and time to the end of the body. Requests are seen through Node's
 * http diagnostics channels, so the Kubernetes client is traced without being wrapped.
 */
export const tracing = Boolean(process.env.KUBECTL_CLONE_TRACE) && process.env.KUBECTL_CLONE_TRACE !== '0';

interface RequestTrace {
  started: number;
  label: string;
  headers?: number;
  ended?: number;
  status?: number;
  /** Sent over a kept-alive connection of an earlier request (no TCP connect, no TLS handshake). */
  reused?: boolean;
}

// one record per process: the entry and the cluster part are separate bundles, each with its own
// copy of this module, so the record hangs off the global object
const record = ((globalThis as { [key: symbol]: unknown })[Symbol.for('kubectl-clone.trace')] ??= {
  marks: [] as { at: number; what: string }[],
  requests: [] as RequestTrace[],
}) as { marks: { at: number; what: string }[]; requests: RequestTrace[] };
const { marks, requests } = record;

export function mark(what: string): void {
  if (tracing) marks.push({ at: performance.now(), what });
}

export function startTrace(): void {
  if (!tracing) return;
  // loaded only when tracing: every command imports this module, and --version should not pay for it
  const diagnostics = process.getBuiltinModule('node:diagnostics_channel');
  const open = new WeakMap<ClientRequest, RequestTrace>();
  diagnostics.subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    const trace: RequestTrace = { started: performance.now(), label: `${request.method} ${request.path}` };
    open.set(request, trace);
    requests.push(trace);
  });
  diagnostics.subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const trace = open.get(request);
    if (!trace) return;
    trace.headers = performance.now();
    trace.status = response.statusCode;
    trace.reused = request.reusedSocket;
    response.once('end', () => (trace.ended = performance.now()));
  });
  process.once('exit', (code) => process.stderr.write(traceReport(code)));
}

export function traceReport(exitCode: number): string {
  const ms = (at: number) => at.toFixed(1).padStart(8);
  const timing = process.getBuiltinModule('node:perf_hooks').performance.nodeTiming;
  const lines = [
    `${ms(0)} ms  process start`,
    `${ms(timing.bootstrapComplete)} ms  Node ready (bootstrap)`,
    ...marks.map(({ at, what }) => `${ms(at)} ms  ${what}`),
    ...requests.map((r) => {
      const headers = r.headers === undefined ? 'no answer' : `${r.status} headers +${(r.headers - r.started).toFixed(1)} ms`;
      const body = r.ended === undefined ? (r.headers === undefined ? '' : ', body still open (a watch?)') : `, body +${(r.ended - r.started).toFixed(1)} ms`;
      const connection = r.headers === undefined ? '' : r.reused ? ' (kept-alive connection)' : ' (new connection)';
      return `${ms(r.started)} ms  ${r.label}: ${headers}${body}${connection}`;
    }),
  ];
  lines.sort((a, b) => parseFloat(a) - parseFloat(b));
  const connections = requests.filter((r) => r.headers !== undefined && !r.reused).length;
  lines.push(`${ms(performance.now())} ms  exit ${exitCode} (${requests.length} HTTP requests, ${connections} new connection${connections === 1 ? '' : 's'})`);
  return `kubectl-clone trace (KUBECTL_CLONE_TRACE):\n${lines.map((line) => `  ${line}\n`).join('')}`;
}
