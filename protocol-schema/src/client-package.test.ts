/**
 * `@agentd/protocol` is all an editor integration needs: the types, the zod validators and the
 * method table, without core. test/consumer/editor-client.ts is written as an outside package would
 * write it; here it is type-checked through the package's `exports` and then run.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EditorClient, approveEverything, renderTurn } from '../test/consumer/editor-client.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = join(PACKAGE_ROOT, '..');

describe('@agentd/protocol as a client package', () => {
  it('type-checks a typed client with nothing but @agentd/protocol, and refuses misuse', async () => {
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', join(PACKAGE_ROOT, 'test', 'consumer', 'tsconfig.json')], {
      cwd: REPO_ROOT,
    });
    await expect(run.then(() => 'ok', (error: { stdout?: string }) => error.stdout ?? String(error))).resolves.toBe('ok');
  }, 120_000);

  it('depends on zod only: never on core or the app-server', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['zod']);
    expect(pkg.peerDependencies).toBeUndefined();
    // Everything reachable from the package's entry points imports nothing but zod and Node.
    const external = new Set<string>();
    const visited = new Set<string>();
    const visit = (file: string): void => {
      if (visited.has(file)) return;
      visited.add(file);
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const match of code.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
        else if (!specifier.startsWith('node:')) external.add(specifier);
      }
    };
    for (const entry of ['dist/index.js', 'dist/v2/index.js']) visit(join(PACKAGE_ROOT, entry));
    expect(visited.size).toBeGreaterThan(10);
    expect([...external]).toEqual(['zod']);
  });

  it('runs: typed requests, handlers, validated results, unknown notifications ignored', async () => {
    const sent: string[] = [];
    const client = new EditorClient((line) => sent.push(line), {}, approveEverything);
    const output: string[] = [];
    renderTurn(client, output);

    const started = client.request('thread/start', { cwd: '/tmp/project' });
    expect(JSON.parse(sent[0]!)).toEqual({ id: 1, method: 'thread/start', params: { cwd: '/tmp/project' } });
    expect(() => client.request('turn/start', { threadId: 't', input: 'not a list' } as never)).toThrow();

    const thread = {
      id: 'thr_1', sessionId: 'thr_1', forkedFromId: null, parentThreadId: null, preview: '', ephemeral: false, projectId: null,
      modelProvider: 'mock', model: 'gpt-test', reasoningEffort: null, createdAt: 1, updatedAt: 1, recencyAt: 1,
      status: { type: 'idle' }, path: null, cwd: '/tmp/project', cliVersion: '0.1.0', originator: 'editor',
      source: 'appServer', gitInfo: null, name: null, turns: [],
    };
    const response = {
      thread, model: 'gpt-test', modelProvider: 'mock', serviceTier: null, reasoningEffort: null, cwd: '/tmp/project',
      approvalPolicy: 'on-request', approvalsReviewer: 'user', sandbox: { type: 'readOnly' },
    };
    await client.receive(JSON.stringify({ id: 1, result: response }));
    expect((await started).thread.id).toBe('thr_1');

    await client.receive(JSON.stringify({ method: 'thread/goal/cleared', params: { threadId: 'thr_1' } }));
    await client.receive(JSON.stringify({ method: 'item/agentMessage/delta', params: { threadId: 'thr_1', turnId: 'turn_1', itemId: 'msg_1', delta: 'Hello' } }));
    await client.receive(
      JSON.stringify({
        id: 0,
        method: 'item/commandExecution/requestApproval',
        params: { threadId: 'thr_1', turnId: 'turn_1', itemId: 'call_1', startedAtMs: 1, command: 'rm -rf build' },
      }),
    );
    expect(JSON.parse(sent.at(-1)!)).toEqual({ id: 0, result: { decision: 'decline' } });
    expect(output).toEqual(['Hello']);
  });
});
