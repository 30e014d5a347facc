/**
 * The AGENTS.md chain of a working directory: the global file in `AGENTD_HOME`, then one file per
 * directory from the git root (or the cwd itself outside git) down to the cwd. In each directory
 * `AGENTS.override.md` wins over `AGENTS.md`, which wins over the configured fallback names. The
 * chain shares one byte budget, filled from the top: when it runs out, the deepest files are cut
 * first (the one that crosses the budget is truncated, the ones below it left out). Whatever is cut
 * is reported as a warning — a file is never dropped silently.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';

/** An instructions file as it goes into the prompt. */
export interface InstructionFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  /** Set when only the start of the file fits the budget: its whole size in bytes. */
  readonly truncatedFrom?: number;
}

export interface InstructionChain {
  /** In prompt order: global first, then from the git root down to the cwd. */
  readonly files: readonly InstructionFile[];
  /** What the user should know: files cut or left out, files that could not be read. */
  readonly warnings: readonly string[];
}

export interface InstructionChainOptions {
  /** `AGENTD_HOME`: where the global file lives. */
  readonly home: string;
  readonly cwd: string;
  /** `project_doc_max_bytes`: the budget of the whole chain; 0 turns AGENTS.md off. */
  readonly maxBytes: number;
  /** `project_doc_fallback_filenames`: tried after `AGENTS.md` in every project directory. */
  readonly fallbackNames?: readonly string[];
}

export const DEFAULT_INSTRUCTION_BUDGET_BYTES = 32 * 1024;
const OVERRIDE_NAME = 'AGENTS.override.md';
const DEFAULT_NAME = 'AGENTS.md';

export const noInstructions: InstructionChain = { files: [], warnings: [] };

/** Finds, reads and budgets the chain. Never throws for a missing or unreadable file. */
export async function loadInstructionChain(options: InstructionChainOptions): Promise<InstructionChain> {
  if (options.maxBytes <= 0) return noInstructions;
  const warnings: string[] = [];
  const found: { path: string; bytes: Buffer }[] = [];
  const global = await firstReadable(resolve(options.home), [OVERRIDE_NAME, DEFAULT_NAME], warnings);
  if (global) found.push(global);
  const projectNames = [OVERRIDE_NAME, DEFAULT_NAME, ...(options.fallbackNames ?? []).filter((name) => name && !name.includes('/'))];
  for (const directory of await projectDirectories(resolve(options.cwd))) {
    const file = await firstReadable(directory, projectNames, warnings);
    // AGENTD_HOME inside the project would bring its file twice.
    if (file && !found.some((earlier) => earlier.path === file.path)) found.push(file);
  }
  const { files, cut } = applyBudget(found, options.maxBytes);
  if (cut.length > 0) warnings.push(budgetWarning(cut, options.maxBytes));
  return { files, warnings };
}

/** The directories whose files apply to `cwd`: from the git root (or `cwd` outside git) down to it. */
export async function projectDirectories(cwd: string): Promise<string[]> {
  const chain: string[] = [];
  for (let directory = cwd; ; directory = dirname(directory)) {
    chain.unshift(directory);
    if (await exists(join(directory, '.git'))) return chain;
    if (directory === parse(directory).root) return [cwd];
  }
}

interface CutFile {
  readonly path: string;
  readonly bytes: number;
  /** Bytes kept: 0 when the file was left out. */
  readonly kept: number;
}

/** Fills the budget from the first file on; the rest is cut, deepest last in line. */
export function applyBudget(found: readonly { path: string; bytes: Buffer }[], maxBytes: number): { files: InstructionFile[]; cut: CutFile[] } {
  const files: InstructionFile[] = [];
  const cut: CutFile[] = [];
  let remaining = maxBytes;
  for (const { path, bytes } of found) {
    if (bytes.length <= remaining) {
      files.push({ path, content: bytes.toString('utf8') });
      remaining -= bytes.length;
      continue;
    }
    const kept = utf8Prefix(bytes, remaining);
    cut.push({ path, bytes: bytes.length, kept: kept.length });
    if (kept.toString('utf8').trim()) files.push({ path, content: kept.toString('utf8'), truncatedFrom: bytes.length });
    remaining -= kept.length;
  }
  return { files, cut };
}

/** The longest prefix of at most `max` bytes that does not split a UTF-8 character. */
function utf8Prefix(bytes: Buffer, max: number): Buffer {
  let end = Math.min(max, bytes.length);
  // Back off continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function budgetWarning(cut: readonly CutFile[], maxBytes: number): string {
  const parts = cut.map((file) =>
    file.kept > 0 ? `${file.path} was truncated to ${file.kept} of ${file.bytes} bytes` : `${file.path} (${file.bytes} bytes) was left out`,
  );
  return `The AGENTS.md instructions exceed the ${maxBytes}-byte budget: ${parts.join('; ')}. Raise project_doc_max_bytes in config.toml to load them whole.`;
}

async function firstReadable(directory: string, names: readonly string[], warnings: string[]): Promise<{ path: string; bytes: Buffer } | undefined> {
  for (const name of names) {
    const path = join(directory, name);
    let bytes: Buffer;
    try {
      if (!(await stat(path)).isFile()) continue;
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      warnings.push(`Could not read the instructions file ${path} (${code ?? (error as Error).message}); it was left out.`);
      continue;
    }
    // An empty file says nothing; the next name in the directory may.
    if (bytes.toString('utf8').trim() === '') continue;
    return { path, bytes };
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
