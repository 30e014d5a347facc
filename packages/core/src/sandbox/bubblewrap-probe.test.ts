import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOnPath, probeBubblewrap } from './bubblewrap-probe.js';

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'agentd-probe-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

/** A `bwrap` that fails the way bwrap does in a container without namespaces. */
function brokenBwrap(): void {
  const path = join(bin, 'bwrap');
  writeFileSync(path, '#!/bin/sh\necho "bwrap: Creating new namespace failed: Operation not permitted" >&2\nexit 1\n');
  chmodSync(path, 0o755);
}

describe('probeBubblewrap', () => {
  it('finds the real bwrap and sees it create the namespaces', async () => {
    const availability = await probeBubblewrap({ env: process.env });
    expect(availability).toEqual({ available: true, bwrapPath: findOnPath('bwrap', process.env.PATH) });
  });

  it('says so when bwrap is not on PATH', async () => {
    expect(await probeBubblewrap({ env: { PATH: bin } })).toEqual({
      available: false,
      reason: `bubblewrap (bwrap) was not found on PATH (${bin}); install it (Debian/Ubuntu: apt install bubblewrap)`,
    });
  });

  it('says so when bwrap cannot create namespaces, with its own words', async () => {
    brokenBwrap();
    expect(await probeBubblewrap({ env: { PATH: bin } })).toEqual({
      available: false,
      reason: `${join(bin, 'bwrap')} cannot create the sandbox's namespaces here: bwrap: Creating new namespace failed: Operation not permitted`,
    });
  });

  it('says so off Linux', async () => {
    expect(await probeBubblewrap({ env: process.env, platform: 'darwin' })).toEqual({
      available: false,
      reason: 'sandboxing needs Linux with bubblewrap, and this host runs darwin',
    });
  });
});

describe('findOnPath', () => {
  it('skips what is missing, not executable, a directory, or a relative PATH entry', () => {
    writeFileSync(join(bin, 'tool'), 'not executable');
    expect(findOnPath('tool', `relative:${bin}:/nonexistent`)).toBeUndefined();
    chmodSync(join(bin, 'tool'), 0o755);
    expect(findOnPath('tool', `relative:/nonexistent:${bin}`)).toBe(join(bin, 'tool'));
    expect(findOnPath('tool', undefined)).toBeUndefined();
  });
});
