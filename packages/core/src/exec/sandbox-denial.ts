/**
 * Did the command fail because of the sandbox rather than because of itself? If so the user can be
 * offered a retry outside it. This is a heuristic over the output, tuned to what bubblewrap's
 * confinement actually produces:
 *
 * - writes outside the writable roots fail with EROFS, "Read-only file system" (read-only binds);
 * - denied system calls and namespace limits give EPERM, "Operation not permitted", or SIGSYS;
 * - without network, the namespace has no route ("Network is unreachable") and no resolver
 *   ("Temporary failure in name resolution", curl's "Could not resolve host", Node's EAI_AGAIN);
 * - bwrap itself failing to set up prints `bwrap: …`.
 *
 * False positives cost an unneeded prompt; a retry outside the sandbox is a security decision, so
 * the prompt must not become noise. Hence what is left out:
 * - a bare "Permission denied" (EACCES): bwrap's read-only binds give EROFS, not EACCES, while
 *   EACCES is everyday (a script without +x, a root-owned file, ssh's "Permission denied
 *   (publickey)"). Only a refused write phrased unmistakably counts.
 * - "Connection refused": usually a server that is simply not running. (Inside the network
 *   namespace a server running outside is unreachable too; the model can say so and ask.)
 * - "Name or service not known" / ENOTFOUND: as often a mistyped host as a missing resolver.
 * Remaining false positives: a genuinely read-only mount, EPERM from chown or kill on a process of
 * another user, a host that is down. The retry then fails the same way, which is harmless.
 */
import type { CommandResult } from './run-command.js';

export type DenialCandidate = Pick<CommandResult, 'exitCode' | 'signal' | 'aggregatedOutput' | 'timedOut' | 'aborted' | 'spawnError'>;

const DENIAL_SIGNS: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /^bwrap: /m, reason: 'the sandbox could not be set up' },
  { pattern: /read-only file system|\bEROFS\b/i, reason: 'a write outside the writable roots was refused (read-only file system)' },
  { pattern: /operation not permitted|\bEPERM\b/i, reason: 'an operation was not permitted' },
  { pattern: /network is unreachable|\bENETUNREACH\b/i, reason: 'the network is not reachable from the sandbox' },
  {
    pattern: /temporary failure in name resolution|could not resolve host|\bEAI_AGAIN\b/i,
    reason: 'host names cannot be resolved from the sandbox',
  },
  {
    pattern:
      /\b(?:cannot|can't|could not|couldn't|unable to|failed to) (?:create|write|open|touch|remove|delete|unlink|rename|move|mkdir|make directory|lock|overwrite)\b[^\n]*permission denied/i,
    reason: 'a write was refused (permission denied)',
  },
  {
    pattern: /\bEACCES: permission denied, (?:open|mkdir|rename|unlink|rmdir|copyfile|symlink|link|write)\b/,
    reason: 'a write was refused (permission denied)',
  },
];

/** Why the failure looks like the sandbox's doing, or undefined when it does not. */
export function sandboxDenialReason(result: DenialCandidate): string | undefined {
  if (result.timedOut || result.aborted || result.spawnError !== undefined) return undefined;
  // seccomp's answer to a forbidden system call.
  if (result.exitCode === null && result.signal === 'SIGSYS') return 'a system call was refused (SIGSYS)';
  // Success is not a denial; "command not found" is the command's own problem.
  if (result.exitCode === null || result.exitCode === 0 || result.exitCode === 127) return undefined;
  return DENIAL_SIGNS.find(({ pattern }) => pattern.test(result.aggregatedOutput))?.reason;
}

export function looksLikeSandboxDenial(result: DenialCandidate): boolean {
  return sandboxDenialReason(result) !== undefined;
}
