/**
 * The two ways an `apply_patch` call fails. Both messages are written for the model: they say what
 * was wrong and what to do next, because the tool hands them back as the call's output. They do
 * not name the tool: the caller adds that prefix.
 */
import { AgentdError } from '../../errors.js';

/** The patch text itself is malformed; nothing was read or written. */
export class PatchParseError extends AgentdError {
  /**
   * @param line 1-based line of the patch text where the problem was found.
   * @param detail what was wrong there and how to fix it.
   */
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super('INVALID_ARGUMENT', `invalid patch at line ${line}: ${detail}`);
    this.name = 'PatchParseError';
  }
}

/** The patch is well formed but does not fit the files on disk, or writing it failed. */
export class PatchApplyError extends AgentdError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FAILED_PRECONDITION', message, options);
    this.name = 'PatchApplyError';
  }
}
