import { computeStages, effectiveSource, isPvcSource } from './apiserver/data-sources.js';
import type { LintInput } from './lint.js';
import { claimsOfDocument } from './manifest/claims.js';
import { defaultLimits } from './manifest/limits.js';
import { parseManifests } from './manifest/parse.js';
import { defaultProfile, type TargetProfile } from './profile.js';
import { extractEmbedded, inputLanguageOf } from './embedded/extract.js';

export interface SourceReference {
  /** undefined: the namespace the manifests are applied into */
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * The source claims a bundle's clones name, as the apiserver will store them (after drops and
 * normalization): what `lint --cluster` must read from the cluster, and nothing more.
 */
export function sourceReferences(inputs: readonly LintInput[], profile: TargetProfile = defaultProfile): SourceReference[] {
  const seen = new Map<string, SourceReference>();
  for (const input of inputs) {
    const language = inputLanguageOf(input.path);
    const texts = language === 'yaml' ? [input.text] : extractEmbedded(input.text, language).map((block) => block.text);
    for (const doc of texts.flatMap((text) => parseManifests(input.path, text, defaultLimits).file.documents)) {
      for (const claim of claimsOfDocument(doc)) {
        const source = effectiveSource(computeStages(claim, profile));
        if (!isPvcSource(source) || !source.name) continue;
        const namespace = source.namespace || claim.namespace;
        seen.set(`${namespace ?? ''}/${source.name}`, { namespace, name: source.name });
      }
    }
  }
  return [...seen.values()];
}
