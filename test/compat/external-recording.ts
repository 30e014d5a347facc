// Recording a client that runs as its own process (the reference client, an editor's test
// harness): it runs in a temp workspace with an `agentd` shim first on its PATH (and in AGENTD_BIN)
// that starts the real daemon behind tap.ts, against the scripted model server. Each daemon it
// starts is one connection of the fixture, in the order they started.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENTD_BIN, mockProviderConfig, parseScript, REPO_ROOT, startModelServer, TEST_API_KEY, TEST_API_KEY_ENV, type WireMessage } from '../support/index.js';
import type { RecordingInput } from './recorder.js';

const TAP = fileURLToPath(new URL('./tap.ts', import.meta.url));
const REGISTER_TS = join(REPO_ROOT, 'test/support/register-ts.mjs');

export interface ExternalClientOptions {
  /** The client's command line; it finds the daemon as `agentd` on PATH or in AGENTD_BIN. */
  readonly command: readonly string[];
  /** What the scripted model answers. */
  readonly model: readonly unknown[];
  /** Files of the workspace the client runs in (its cwd). */
  readonly files?: Readonly<Record<string, string>>;
  /** Top-level config.toml keys. */
  readonly config?: RecordingInput['config'];
  /** Fed to the client's stdin (answers to its prompts); otherwise stdin is closed. */
  readonly stdin?: string;
  /** More environment for the client. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ExternalClientRecording extends Pick<RecordingInput, 'connections' | 'paths' | 'model'> {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function readFilesUnder(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = await readFile(path, 'utf8');
  }
  return files;
}

export { readFilesUnder };

export async function recordExternalClient(options: ExternalClientOptions): Promise<ExternalClientRecording> {
  const model = await startModelServer();
  model.enqueue(...parseScript(options.model).entries);
  const scratch = await mkdtemp(join(tmpdir(), 'agentd-record-'));
  const home = join(scratch, 'home');
  const workspace = join(scratch, 'workspace');
  const transcripts = join(scratch, 'transcripts');
  const bin = join(scratch, 'bin');
  try {
    for (const dir of [home, workspace, transcripts, bin]) await mkdir(dir, { recursive: true });
    for (const [path, content] of Object.entries(options.files ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), content);
    }
    await writeFile(join(home, 'config.toml'), mockProviderConfig(model.url, options.config ? { settings: options.config } : {}));
    const shim = join(bin, 'agentd');
    // Transcripts are named by start time so connections keep their order.
    await writeFile(
      shim,
      [
        '#!/bin/sh',
        `out="${transcripts}/$(date +%s%N)-$$.jsonl"`,
        `exec "${process.execPath}" --import "${REGISTER_TS}" "${TAP}" --out "$out" -- "${process.execPath}" "${AGENTD_BIN}" "$@"`,
        '',
      ].join('\n'),
    );
    await chmod(shim, 0o755);

    const [command, ...args] = options.command;
    if (!command) throw new Error('no client command');
    const child = spawn(command, args, {
      cwd: workspace,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...options.env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        AGENTD_BIN: shim,
        AGENTD_HOME: home,
        [TEST_API_KEY_ENV]: TEST_API_KEY,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });

    const connections: { messages: WireMessage[] }[] = [];
    for (const file of (await readdir(transcripts)).sort()) {
      const text = await readFile(join(transcripts, file), 'utf8');
      connections.push({ messages: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as WireMessage) });
    }
    return { connections, paths: { workspace, home }, model: [...options.model], exitCode, stdout, stderr };
  } finally {
    await model.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
