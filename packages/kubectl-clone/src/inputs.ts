import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { LintInput } from '@kubectl-clone/core';
import { CliError } from './errors.js';

/** What a directory walk picks up: manifests, and the docs and scripts that embed them. */
export const defaultExtensions: readonly string[] = ['.yaml', '.yml', '.md', '.markdown', '.sh'];
const skippedDirectories = new Set(['node_modules', '.git', '.hg', '.svn']);

export const stdinPath = '<stdin>';

/**
 * FILE, DIR (recursive: files with one of `extensions`) or "-" for standard input. A file named
 * on the command line is read whatever its extension. A path that does not exist or cannot be
 * read fails the command (exit 2) before anything is linted or written.
 */
export function readInputs(paths: readonly string[], readStdin: () => string, extensions: readonly string[] = defaultExtensions): LintInput[] {
  const wanted = new Set(extensions.map((extension) => extension.toLowerCase()));
  const inputs: LintInput[] = [];
  for (const path of paths.length > 0 ? paths : ['-']) {
    if (path === '-') {
      inputs.push({ path: stdinPath, text: readStdin() });
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${reason(error)}; check the path`);
    }
    if (stats.isDirectory()) {
      for (const file of walk(path, wanted)) inputs.push({ path: file, text: readText(file) });
    } else {
      inputs.push({ path, text: readText(path) });
    }
  }
  return inputs;
}

function walk(directory: string, extensions: ReadonlySet<string>): string[] {
  const files: string[] = [];
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new CliError(`cannot read directory ${directory}: ${reason(error)}`);
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) files.push(...walk(path, extensions));
    } else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
  return files;
}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${reason(error)}`);
  }
  return decodeUtf8(bytes, path);
}

/** Kubernetes manifests are UTF-8; a file that is not is reported, not half-read. */
export function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new CliError(`cannot read ${path}: it is not valid UTF-8 text; save it as UTF-8`);
  }
}

export function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error).code);
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `--ext yaml,.md` -> ['.yaml', '.md']. */
export function parseExtensions(value: string): string[] {
  const extensions = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (extensions.length === 0 || extensions.some((extension) => !/^\.?[A-Za-z0-9_-]+$/.test(extension))) {
    throw new CliError(`invalid --ext "${value}": expected a comma-separated list such as yaml,yml,md,sh`);
  }
  return extensions.map((extension) => (extension.startsWith('.') ? extension : `.${extension}`).toLowerCase());
}
