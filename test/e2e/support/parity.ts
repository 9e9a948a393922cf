import { readFileSync } from "node:fs";
import type { AuditEvent } from "./audit.js";
import { cli } from "./cli.js";

// The extension's clone flow, run in Node as the extension runs it (its live bundle's session and
// its prompts answered), so the CLI and the extension can be compared on one sandbox.
(globalThis as { EXTENSION_VERSION?: string }).EXTENSION_VERSION = "parity";
const { runClone } = await import("../../../packages/vscode-ext/src/clone-flow.js");
const { connect } = await import("../../../packages/vscode-ext/src/live/index.js");
type CloneAnswers = import("../../../packages/vscode-ext/src/clone-flow.js").CloneAnswers;
type ClonePrompter = import("../../../packages/vscode-ext/src/clone-flow.js").ClonePrompter;

export interface Scenario {
  readonly name: string;
  /** Flags of `kubectl clone pvc data copy -n NS -o name` (the source is `data`, the clone `copy`); given the run's namespaces. */
  readonly cli: readonly string[] | ((namespaces: readonly string[]) => readonly string[]);
  /** The same clone asked through the extension's prompts. */
  readonly extension: CloneAnswers | ((namespaces: readonly string[]) => CloneAnswers);
  /** Interrupt once the clone is created (Ctrl-C in the terminal, Cancel on the notification). */
  readonly interrupt?: boolean;
}

export interface Run {
  /** Every write kubectl-clone made in the scenario's namespaces, dry runs marked, names normalized. */
  readonly writes: string[];
  /** The closing words, with the namespace, volume names and seconds normalized. */
  readonly outcome: string;
}

function auditLines(path: string): number {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).length;
}

function writesSince(path: string, from: number, namespaces: readonly string[]): string[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).slice(from)
    .map((line) => JSON.parse(line) as AuditEvent & { objectRef?: { subresource?: string } })
    .filter((event) => event.stage === "ResponseComplete" && (event.userAgent ?? "").startsWith("kubectl-clone/"))
    .filter((event) => ["create", "update", "patch", "delete"].includes(event.verb))
    .filter((event) => namespaces.includes(event.objectRef?.namespace ?? ""))
    .map((event) => `${event.verb} ${event.objectRef?.resource}${event.objectRef?.subresource ? `/${event.objectRef.subresource}` : ""} ${event.objectRef?.name ?? ""}${/[?&]dryRun=All/.test(event.requestURI) ? " (dry run)" : ""} -> ${event.responseStatus?.code}`)
    .map((line) => normalize(line, namespaces));
}

export function normalize(text: string, namespaces: readonly string[]): string {
  let out = text;
  namespaces.forEach((namespace, i) => { out = out.replaceAll(namespace, i === 0 ? "NS" : `NS${i}`); });
  return out.replace(/pvc-[0-9a-f-]{36}/g, "pvc-UID").replace(/in \d+\.\ds/g, "in N.Ns");
}

export async function viaCli(scenario: Scenario, namespaces: readonly string[], kubeconfig: string, auditLog: string): Promise<Run> {
  const from = auditLines(auditLog);
  let sent = false;
  const flags = typeof scenario.cli === "function" ? scenario.cli(namespaces) : scenario.cli;
  const run = await cli(["pvc", "data", "copy", "-n", namespaces[0]!, "-o", "name", ...flags], kubeconfig, scenario.interrupt ? {
    onStderr: (chunk, kill) => {
      if (!sent && chunk.includes("persistentvolumeclaim/copy created in")) {
        sent = true;
        kill("SIGINT");
      }
    },
  } : {});
  const lines = run.stderr.trim().split("\n");
  // the refusal's or outcome's line: the last one (findings and progress come before)
  return { writes: writesSince(auditLog, from, namespaces), outcome: normalize(lines[lines.length - 1]!, namespaces) };
}

export async function viaExtension(scenario: Scenario, namespaces: readonly string[], kubeconfig: string, auditLog: string): Promise<Run> {
  const from = auditLines(auditLog);
  const session = connect({ kubeconfig });
  const prompter: ClonePrompter = {
    pickSource: async () => undefined,
    askName: async () => undefined,
    askSize: async () => undefined,
    pickClass: async () => undefined,
    // answers are always given (toNamespace among them for the cross-namespace scenarios): never asked
    pickNamespace: async () => undefined,
    refuse: async () => undefined,
    confirm: async () => "create",
    preview: async () => undefined,
    progress: (_title, task) => {
      const cancel = new AbortController();
      return task((message) => {
        if (scenario.interrupt && message.startsWith("persistentvolumeclaim/copy created in")) cancel.abort();
      }, cancel.signal);
    },
  };
  const result = await runClone(session, { namespace: namespaces[0]!, name: "data" }, prompter, { featureGates: "", kubernetesVersion: "1.34", timeoutMs: 120_000 }, { name: "copy", ...(typeof scenario.extension === "function" ? scenario.extension(namespaces) : scenario.extension) });
  return { writes: writesSince(auditLog, from, namespaces), outcome: normalize(result.message.split("\n")[0]!, namespaces) };
}
