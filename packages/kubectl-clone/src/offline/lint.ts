import { readFileSync } from 'node:fs';
import { allRules, clusterProfile, fixFile, lintFiles, type LintInput, type LintOptions, type RuleSetting } from '@kubectl-clone/core';
import { CliError, exitCodes } from '../errors.js';
import { formatterFor } from '../formatters/index.js';
import { decodeUtf8, defaultExtensions, parseExtensions, readInputs, stdinPath } from '../inputs.js';
import { profileFrom, profileOptions } from '../profile.js';
import type { Terminal } from '../terminal.js';
import { writeFileAtomic } from '../write-atomic.js';
import { loadLive } from '../load-live.js';
import type { LintFlags } from '../commands/lint.js';
import type { LintClusterFacts } from '../live/lint-cluster.js';

function ruleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const value of values) {
    const match = /^([a-z0-9-]+)=(error|warning|info|off)$/.exec(value);
    if (!match) throw new CliError(`invalid --rule "${value}": expected RULE-ID=error|warning|info|off`);
    if (!allRules.some((meta) => meta.id === match[1])) {
      throw new CliError(`unknown rule "${match[1]}" in --rule: see kubectl clone rules`);
    }
    settings[match[1]!] = match[2] as RuleSetting;
  }
  return settings;
}

export async function runLint(paths: readonly string[], flags: LintFlags, terminal: Terminal): Promise<number> {
  const formatter = formatterFor(flags.output);
  let options: LintOptions = { profile: profileFrom(flags), rules: ruleSettings(flags.rule) };
  const extensions = flags.ext === undefined ? defaultExtensions : parseExtensions(flags.ext);
  let inputs = readInputs(paths, () => decodeUtf8(readFileSync(0), stdinPath), extensions);
  let judge: LintClusterFacts['judge'] | undefined;
  if (flags.cluster) {
    const live = await (await loadLive()).lintClusterFactsCommand(inputs, options.profile!, flags, terminal);
    // the cluster's own version unless one was asked for; what the files name is now known
    options = { ...options, facts: live.facts, profile: clusterProfile(profileOptions(flags), live.kubernetesVersion) };
    judge = live.judge;
  }
  let fixed = 0;
  let fixedStdin: string | undefined;
  if (flags.fix) {
    // Fix file by file; a YAML file sees the other YAML files (already fixed ones as fixed) for
    // cross-object rules, a Markdown or shell file only its own blocks.
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const others = inputs.filter((_, j) => j !== i);
      const result = fixFile(input, options, others);
      if (result.text === input.text) continue;
      fixed += result.fixed.length;
      if (input.path === stdinPath) fixedStdin = result.text;
      else writeFileAtomic(input.path, result.text);
      inputs = inputs.map((other, j): LintInput => (j === i ? { path: input.path, text: result.text } : other));
    }
    if (fixedStdin === undefined && inputs.some((input) => input.path === stdinPath)) {
      fixedStdin = inputs.find((input) => input.path === stdinPath)!.text;
    }
  }
  const linted = lintFiles(inputs, options);
  const result = judge ? { ...linted, ...judge(linted.findings) } : linted;
  // -q: errors only, and the summary counts what is shown
  const findings = flags.quiet ? result.findings.filter((finding) => finding.severity === 'error') : result.findings;
  const counts = flags.quiet ? { ...result.counts, warnings: 0, infos: 0 } : result.counts;
  const report = formatter(
    { findings, counts, files: inputs.length, documents: result.documents, fixed },
    { color: terminal.color },
  );
  // With --fix on standard input the fixed manifests go to stdout, so the report goes to stderr.
  if (fixedStdin !== undefined) {
    terminal.stdout(fixedStdin);
    terminal.stderr(report);
  } else {
    terminal.stdout(report);
  }
  return result.counts.errors > 0 ? exitCodes.findings : exitCodes.ok;
}
