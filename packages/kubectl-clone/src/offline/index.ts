/**
 * The offline commands (everything that needs the core engine but no cluster). Built as
 * dist/clone-offline.cjs and loaded on first use, so `--version` and `--help` only parse commander.
 */
export { runLint } from './lint.js';
export { runPvc } from './pvc.js';
export { runRules } from './rules.js';
