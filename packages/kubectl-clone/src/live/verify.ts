import { claimNameProblem, isDns1123Label, isDns1123Subdomain } from '@kubectl-clone/core';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { countedText, differenceCount, differencesByPath, inUseText, runVerify, VerifyError, type VerifyOutcome } from '@kubectl-clone/core/verify';
import { createColors } from 'picocolors';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import { CliError, exitCodes } from '../errors.js';
import type { Terminal } from '../terminal.js';

export interface VerifyFlags extends ConnectionFlags {
  toNamespace?: string;
  toContext?: string;
  snapshot?: string;
  image: string;
  timeout: string;
  output: 'text' | 'json';
}

/** How many differing paths the text output names; -o json has them all. */
const shown = 10;

/** Every flag checked before the first request: one line naming the flag, exit 2. */
function validate(source: string, clone: string, flags: VerifyFlags): { podTimeoutMs: number } {
  for (const [role, name] of [['source', source], ['clone', clone]] as const) {
    const problem = claimNameProblem(name);
    if (problem) throw new CliError(problem.replace('invalid clone name', `invalid ${role} claim name`));
  }
  for (const [flag, value] of [['--namespace', flags.namespace], ['--to-namespace', flags.toNamespace]] as const) {
    if (value !== undefined && !isDns1123Label(value)) throw new CliError(`invalid ${flag} "${value}": a namespace is at most 63 lowercase letters, digits and '-'`);
  }
  if (flags.snapshot !== undefined && !isDns1123Subdomain(flags.snapshot)) throw new CliError(`invalid --snapshot "${flags.snapshot}": name a VolumeSnapshot in the source's namespace (kubectl get volumesnapshot)`);
  if (flags.toContext === '') throw new CliError('invalid --to-context "": name a context of the kubeconfig (kubectl config get-contexts)');
  if (!flags.image || /\s/.test(flags.image)) throw new CliError(`invalid --image "${flags.image}": name an image, e.g. busybox:1.37.0`);
  const podTimeoutMs = parseDuration(flags.timeout, '--timeout');
  if (podTimeoutMs <= 0) throw new CliError(`invalid --timeout "${flags.timeout}": the pods need some time to start, e.g. 2m`);
  return { podTimeoutMs };
}

export async function runVerifyLive(sourceName: string, cloneName: string, flags: VerifyFlags, terminal: Terminal): Promise<number> {
  const { podTimeoutMs } = validate(sourceName, cloneName, flags);
  const source = ClusterClient.connect(connectionOptions(flags));
  const clone = flags.toContext && flags.toContext !== source.config.context
    // the clone's cluster: the same kubeconfig, its own context (and that context's credentials)
    ? ClusterClient.connect(connectionOptions({ ...flags, context: flags.toContext, namespace: flags.toNamespace ?? source.namespace }))
    : source;
  const c = createColors(terminal.color);
  try {
    const outcome = await runVerify({ source, clone }, {
      source: { namespace: source.namespace, name: sourceName },
      clone: { namespace: flags.toNamespace ?? source.namespace, name: cloneName },
      image: flags.image,
      podTimeoutMs,
      ...(flags.snapshot ? { snapshot: flags.snapshot } : {}),
      signal: terminal.signal,
    }, { note: (text) => terminal.stderr(`${c.dim(text)}\n`) });
    for (const pod of outcome.sourceInUse) terminal.stderr(`${c.yellow('warning:')} ${inUseText(pod)}\n`);
    for (const warning of outcome.warnings) terminal.stderr(`${c.yellow('warning:')} ${warning}\n`);
    if (flags.output === 'json') terminal.stdout(`${JSON.stringify(jsonOf(outcome), null, 2)}\n`);
    else terminal.stdout(textOf(outcome, c));
    return outcome.identical ? exitCodes.ok : exitCodes.findings;
  } catch (error) {
    if (error instanceof VerifyError) throw new CliError(error.message);
    throw error;
  }
}

function jsonOf(outcome: VerifyOutcome): object {
  return {
    identical: outcome.identical,
    volumeMode: outcome.volumeMode,
    source: outcome.source,
    clone: outcome.clone,
    files: outcome.files,
    bytes: outcome.bytes,
    entries: outcome.entries,
    differences: outcome.differences,
    sourceInUse: outcome.sourceInUse,
    ...(outcome.snapshot ? { snapshot: outcome.snapshot } : {}),
    warnings: outcome.warnings,
    seconds: outcome.seconds,
  };
}

/** "identical (N files, X bytes)", or the count of differences and the first paths with what differs. */
export function textOf(outcome: VerifyOutcome, c: ReturnType<typeof createColors>): string {
  const counted = countedText(outcome);
  if (outcome.identical) return `${c.green('identical')} (${counted})\n`;
  const paths = differencesByPath(outcome.differences);
  const lines = [`${c.red(differenceCount(outcome.differences))} (source: ${counted})`, ...paths.slice(0, shown).map((line) => `  ${line}`)];
  if (paths.length > shown) lines.push(`  ... and ${paths.length - shown} more path${paths.length - shown === 1 ? '' : 's'} (-o json lists them all)`);
  return `${lines.join('\n')}\n`;
}
