import { countFindings, minorVersion, sourceReferences, type ClusterFacts, type Finding, type LintInput, type TargetProfile } from '@kubectl-clone/core';
import { ClusterClient, describeUnknown, readLintFacts, type UnknownFact } from '@kubectl-clone/core/cluster';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import type { Terminal } from '../terminal.js';

export interface LintClusterFacts {
  facts: ClusterFacts;
  kubernetesVersion?: string;
  /** Findings that rest on what could not be read become "unknown (forbidden: ...)" notes, never a pass or a fail. */
  judge(findings: readonly Finding[]): { findings: Finding[]; counts: ReturnType<typeof countFindings> };
}

/** The live facts for `lint --cluster`: the sources the files name, as the cluster has them. */
export async function lintClusterFacts(inputs: readonly LintInput[], profile: TargetProfile, flags: ConnectionFlags, terminal: Terminal): Promise<LintClusterFacts> {
  const client = ClusterClient.connect(connectionOptions(flags));
  const { facts, serverVersion, unknown } = await readLintFacts(client, sourceReferences(inputs, profile));
  for (const fact of unknown) terminal.stderr(`note: ${describeUnknown(fact)}; the checks that need it say unknown\n`);
  const kubernetesVersion = minorVersion(serverVersion);
  return {
    facts,
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
    judge: (findings) => {
      const judged = findings.map((finding) => unknownInstead(finding, unknown) ?? finding);
      return { findings: judged, counts: countFindings(judged) };
    },
  };
}

/**
 * With --cluster a source that is not in the cluster is an error; a source we were not allowed
 * to read is not "missing": its finding says unknown, as info.
 */
function unknownInstead(finding: Finding, unknown: readonly UnknownFact[]): Finding | undefined {
  if (finding.ruleId !== 'source-not-found') return undefined;
  const missing = /^source (\S+) does not exist in namespace (\S+):/.exec(finding.message);
  if (!missing) return undefined;
  const fact = unknown.find((u) => u.fact === 'source' && u.what === `persistentvolumeclaim ${missing[2]}/${missing[1]}`);
  if (!fact) return undefined;
  return {
    ...finding,
    severity: 'info',
    message: `source ${missing[1]} in namespace ${missing[2]}: unknown (${fact.reason}): whether it exists and is Bound could not be read`,
  };
}
