import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { DurationError, durationExamples, parseDurationMs } from '../duration.js';
import { limitRequests, defaultRequestTimeoutMs } from './timeouts.js';
import { reuseConnections } from './connections.js';

export interface ConnectionOptions {
  /** --kubeconfig: this file only, as kubectl does. */
  kubeconfig?: string;
  /** --context */
  context?: string;
  /** -n/--namespace; default: the context's namespace, else "default". */
  namespace?: string;
  env?: NodeJS.ProcessEnv;
  /** Sent as User-Agent, so audit logs and apiserver metrics tell our requests apart (kubectl sends its own). */
  userAgent?: string;
  /**
   * --request-timeout, as kubectl takes it: a duration ("30s", "2m") or a number of seconds; "0"
   * waits forever. Default 30s. Watches are not limited (they end by their own --timeout).
   */
  requestTimeout?: string;
}

export interface ResolvedConfig {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly namespace: string;
  readonly server: string;
  /** Where the configuration came from, for messages. */
  readonly source: string;
  /** Per request; 0: none. */
  readonly requestTimeoutMs: number;
}

export class ClusterConfigError extends Error {}

/** The kubeconfig as kubectl finds it (see resolveConfig), before a context is chosen. */
export function loadKubeConfig(options: ConnectionOptions = {}): { kubeConfig: KubeConfig; source: string } {
  const env = options.env ?? process.env;
  const kubeConfig = new KubeConfig();
  let source: string;
  if (options.kubeconfig) {
    if (!existsSync(options.kubeconfig)) throw new ClusterConfigError(`kubeconfig ${options.kubeconfig} does not exist`);
    loadFile(kubeConfig, options.kubeconfig);
    source = options.kubeconfig;
  } else if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(delimiter).filter((file) => file && existsSync(file));
    if (files.length === 0) throw new ClusterConfigError(`none of the files in KUBECONFIG (${env.KUBECONFIG}) exists`);
    mergeFirstWins(kubeConfig, files);
    source = `KUBECONFIG=${env.KUBECONFIG}`;
  } else if (existsSync(join(env.HOME ?? homedir(), '.kube', 'config'))) {
    source = join(env.HOME ?? homedir(), '.kube', 'config');
    loadFile(kubeConfig, source);
  } else if (env.KUBERNETES_SERVICE_HOST && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) {
    kubeConfig.loadFromCluster();
    source = 'in-cluster service account';
  } else {
    throw new ClusterConfigError('no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config');
  }
  return { kubeConfig, source };
}

/**
 * Resolve the connection exactly as kubectl does: --kubeconfig, else every file of KUBECONFIG
 * merged with the FIRST file to set a value winning (client-node's own merge lets later files
 * win), else ~/.kube/config, else the in-cluster service account; then --context and -n.
 */
export function resolveConfig(options: ConnectionOptions = {}): ResolvedConfig {
  const { kubeConfig, source } = loadKubeConfig(options);
  if (options.context) {
    if (!kubeConfig.getContextObject(options.context)) {
      throw new ClusterConfigError(`context "${options.context}" does not exist in ${source} (contexts: ${kubeConfig.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const context = kubeConfig.getCurrentContext();
  const contextObject = context ? kubeConfig.getContextObject(context) : null;
  if (!contextObject) throw new ClusterConfigError(`no current context in ${source}: pass --context`);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new ClusterConfigError(`context "${context}" names cluster "${contextObject.cluster}", which is not in ${source}`);
  identify(kubeConfig, options.userAgent ?? 'kubectl-clone');
  const requestTimeoutMs = requestTimeoutOf(options.requestTimeout);
  limitRequests(kubeConfig, requestTimeoutMs);
  reuseConnections(kubeConfig);
  return {
    kubeConfig,
    context,
    namespace: options.namespace || contextObject.namespace || 'default',
    server: cluster.server,
    source,
    requestTimeoutMs,
  };
}

function requestTimeoutOf(text: string | undefined): number {
  if (text === undefined) return defaultRequestTimeoutMs;
  if (/^\d+$/.test(text)) return Number(text) * 1000; // kubectl: a bare number is seconds, 0 is none
  try {
    return parseDurationMs(text);
  } catch (error) {
    if (error instanceof DurationError) throw new ClusterConfigError(`invalid --request-timeout "${text}": use a duration such as ${durationExamples}, or 0 for none`);
    throw error;
  }
}

function loadFile(kubeConfig: KubeConfig, file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClusterConfigError(`cannot read kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // client-node reads an empty file as nothing and then fails on a property of undefined
  if (text.trim() === '') throw new ClusterConfigError(`kubeconfig ${file} is empty: point --kubeconfig or KUBECONFIG at a kubeconfig file`);
  try {
    kubeConfig.loadFromString(text);
    kubeConfig.makePathsAbsolute(dirname(file));
  } catch (error) {
    throw new ClusterConfigError(`cannot load kubeconfig ${file}: ${loadErrorLine(error)}`);
  }
}

/** One line: YAML errors carry a multi-line code frame in their message, the reason and position say it all. */
function loadErrorLine(error: unknown): string {
  const yamlError = error as { name?: string; reason?: string; mark?: { line?: number; column?: number }; message?: string };
  if (yamlError?.name === 'YAMLException' && yamlError.reason) {
    const at = yamlError.mark?.line !== undefined ? ` at line ${yamlError.mark.line + 1}, column ${(yamlError.mark.column ?? 0) + 1}` : '';
    return `not valid YAML: ${yamlError.reason}${at}`;
  }
  const message = (yamlError?.message ?? String(error)).split('\n')[0]!;
  // a document that parses but is not a kubeconfig (a list, a scalar) fails inside client-node
  return error instanceof TypeError ? `not a kubeconfig (${message})` : message;
}

function mergeFirstWins(target: KubeConfig, files: readonly string[]): void {
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let currentContext = '';
  for (const file of files) {
    const part = new KubeConfig();
    loadFile(part, file);
    if (!currentContext && part.currentContext) currentContext = part.currentContext;
    for (const cluster of part.clusters) if (!clusters.some((c) => c.name === cluster.name)) clusters.push(cluster);
    for (const user of part.users) if (!users.some((u) => u.name === user.name)) users.push(user);
    for (const context of part.contexts) if (!contexts.some((c) => c.name === context.name)) contexts.push(context);
  }
  target.loadFromOptions({ clusters, users, contexts, currentContext });
}

/**
 * client-node has no User-Agent option: every request (API calls and watches alike) goes through
 * applyOptions, which sets the auth headers, so that is where ours is added.
 */
function identify(kubeConfig: KubeConfig, userAgent: string): void {
  const target = kubeConfig as unknown as { applyOptions(opts: { headers?: Record<string, string> }): Promise<void> };
  const applyOptions = target.applyOptions.bind(kubeConfig);
  target.applyOptions = async (opts) => {
    await applyOptions(opts);
    opts.headers = { ...opts.headers, 'User-Agent': userAgent };
  };
}
