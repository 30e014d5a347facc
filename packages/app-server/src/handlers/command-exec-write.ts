import { ProcessInputError } from '@agentd/core';
import { invalidParams, invalidRequest } from '../errors.js';
import type { Handler } from '../handler.js';
import { execProcess } from './command-exec.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Writes bytes to the stdin of a running `command/exec` (started with `streamStdin`), or closes it. */
export const commandExecWrite: Handler<'command/exec/write'> = async ({ processId, deltaBase64, closeStdin }, ctx) => {
  if (deltaBase64 == null && !closeStdin) throw invalidParams('command/exec/write requires deltaBase64 or closeStdin');
  if (deltaBase64 != null && !BASE64.test(deltaBase64)) throw invalidParams('deltaBase64 is not valid base64');
  const { process, streamStdin } = execProcess(ctx, processId);
  if (!streamStdin) throw invalidRequest('stdin streaming is not enabled for this command/exec (start it with streamStdin: true)');
  try {
    if (deltaBase64 != null) await process.write(Buffer.from(deltaBase64, 'base64'));
    if (closeStdin) process.closeStdin();
  } catch (error) {
    if (error instanceof ProcessInputError) throw invalidRequest(error.message);
    throw error;
  }
  return {};
};
