/**
 * ThreadManager.probeSandbox, which the daemon calls once it is quiet after start-up, so the first
 * thread under a sandbox does not wait for the probe.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, silentLogger, ThreadManager } from '@agentd/core';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const task of cleanup.splice(0).reverse()) await task();
});

async function managerWith(config: string): Promise<{ manager: ThreadManager; probes: () => number }> {
  const home = await mkdtemp(join(tmpdir(), 'agentd-prepare-home-'));
  await writeFile(join(home, 'config.toml'), config);
  let probes = 0;
  const manager = new ThreadManager({
    home,
    config: loadConfig(home),
    log: silentLogger,
    version: 'test',
    probeSandbox: async () => {
      probes += 1;
      return { available: false, reason: 'a test probe' };
    },
  });
  cleanup.push(async () => {
    await manager.shutdown();
    await rm(home, { recursive: true, force: true });
  });
  return { manager, probes: () => probes };
}

describe('ThreadManager.probeSandbox', () => {
  it('probes the sandbox ahead of the first thread, once', async () => {
    const { manager, probes } = await managerWith('sandbox_mode = "workspace-write"\n');
    manager.prepare();
    expect(probes()).toBe(0);
    manager.probeSandbox();
    expect(probes()).toBe(1);
    await manager.sandboxEnforcement({ sandboxPolicy: { type: 'readOnly', networkAccess: false }, cwd: tmpdir() }).catch(() => undefined);
    expect(probes()).toBe(1);
  });

  it('does not probe when commands run unconfined by default', async () => {
    const { manager, probes } = await managerWith('sandbox_mode = "danger-full-access"\n');
    manager.probeSandbox();
    expect(probes()).toBe(0);
  });
});
