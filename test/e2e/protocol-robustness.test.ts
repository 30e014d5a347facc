/**
 * The daemon under hostile input: thousands of malformed and adversarial lines (not JSON, wrong
 * types, huge strings, unknown methods, duplicate ids, U+2028 inside strings, responses to ids
 * never sent). It never dies, answers every request that carries a usable id with a well-formed
 * response (never `id: null`), and still answers a valid request afterwards.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Daemon, spawnDaemon } from '../support/index.js';

// Methods whose random calls always fail: a success could not be told apart from another request
// that reused the same id (the driver matches responses by id).
const knownMethods = ['initialize', 'turn/start', 'turn/interrupt', 'turn/steer', 'initialized', '$/cancelRequest', 'nope/nothing'];

/** Ids, usable or not (integers stay clear of the driver's own small ids). */
const idArb = fc.oneof(
  fc.integer({ min: -5, max: -1 }),
  fc.integer({ min: 100_000, max: 1_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant({}),
);
const textArb = fc.string({ unit: 'binary', maxLength: 200 }).map((s) => s.replaceAll(/[\n\r]/g, ''));
const paramsArb = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.record({ threadId: fc.string(), turnId: fc.string(), input: fc.anything() }, { requiredKeys: [] }));

const lineArb = fc.oneof(
  // Not JSON at all.
  textArb,
  // JSON that is not an object.
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  // Request-shaped objects with any id, method and params.
  fc
    .record(
      { id: idArb, method: fc.oneof(fc.constantFrom(...knownMethods), fc.string(), fc.integer()), params: paramsArb, jsonrpc: fc.constant('2.0') },
      { requiredKeys: [] },
    )
    .map((message) => JSON.stringify(message)),
  // Responses to ids the server never sent.
  fc.record({ id: idArb, result: fc.jsonValue({ maxDepth: 2 }) }).map((message) => JSON.stringify(message)),
  fc.record({ id: idArb, error: fc.record({ code: fc.integer(), message: fc.string() }) }).map((message) => JSON.stringify(message)),
  // Line and paragraph separators inside strings, raw.
  fc.string({ maxLength: 20 }).map((s) => `{"id":"sep-${s.length}","method":"thread/start","params":{"cwd":"\u2028${s}\u2029"}}`),
  // A huge string.
  fc.integer({ min: 100_000, max: 400_000 }).map((size) => JSON.stringify({ id: `big-${size}`, method: 'turn/start', params: { threadId: 'x'.repeat(size) } })),
);

/** The ids the daemon must answer: objects with a string or integer id that are not responses. */
function expectedAnswers(line: string): string[] {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return [];
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return [];
  const { id } = message as Record<string, unknown>;
  if ('result' in message || 'error' in message) return [];
  const usable = typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
  return usable ? [JSON.stringify(id)] : [];
}

function answersFrom(daemon: Daemon, since: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of daemon.messages.slice(since)) {
    if (message.dir !== 's->c') continue;
    const parsed = JSON.parse(message.line) as Record<string, unknown>;
    if (!('id' in parsed) || 'method' in parsed) continue;
    expect(parsed.id).not.toBeNull();
    if ('error' in parsed) {
      const error = parsed.error as { code: unknown; message: unknown };
      expect(typeof error.code).toBe('number');
      expect(typeof error.message).toBe('string');
      expect(String(error.message)).not.toMatch(/\n\s+at /);
    }
    const key = JSON.stringify(parsed.id);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('protocol robustness', () => {
  it('survives thousands of adversarial lines and keeps answering', async () => {
    const daemon = await spawnDaemon({ timeoutMs: 30_000 });
    try {
      await daemon.initialize();
      const cwd = await mkdtemp(join(tmpdir(), 'agentd-fuzz-'));
      let round = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(lineArb, { minLength: 100, maxLength: 400 }), async (lines) => {
          round += 1;
          const since = daemon.messages.length;
          const expected = new Map<string, number>();
          for (const line of lines) {
            for (const key of expectedAnswers(line)) expected.set(key, (expected.get(key) ?? 0) + 1);
            daemon.sendRaw(line);
          }
          // A valid request after the storm is answered normally.
          const probe = await daemon.request('thread/start', { cwd });
          expect(probe.thread.id).toEqual(expect.any(String));
          // Everything sent before the probe has been answered by now (requests are answered in order of arrival).
          await waitForCounts(daemon, since, expected);
          const answers = answersFrom(daemon, since);
          for (const [key, count] of expected) expect(answers.get(key), `answers for id ${key}`).toBeGreaterThanOrEqual(count);
          expect(daemon.exitStatus, `the daemon died in round ${round}`).toBeUndefined();
        }),
        { numRuns: 12, endOnFailure: true },
      );
      const sent = daemon.messages.filter((m) => m.dir === 'c->s').length;
      expect(sent).toBeGreaterThan(1000);
      daemon.expectValid();
    } finally {
      await daemon.dispose();
    }
  }, 180_000);

  it('refuses a line over the size limit with an error and goes on', async () => {
    const daemon = await spawnDaemon({ args: ['-c', 'limits.max_message_bytes=100000'] });
    try {
      await daemon.initialize();
      daemon.sendRaw(JSON.stringify({ id: 'too-big', method: 'thread/start', params: { cwd: 'x'.repeat(200_000) } }));
      const answer = await daemon.waitForResponse('too-big');
      expect(answer).toMatchObject({ id: 'too-big', error: { code: -32600 } });
      expect(String((answer.error as { message: string }).message)).toMatch(/too large/);
      const cwd = await mkdtemp(join(tmpdir(), 'agentd-fuzz-'));
      const probe = await daemon.request('thread/start', { cwd });
      expect(probe.thread.id).toEqual(expect.any(String));
    } finally {
      await daemon.dispose();
    }
  });
});

async function waitForCounts(daemon: Daemon, since: number, expected: Map<string, number>): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answers = answersFrom(daemon, since);
    if ([...expected].every(([key, count]) => (answers.get(key) ?? 0) >= count)) return;
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
