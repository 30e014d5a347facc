/**
 * `command/exec`: run one command in the server's sandbox outside any thread, optionally streaming
 * its output and feeding its stdin, with follow-up requests addressed by a client-chosen process id.
 */
import * as z from 'zod';
import { nullish } from '../define.js';
import { SandboxPolicySchema } from './common.js';

const processId = z.string().describe('The `processId` the client gave in `command/exec`.');

export const CommandExecTerminalSizeSchema = z
  .object({
    rows: z.int().nonnegative().max(65535).describe('Height in character cells.'),
    cols: z.int().nonnegative().max(65535).describe('Width in character cells.'),
  })
  .meta({ id: 'CommandExecTerminalSize', description: 'Size of a pseudo-terminal.' });
export type CommandExecTerminalSize = z.infer<typeof CommandExecTerminalSizeSchema>;

export const CommandExecParamsSchema = z
  .object({
    command: z.array(z.string()).describe('Program and arguments; must not be empty.'),
    cwd: nullish(z.string()).describe('Working directory; defaults to the server’s.'),
    env: nullish(z.record(z.string(), z.string().nullable())).describe(
      'Environment changes: a string sets a variable, null removes it.',
    ),
    sandboxPolicy: nullish(SandboxPolicySchema).describe('Sandbox to run in; defaults to the configured one.'),
    processId: nullish(z.string()).describe(
      'A connection-scoped id the client picks; needed for streaming, stdin, tty and the follow-up requests.',
    ),
    tty: z.boolean().optional().describe('Run in a pseudo-terminal (implies streaming stdin and output).'),
    size: nullish(CommandExecTerminalSizeSchema).describe('Initial terminal size when `tty` is set.'),
    streamStdin: z.boolean().optional().describe('Accept stdin through `command/exec/write`.'),
    streamStdoutStderr: z
      .boolean()
      .optional()
      .describe('Send output as `command/exec/outputDelta` notifications instead of in the response.'),
    timeoutMs: nullish(z.int()).describe('Kill the command after this long; the server has a default.'),
    disableTimeout: z.boolean().optional().describe('Never time out (not with `timeoutMs`).'),
    outputBytesCap: nullish(z.int().nonnegative()).describe('Keep at most this many bytes of each stream.'),
    disableOutputCap: z.boolean().optional().describe('Keep all output (not with `outputBytesCap`).'),
  })
  .meta({
    id: 'CommandExecParams',
    description: 'Run one command; the response comes when it exits, after all of its output notifications.',
  });
export type CommandExecParams = z.infer<typeof CommandExecParamsSchema>;

export const CommandExecResponseSchema = z
  .object({
    exitCode: z.int().describe('Exit code of the process.'),
    stdout: z.string().describe('Captured stdout; empty when it was streamed.'),
    stderr: z.string().describe('Captured stderr; empty when it was streamed.'),
  })
  .meta({ id: 'CommandExecResponse', description: 'How the command ended and what it printed.' });
export type CommandExecResponse = z.infer<typeof CommandExecResponseSchema>;

export const CommandExecWriteParamsSchema = z
  .object({
    processId,
    deltaBase64: nullish(z.string()).describe('Bytes to write to stdin, base64-encoded.'),
    closeStdin: z.boolean().optional().describe('Close stdin after writing.'),
  })
  .meta({ id: 'CommandExecWriteParams', description: 'Write to the stdin of a running command, or close it.' });
export type CommandExecWriteParams = z.infer<typeof CommandExecWriteParamsSchema>;

export const CommandExecWriteResponseSchema = z
  .object({})
  .meta({ id: 'CommandExecWriteResponse', description: 'The bytes were written.' });
export type CommandExecWriteResponse = z.infer<typeof CommandExecWriteResponseSchema>;

export const CommandExecTerminateParamsSchema = z
  .object({ processId })
  .meta({ id: 'CommandExecTerminateParams', description: 'Kill a running command.' });
export type CommandExecTerminateParams = z.infer<typeof CommandExecTerminateParamsSchema>;

export const CommandExecTerminateResponseSchema = z.object({}).meta({
  id: 'CommandExecTerminateResponse',
  description: 'The command is being killed; its `command/exec` response follows.',
});
export type CommandExecTerminateResponse = z.infer<typeof CommandExecTerminateResponseSchema>;

export const CommandExecResizeParamsSchema = z
  .object({ processId, size: CommandExecTerminalSizeSchema.describe('The new size.') })
  .meta({ id: 'CommandExecResizeParams', description: 'Resize the pseudo-terminal of a running command.' });
export type CommandExecResizeParams = z.infer<typeof CommandExecResizeParamsSchema>;

export const CommandExecResizeResponseSchema = z
  .object({})
  .meta({ id: 'CommandExecResizeResponse', description: 'The terminal was resized.' });
export type CommandExecResizeResponse = z.infer<typeof CommandExecResizeResponseSchema>;

export const CommandExecOutputStreamSchema = z
  .enum(['stdout', 'stderr'])
  .meta({ id: 'CommandExecOutputStream', description: 'Which output stream bytes came from.' });
export type CommandExecOutputStream = z.infer<typeof CommandExecOutputStreamSchema>;

export const CommandExecOutputDeltaNotificationSchema = z
  .object({
    processId,
    stream: CommandExecOutputStreamSchema,
    deltaBase64: z.string().describe('The new bytes, base64-encoded.'),
    capReached: z.boolean().describe('True once the stream hit its byte cap; later bytes are dropped.'),
  })
  .meta({ id: 'CommandExecOutputDeltaNotification', description: 'Output of a streaming `command/exec`.' });
export type CommandExecOutputDeltaNotification = z.infer<typeof CommandExecOutputDeltaNotificationSchema>;
