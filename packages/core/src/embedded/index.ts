export { lintEmbedded, fixEmbedded, lintFile, lintFiles, fixFile, type EmbeddedLintResult } from './lint-embedded.js';
export { extractEmbedded, extractFromMarkdown, extractFromShell, inputLanguageOf, type EmbeddedBlock, type InputLanguage, type EmbeddingLanguage } from './extract.js';
export { SourceMap, type MappedLine, type LineInFile, type SourceMapOptions } from './source-map.js';
export { scanHeredocs, type Heredoc } from './shell.js';
export { codeBlocks, type CodeBlock } from './markdown.js';
