import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

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
}

export interface ResolvedConfig {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly namespace: string;
  readonly server: string;
  /** Where the configuration came from, for messages. */
  readonly source: string;
}

export class ClusterConfigError extends Error {}

/**
 * Resolve the connection exactly as kubectl does: --kubeconfig, else every file of KUBECONFIG
 * merged with the FIRST file to set a value winning (client-node's own merge lets later files
 * win), else ~/.kube/config, else the in-cluster service account; then --context and -n.
 */
export function resolveConfig(options: ConnectionOptions = {}): ResolvedConfig {
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
  return {
    kubeConfig,
    context,
    namespace: options.namespace || contextObject.namespace || 'default',
    server: cluster.server,
    source,
  };
}

function loadFile(kubeConfig: KubeConfig, file: string): void {
  try {
    kubeConfig.loadFromFile(file);
  } catch (error) {
    throw new ClusterConfigError(`cannot load kubeconfig ${file}: ${(error as Error).message}`);
  }
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
