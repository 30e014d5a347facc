/**
 * `command/exec`: one command outside any thread, in the sandbox its policy asks for (the
 * configured one by default), with the clean command environment plus the client's changes. The
 * response comes when it exits, after all of its `command/exec/outputDelta` notifications.
 *
 * As the reference: a timeout ends it with exit code 124, a signal with 128 + its number; each
 * stream keeps its first `outputBytesCap` bytes (1 MiB by default) and drops the rest. Streamed
 * output is paced by the client: while it is behind, the command waits on its pipe.
 * No pseudo-terminal: `tty` is refused.
 */
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import type { ProcessExit, RunningProcess } from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import { requireThreads } from '../app-context.js';
import { internalError, invalidParams, invalidRequest } from '../errors.js';
import type { Handler, HandlerContext } from '../handler.js';
import { fromProtocolSandboxPolicy } from '../mapping/thread.js';

/** The reference's defaults. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_EXEC_OUTPUT_BYTES_CAP = 1024 * 1024;
const TIMEOUT_EXIT_CODE = 124;

export const commandExec: Handler<'command/exec'> = async (params, ctx) => {
  const request = validate(params);
  const threads = requireThreads(ctx.app);
  const cwd = resolve(params.cwd ?? process.cwd());
  if (!isDirectory(cwd)) throw invalidParams(`cwd is not an existing directory: ${cwd}`);
  const policy = params.sandboxPolicy ? fromProtocolSandboxPolicy(params.sandboxPolicy) : threads.defaultSandboxPolicy;
  // Refuses (SANDBOX_UNAVAILABLE) a policy this host cannot enforce, unless the config allows it.
  const enforcement = await threads.commands.enforcement(policy, cwd);
  if (enforcement.unenforcedReason) ctx.connection.notify('warning', { threadId: null, message: enforcement.unenforcedReason });

  const { processId } = request;
  const sessions = ctx.app.execs;
  if (processId !== undefined) sessions.reserve(ctx.connection, processId);
  try {
    const process = await threads.commands.spawn({
      argv: params.command,
      cwd,
      policy,
      envChanges: params.env ?? {},
      ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      ...(request.outputBytesCap === undefined ? {} : { outputBytesCap: request.outputBytesCap }),
      pipeStdin: request.streamStdin,
      keepOutput: !request.streamOutput,
      ...(request.streamOutput && processId !== undefined ? { onOutput: streamTo(ctx, processId) } : {}),
    });
    if (processId !== undefined) sessions.attach(ctx.connection, processId, { process, streamStdin: request.streamStdin });
    return toResponse(await process.exit);
  } finally {
    if (processId !== undefined) sessions.release(ctx.connection, processId);
  }
};

interface ExecRequest {
  readonly processId: string | undefined;
  readonly streamStdin: boolean;
  readonly streamOutput: boolean;
  readonly timeoutMs: number | undefined;
  readonly outputBytesCap: number | undefined;
}

function validate(params: v2.CommandExecParams): ExecRequest {
  if (params.command.length === 0) throw invalidParams('command must not be empty');
  if (params.command[0] === '') throw invalidParams('command[0] (the program) must not be empty');
  if (params.tty) {
    throw invalidRequest('command/exec: tty is not supported: agentd runs commands with pipes, not a pseudo-terminal; use streamStdin and streamStdoutStderr');
  }
  if (params.size != null) throw invalidParams('size is only valid when tty is true');
  if (params.disableTimeout && params.timeoutMs != null) throw invalidParams('disableTimeout cannot be combined with timeoutMs');
  if (params.disableOutputCap && params.outputBytesCap != null) throw invalidParams('disableOutputCap cannot be combined with outputBytesCap');
  if (params.timeoutMs != null && params.timeoutMs < 0) throw invalidParams('timeoutMs must be non-negative');
  if (params.processId === '') throw invalidParams('processId must not be empty');
  const streamStdin = params.streamStdin === true;
  const streamOutput = params.streamStdoutStderr === true;
  const processId = params.processId ?? undefined;
  if ((streamStdin || streamOutput) && processId === undefined) {
    throw invalidRequest('command/exec streaming (streamStdin, streamStdoutStderr) requires a client-supplied processId');
  }
  return {
    processId,
    streamStdin,
    streamOutput,
    timeoutMs: params.disableTimeout ? undefined : (params.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS),
    outputBytesCap: params.disableOutputCap ? undefined : (params.outputBytesCap ?? DEFAULT_EXEC_OUTPUT_BYTES_CAP),
  };
}

/** Sends each piece of output as a notification; while the client is behind, the stream waits. */
function streamTo(ctx: HandlerContext, processId: string) {
  return (chunk: Buffer, stream: 'stdout' | 'stderr', capReached: boolean): Promise<void> => {
    ctx.connection.notify('command/exec/outputDelta', { processId, stream, deltaBase64: chunk.toString('base64'), capReached });
    return ctx.connection.whenWritable();
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function toResponse(exit: ProcessExit): v2.CommandExecResponse {
  if (exit.spawnError !== undefined) throw internalError(`failed to spawn command: ${exit.spawnError}`);
  return { exitCode: exitCodeOf(exit), stdout: exit.stdout.toString('utf8'), stderr: exit.stderr.toString('utf8') };
}

function exitCodeOf(exit: ProcessExit): number {
  if (exit.timedOut) return TIMEOUT_EXIT_CODE;
  if (exit.exitCode !== null) return exit.exitCode;
  const signal = exit.signal ? constants.signals[exit.signal] : undefined;
  return signal === undefined ? -1 : 128 + signal;
}

/** For the follow-up handlers: the running process a request names. */
export function execProcess(ctx: HandlerContext, processId: string): { process: RunningProcess; streamStdin: boolean } {
  return ctx.app.execs.require(ctx.connection, processId);
}
