import { Command } from 'commander';
import type { ConnectionOptions } from '@kubectl-clone/core/cluster';
import { mark } from './trace.js';
import { version } from './version.js';

export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  requestTimeout?: string;
}

/** kubectl's own connection flags. */
export function addConnectionFlags(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'the kubeconfig context to use')
    .option('-n, --namespace <ns>', "the namespace (default: the context's)")
    .option('--request-timeout <duration>', 'how long one request may take before giving up, e.g. 10s, 1m; 0 waits forever (watches are not limited)', '30s');
}

export function connectionOptions(flags: ConnectionFlags): ConnectionOptions {
  mark('connecting: kubeconfig read next (until the first request)');
  return {
    userAgent: `kubectl-clone/${version} (${process.platform}/${process.arch})`,
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
    ...(flags.namespace ? { namespace: flags.namespace } : {}),
    ...(flags.requestTimeout !== undefined ? { requestTimeout: flags.requestTimeout } : {}),
  };
}
