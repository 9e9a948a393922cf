/**
 * Bounds that keep lint time and memory proportional to the input. A manifest larger than
 * this is not something anyone applies (the apiserver caps a request body at 3 MiB), so a
 * larger input is refused with a finding rather than parsed.
 */
export interface ManifestLimits {
  /** Characters in one file. */
  readonly maxFileLength: number;
  /** Alias dereferences while resolving one document (yaml's guard against "billion laughs"). */
  readonly maxAliasCount: number;
  /**
   * Collections nested in one document. yaml composes nodes recursively and runs out of stack
   * near 800 levels; go-yaml (kubectl) stops at 10,000. No Kubernetes object comes near this (a
   * CRD's schema nests a few dozen levels), so a deeper document is refused before it is composed.
   */
  readonly maxNestingDepth: number;
  /**
   * Characters of a file up to which every document's syntax tree is kept. A tree takes about 30
   * times its text in memory; past this size each is let go once its value is read and parsed
   * again only for a document with a finding, so a 31 MiB file lints in a 512 MiB heap.
   */
  readonly retainSyntaxTrees: number;
}

export const defaultLimits: ManifestLimits = {
  maxFileLength: 32 * 1024 * 1024,
  maxAliasCount: 100,
  maxNestingDepth: 256,
  retainSyntaxTrees: 4 * 1024 * 1024,
};
