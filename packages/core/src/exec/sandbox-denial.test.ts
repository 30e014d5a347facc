import { describe, expect, it } from 'vitest';
import { type DenialCandidate, looksLikeSandboxDenial, sandboxDenialReason } from './sandbox-denial.js';

const failed = (aggregatedOutput: string, overrides: Partial<DenialCandidate> = {}): DenialCandidate => ({
  exitCode: 1,
  signal: null,
  aggregatedOutput,
  timedOut: false,
  aborted: false,
  ...overrides,
});

describe('looksLikeSandboxDenial', () => {
  it.each([
    "touch: cannot touch '/home/me/x': Read-only file system",
    "OSError: [Errno 30] Read-only file system: '/usr/lib/x'",
    'npm ERR! code EROFS',
    'mkdir: cannot create directory ‘/opt/x’: Read-only file system',
    'ping: socket: Operation not permitted',
    'curl: (6) Could not resolve host: example.com',
    'ssh: Could not resolve hostname github.com: Temporary failure in name resolution',
    'Error: getaddrinfo EAI_AGAIN registry.npmjs.org',
    'connect: Network is unreachable',
    'bwrap: Creating new namespace failed: Operation not permitted',
    "cp: cannot create regular file '/etc/x': Permission denied",
    "Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/x'",
  ])('yes: %j', (output) => {
    expect(looksLikeSandboxDenial(failed(output))).toBe(true);
  });

  it.each([
    // EACCES that is no write, or nothing to do with a sandbox
    'bash: ./build.sh: Permission denied',
    'git@github.com: Permission denied (publickey).',
    'cat: /root/secret: Permission denied',
    // a server that is not running
    'curl: (7) Failed to connect to localhost port 3000: Connection refused',
    // a mistyped host
    'getaddrinfo ENOTFOUND registry.npmjs.rog',
    // an ordinary failure
    'FAIL src/a.test.ts > adds\nAssertionError: expected 3 to be 4',
  ])('no: %j', (output) => {
    expect(looksLikeSandboxDenial(failed(output))).toBe(false);
  });

  it('needs a failure', () => {
    expect(looksLikeSandboxDenial(failed('warning: Read-only file system, skipped cache', { exitCode: 0 }))).toBe(false);
  });

  it('ignores timeouts, interruptions, spawn errors and missing commands', () => {
    const output = 'Read-only file system';
    expect(looksLikeSandboxDenial(failed(output, { timedOut: true, exitCode: null, signal: 'SIGTERM' }))).toBe(false);
    expect(looksLikeSandboxDenial(failed(output, { aborted: true, exitCode: null, signal: 'SIGTERM' }))).toBe(false);
    expect(looksLikeSandboxDenial(failed(output, { spawnError: 'command not found: bwrap', exitCode: null }))).toBe(false);
    expect(looksLikeSandboxDenial(failed(output, { exitCode: 127 }))).toBe(false);
  });

  it('takes SIGSYS as seccomp refusing a system call', () => {
    expect(sandboxDenialReason(failed('', { exitCode: null, signal: 'SIGSYS' }))).toBe('a system call was refused (SIGSYS)');
    expect(looksLikeSandboxDenial(failed('', { exitCode: null, signal: 'SIGKILL' }))).toBe(false);
  });

  it('says why', () => {
    expect(sandboxDenialReason(failed("touch: cannot touch 'x': Read-only file system"))).toBe(
      'a write outside the writable roots was refused (read-only file system)',
    );
  });
});
