/**
 * Old clients keep working: every recorded session in fixtures/ is replayed against the current
 * daemon with the scripted model, and every field the old client relied on must still be there
 * with the same meaning (see README.md here for the format and how to record one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RpcError, spawnDaemon } from '../support/index.js';
import { replaySession } from './replay.js';
import { parseSessionFixture } from './session-fixture.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/**
 * Fixtures whose replay waits for a method another branch is building. The entry names the method;
 * while the daemon answers it with "method not found" the replay is skipped with the reason, and
 * once the daemon implements it the replay runs and this entry must be removed (a test says so),
 * so a later regression cannot hide behind it.
 */
const WAITING_FOR: Readonly<Record<string, { method: string; reason: string }>> = {};

const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.session.json'))
  .sort()
  .map((file) => parseSessionFixture(JSON.parse(readFileSync(`${FIXTURES}${file}`, 'utf8')), file));

/** Whether the built daemon implements `method` (anything but -32601 counts). */
async function daemonImplements(method: string): Promise<boolean> {
  const daemon = await spawnDaemon();
  try {
    await daemon.initialize();
    await daemon.request(method, {});
    return true;
  } catch (error) {
    if (error instanceof RpcError) return error.code !== -32601;
    throw error;
  } finally {
    await daemon.dispose();
  }
}

describe('recorded sessions of old clients', () => {
  it('are there', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'codex-client-approval-turn',
        'codex-client-resume-second-turn',
        'agentd-0.1.0-driver-client-plan-patch-interrupt',
        'agentd-0.1.0-reference-client-demo',
      ]),
    );
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.client.name} (${fixture.source}, protocol ${fixture.protocol}) still works`, async (ctx) => {
      const waiting = WAITING_FOR[fixture.name];
      if (waiting && !(await daemonImplements(waiting.method))) ctx.skip(waiting.reason);
      await replaySession(fixture);
    }, 120_000);
  }

  for (const [name, { method }] of Object.entries(WAITING_FOR)) {
    it(`${name} is no longer waiting for ${method} once the daemon implements it`, async () => {
      expect(fixtures.some((f) => f.name === name), `WAITING_FOR names an unknown fixture ${name}`).toBe(true);
      const implemented = await daemonImplements(method);
      expect(implemented, `the daemon implements ${method} now: remove "${name}" from WAITING_FOR in test/compat/replay.test.ts`).toBe(false);
    }, 60_000);
  }
});
