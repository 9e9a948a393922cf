import fc from 'fast-check';

/**
 * Property runs are random on a developer's machine (that is how they keep finding new cases)
 * and fixed in CI, so a landing is never decided by the draw. FC_SEED=<n> replays a failure
 * anywhere; fast-check prints the seed and path of every counterexample.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261122 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
