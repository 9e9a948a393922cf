// Cluster-aware diagnostics (`kubectlClone.clusterDiagnostics`): what `kubectl clone lint --cluster`
// adds to the offline findings, as the user types. The offline lint is published at once; this
// live pass follows, debounced, reads the sources the document names from the cluster (cached
// per context and set of references for a short TTL) and lints again with those facts. No
// `vscode` and no Kubernetes client here: the reader comes from the lazily loaded dist/live.js.
import {
  clusterProfile, minorVersion, sourceReferences,
  type ClusterFacts, type Finding, type InputLanguage, type SourceReference, type TargetProfile,
} from '@kubectl-clone/core';
import { lintDocument, type LintSettings } from './diagnostics.js';

/** readLintFacts' answer (@kubectl-clone/core/cluster). */
export interface LintFactsResult {
  readonly facts: ClusterFacts;
  readonly serverVersion: string;
  readonly gaps: readonly string[];
}

/** The part of a ClusterSession the live pass uses. */
export interface FactsReader {
  readonly context: string;
  readonly server: string;
  readLintFacts(references: readonly SourceReference[]): Promise<LintFactsResult>;
}

export const factsTtlMs = 20_000;
export const liveTimeoutMs = 10_000;

/**
 * The source claims the document's clones name. The core picks the language from the path's
 * extension; an untitled document (or a README.txt in Markdown mode) gets the editor's language
 * through a suffix, which only the language detection reads.
 */
export function referencesOf(path: string, text: string, language: InputLanguage, profile: TargetProfile): SourceReference[] {
  const suffix = language === 'markdown' ? '.md' : language === 'shell' ? '.sh' : '.yaml';
  return sourceReferences([{ path: `${path}${suffix}`, text }], profile);
}

export function referencesKey(references: readonly SourceReference[]): string {
  return references.map((ref) => `${ref.namespace ?? ''}/${ref.name}`).sort().join(',');
}

/**
 * The lint options with live facts, as `lint --cluster` makes them: the cluster's own minor
 * version, the settings' feature gates, and `complete` (a source the cluster does not have is
 * an error, not an info).
 */
export function liveLintSettings(settings: LintSettings & { readonly featureGates: string }, result: LintFactsResult): LintSettings {
  const kubernetesVersion = minorVersion(result.serverVersion) ?? settings.profile.kubernetesVersion;
  let profile: TargetProfile;
  try {
    profile = clusterProfile({ featureGates: settings.featureGates, provisionerVersion: settings.profile.provisionerVersion }, result.serverVersion);
  } catch {
    // e.g. a feature gate the cluster's version does not have: keep the settings' profile
    profile = { ...settings.profile, kubernetesVersion, complete: true };
  }
  return { rules: settings.rules, profile, facts: result.facts };
}

interface Entry {
  readonly at: number;
  readonly promise: Promise<LintFactsResult>;
  value?: LintFactsResult;
}

/** Facts per (context, server, set of source references), kept `ttlMs`; a failure is kept as long (no hammering). */
export class FactsCache {
  private readonly entries = new Map<string, Entry>();
  fetches = 0;

  constructor(private readonly ttlMs = factsTtlMs, private readonly now: () => number = Date.now) {}

  static key(reader: Pick<FactsReader, 'context' | 'server'>, references: readonly SourceReference[]): string {
    return `${reader.context}\n${reader.server}\n${referencesKey(references)}`;
  }

  get(key: string, fetch: () => Promise<LintFactsResult>): Promise<LintFactsResult> {
    const now = this.now();
    for (const [other, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(other);
    const cached = this.entries.get(key);
    if (cached) return cached.promise;
    this.fetches++;
    const entry: Entry = { at: now, promise: fetch() };
    entry.promise.then((value) => (entry.value = value), () => undefined);
    this.entries.set(key, entry);
    return entry.promise;
  }

  /** The facts under `key` if they are fresh and already read. */
  peek(key: string): LintFactsResult | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One document as the live pass sees it (a snapshot: text and version at the offline lint). */
export interface LiveDocument {
  readonly key: string;
  readonly version: number;
  readonly path: string;
  readonly text: string;
  readonly language: InputLanguage;
}

export interface LiveHost {
  settings(): LintSettings & { readonly featureGates: string };
  /** A reader for the configured context; may throw (no kubeconfig, unknown context). */
  connect(): FactsReader | Promise<FactsReader>;
  /** Still open, still at this version? */
  isCurrent(document: LiveDocument): boolean;
  publish(document: LiveDocument, findings: Finding[], settings: LintSettings): void;
  log(line: string): void;
}

export type LiveOutcome = 'published' | 'no-references' | 'stale' | 'failed';

/**
 * Schedules and runs the live passes. Each offline lint (each edit, after the debounce) bumps the
 * document's generation: a pass still waiting for the cluster is then stale and its answer is
 * dropped. Errors (an unreachable cluster, a bad kubeconfig) are logged once until they change or
 * a pass succeeds; the offline diagnostics stay.
 */
export class LiveLinter {
  readonly cache: FactsCache;
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastProblem: string | undefined;
  /** The context the last pass read: what `cachedSettings` looks up without connecting. */
  private lastReader: Pick<FactsReader, 'context' | 'server'> | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly host: LiveHost, options: { ttlMs?: number; now?: () => number; timeoutMs?: number } = {}) {
    this.cache = new FactsCache(options.ttlMs, options.now);
    this.timeoutMs = options.timeoutMs ?? liveTimeoutMs;
  }

  /**
   * Fresh facts for the document's references in the last context read, if the cache has them:
   * the offline lint then includes them at once (no flicker while typing), and no pass is needed.
   */
  cachedSettings(document: Omit<LiveDocument, 'key' | 'version'>): LintSettings | undefined {
    if (!this.lastReader) return undefined;
    const settings = this.host.settings();
    const references = referencesOf(document.path, document.text, document.language, settings.profile);
    if (references.length === 0) return undefined;
    const result = this.cache.peek(FactsCache.key(this.lastReader, references));
    return result ? liveLintSettings(settings, result) : undefined;
  }

  /** Makes any running pass of the document stale and drops a waiting one. */
  cancel(key: string): number {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  /** After an offline lint: a pass follows after `delayMs`. */
  schedule(document: LiveDocument, delayMs: number): void {
    const generation = this.cancel(document.key);
    this.timers.set(document.key, setTimeout(() => {
      this.timers.delete(document.key);
      void this.run(document, generation);
    }, delayMs));
  }

  forget(key: string): void {
    this.cancel(key);
    this.generations.delete(key);
  }

  async run(document: LiveDocument, generation = this.generations.get(document.key) ?? 0): Promise<LiveOutcome> {
    const isStale = () => (this.generations.get(document.key) ?? 0) !== generation || !this.host.isCurrent(document);
    const settings = this.host.settings();
    const references = referencesOf(document.path, document.text, document.language, settings.profile);
    if (references.length === 0) return 'no-references';
    let result: LintFactsResult;
    let reader: FactsReader;
    try {
      const connected = this.host.connect();
      // a reader at hand is asked at once (no extra turn in which the document can change)
      reader = connected instanceof Promise ? await connected : connected;
      const fetch = () => reader.readLintFacts(references).then((answer) => {
        for (const gap of answer.gaps) this.host.log(`cluster diagnostics: could not read ${gap} in context ${reader.context}; the checks that need it were skipped`);
        return answer;
      });
      result = await withTimeout(this.cache.get(FactsCache.key(reader, references), fetch), this.timeoutMs);
    } catch (error) {
      if (isStale()) return 'stale';
      const problem = (error as Error).message;
      if (problem !== this.lastProblem) {
        this.lastProblem = problem;
        this.host.log(`cluster diagnostics: ${problem}; showing the offline diagnostics only (said once until it changes)`);
      }
      return 'failed';
    }
    if (isStale()) return 'stale';
    if (this.lastProblem !== undefined) this.host.log(`cluster diagnostics: context ${reader.context} answers again`);
    this.lastProblem = undefined;
    this.lastReader = { context: reader.context, server: reader.server };
    const live = liveLintSettings(settings, result);
    this.host.publish(document, lintDocument(document.path, document.text, live, document.language), live);
    return 'published';
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the cluster did not answer within ${(ms / 1000).toFixed(0)}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
