import { readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * A fault-injecting reverse proxy between the CLI and the sandbox's apiserver. It forwards every
 * request (watches stream through), except that a rule answers the Nth request matching its method
 * and path with a Kubernetes Status body, as the apiserver would. TLS is the apiserver's own
 * self-signed serving certificate (the kubeconfig skips verification, as the sandbox's does).
 */
export interface FaultRule {
  method: string;
  /** Tested against the path and query, e.g. /persistentvolumeclaims\/data$/ or /watch=true/. */
  path: RegExp;
  /** 1-based: the Nth matching request gets the fault (default 1). */
  nth?: number;
  /** Answer with this status and a Status body; without it the request is forwarded (after delayMs). */
  status?: number;
  /** Hold the matching request this long before answering or forwarding it. */
  delayMs?: number;
  /** Called when the matching request arrives (e.g. to send the CLI a SIGINT in that phase). */
  onMatch?: () => void;
  reason?: string;
  message?: string;
}

export interface ProxiedRequest {
  method: string;
  url: string;
  /** The status we answered with (a fault), or the apiserver's. */
  status?: number;
  fault: boolean;
}

export interface FaultProxy {
  url: string;
  /** A copy of the sandbox kubeconfig whose server is the proxy. */
  kubeconfigPath: string;
  requests: ProxiedRequest[];
  /** TCP connections clients opened since the last setRules (each one a TLS handshake). */
  connections(): number;
  /** Replace the rules (and reset their counters, the request log and the connection count). */
  setRules(rules: FaultRule[]): void;
  close(): Promise<void>;
}

const reasons: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "AlreadyExists",
  410: "Expired",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
};

export function statusBody(rule: FaultRule & { status: number }, url: string): string {
  const reason = rule.reason ?? reasons[rule.status] ?? "Unknown";
  return JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: rule.message ?? `injected fault: ${reason} for ${url}`,
    reason,
    code: rule.status,
  });
}

export async function startFaultProxy(sandbox: { server: string; dir: string; kubeconfigPath: string }, rules: FaultRule[] = []): Promise<FaultProxy> {
  const upstream = new URL(sandbox.server);
  let active: { rule: FaultRule; seen: number }[] = [];
  const requests: ProxiedRequest[] = [];
  let connections = 0;
  const setRules = (next: FaultRule[]) => {
    active = next.map((rule) => ({ rule, seen: 0 }));
    requests.length = 0;
    connections = 0;
  };
  setRules(rules);
  const sockets = new Set<{ destroy(): unknown; on(event: "close", listener: () => void): unknown }>();

  const server = https.createServer(
    {
      cert: readFileSync(path.join(sandbox.dir, "pki", "apiserver.crt")),
      key: readFileSync(path.join(sandbox.dir, "pki", "apiserver.key")),
    },
    (req, res) => {
      const url = req.url ?? "/";
      const entry: ProxiedRequest = { method: req.method ?? "GET", url, fault: false };
      requests.push(entry);
      const forwardRequest = () => {
        const forward = https.request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: url, headers: req.headers, rejectUnauthorized: false },
          (upstreamRes) => {
            entry.status = upstreamRes.statusCode;
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            // a watch's headers come before any event: pass them on now, or the client waits
            res.flushHeaders();
            upstreamRes.pipe(res);
          },
        );
        forward.on("error", () => {
          if (!res.headersSent) res.writeHead(502);
          res.destroy();
        });
        // the client went away (a watch it aborted): stop the upstream request too
        res.on("close", () => forward.destroy());
        req.pipe(forward);
      };
      const hit = active.find((item) => item.rule.method === entry.method && item.rule.path.test(url) && ++item.seen === (item.rule.nth ?? 1));
      hit?.rule.onMatch?.();
      const status = hit?.rule.status;
      const answer = () => {
        if (status === undefined) return forwardRequest();
        entry.fault = true;
        entry.status = status;
        req.resume();
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(statusBody({ ...hit!.rule, status }, url));
      };
      if (hit?.rule.delayMs) {
        req.pause();
        setTimeout(answer, hit.rule.delayMs);
      } else answer();
    },
  );
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfigPath = path.join(sandbox.dir, `kubeconfig-proxy-${(server.address() as AddressInfo).port}`);
  const config = JSON.parse(readFileSync(sandbox.kubeconfigPath, "utf8")) as { clusters: { cluster: { server: string } }[] };
  for (const cluster of config.clusters) cluster.cluster.server = url;
  writeFileSync(kubeconfigPath, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return {
    url,
    kubeconfigPath,
    requests,
    connections: () => connections,
    setRules,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
