import http from "node:http";
import https from "node:https";

export interface HttpResult {
  status: number;
  body: string;
}

/** GET with an optional bearer token; TLS is not verified (the sandbox's certs are self-signed). */
export function httpGet(url: string, token?: string, timeoutMs = 3000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith("https:") ? https : http;
    const req = mod.get(
      url,
      {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs}ms: ${url}`)));
    req.on("error", reject);
  });
}
