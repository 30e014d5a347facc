import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentdError } from '../errors.js';
import type { SandboxAvailability } from './bubblewrap-probe.js';
import { BubblewrapSandbox } from './bubblewrap.js';
import { noSandbox } from './sandbox.js';
import type { SandboxPolicy } from './sandbox-policy.js';
import { SandboxProvider } from './sandbox-provider.js';

const workspace: SandboxPolicy = { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };
const unavailable: SandboxAvailability = { available: false, reason: 'bubblewrap (bwrap) was not found on PATH (/nowhere)' };

let cwd: string;
beforeEach(() => {
  cwd = realpathSync(mkdtempSync(join(tmpdir(), 'agentd-provider-')));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function provider(availability: SandboxAvailability, allowUnsandboxed = false) {
  let probes = 0;
  const sandboxes = new SandboxProvider({
    home: join(cwd, 'home'),
    env: {},
    allowUnsandboxed,
    probe: async () => {
      probes++;
      return availability;
    },
  });
  return { sandboxes, probes: () => probes };
}

describe('SandboxProvider', () => {
  it('probes once, on the first need, and not at all for danger-full-access', async () => {
    const { sandboxes, probes } = provider({ available: true, bwrapPath: '/usr/bin/bwrap' });
    expect(await sandboxes.sandboxFor({ type: 'dangerFullAccess' })).toBe(noSandbox);
    expect(probes()).toBe(0);
    expect(sandboxes.describe(workspace, cwd, {})).toBeUndefined();
    const [first, second] = await Promise.all([sandboxes.sandboxFor(workspace), sandboxes.sandboxFor({ type: 'readOnly', networkAccess: false })]);
    expect(first).toBeInstanceOf(BubblewrapSandbox);
    expect(second).toBe(first);
    expect(probes()).toBe(1);
    expect(sandboxes.describe(workspace, cwd, {})).toEqual({ mechanism: 'bubblewrap', writableRoots: [cwd], readOnlyPaths: [], networkAccess: false });
  });

  it('refuses a confining policy it cannot enforce, saying why and what to do', async () => {
    const { sandboxes } = provider(unavailable);
    const error = await sandboxes.enforcementFor(workspace, cwd, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentdError);
    expect(error).toMatchObject({
      code: 'SANDBOX_UNAVAILABLE',
      message:
        'the workspace-write sandbox cannot be enforced: bubblewrap (bwrap) was not found on PATH (/nowhere). Use the danger-full-access ' +
        'sandbox to run commands unconfined on purpose, or set `allow_unsandboxed = true` in config.toml to run them without a sandbox when it is unavailable.',
    });
    await expect(sandboxes.sandboxFor({ type: 'readOnly', networkAccess: false })).rejects.toMatchObject({ code: 'SANDBOX_UNAVAILABLE' });
    expect(sandboxes.describe(workspace, cwd, {})).toBeUndefined();
    expect(await sandboxes.enforcementFor({ type: 'dangerFullAccess' }, cwd, {})).toEqual({
      mechanism: 'none',
      writableRoots: ['/'],
      readOnlyPaths: [],
      networkAccess: true,
    });
  });

  it('with allow_unsandboxed, runs unconfined and says so', async () => {
    const { sandboxes } = provider(unavailable, true);
    expect(await sandboxes.sandboxFor(workspace)).toBe(noSandbox);
    expect(await sandboxes.enforcementFor(workspace, cwd, {})).toEqual({
      mechanism: 'none',
      writableRoots: ['/'],
      readOnlyPaths: [],
      networkAccess: true,
      unenforcedReason:
        'Commands run WITHOUT a sandbox: the workspace-write policy cannot be enforced (bubblewrap (bwrap) was not found on PATH (/nowhere)), and allow_unsandboxed = true lets them run anyway.',
    });
  });
});
