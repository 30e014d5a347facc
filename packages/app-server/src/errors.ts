/**
 * The two error families. Wire errors are JSON-RPC errors (code, message, data) built by the small
 * factories below; handlers throw them to answer a request with an error. Anything else thrown by a
 * handler is a local error: `toWireError` maps the ones core marks with a code, and turns the rest
 * into a plain internal error whose message never carries a stack trace.
 */
import { ResponseError } from 'vscode-jsonrpc/node';
import { ErrorCodes as WireCodes } from '@agentd/protocol/handshake';

export class WireError extends ResponseError<unknown> {}

export function invalidRequest(message: string, data?: unknown): WireError {
  return new WireError(WireCodes.INVALID_REQUEST, message, data);
}

export function methodNotFound(method: string): WireError {
  return new WireError(WireCodes.METHOD_NOT_FOUND, `method not found: ${method}`);
}

export function invalidParams(message: string, data?: unknown): WireError {
  return new WireError(WireCodes.INVALID_PARAMS, message, data);
}

export function internalError(message: string): WireError {
  return new WireError(WireCodes.INTERNAL_ERROR, message);
}

export function overloaded(message = 'server overloaded: the client is not reading fast enough; retry later'): WireError {
  return new WireError(WireCodes.OVERLOADED, message);
}

/** Codes core attaches to its errors (`error.code`), and how each reaches the wire. */
const localCodeToWire: Record<string, number> = {
  NOT_FOUND: WireCodes.INVALID_REQUEST,
  INVALID_ARGUMENT: WireCodes.INVALID_PARAMS,
  FAILED_PRECONDITION: WireCodes.INVALID_REQUEST,
  SANDBOX_UNAVAILABLE: WireCodes.INVALID_REQUEST,
  CONFIG_INVALID: WireCodes.INVALID_REQUEST,
  BUSY: WireCodes.OVERLOADED,
};

/** Maps anything a handler threw to a wire error. */
export function toWireError(error: unknown): WireError {
  if (error instanceof WireError) return error;
  if (error instanceof ResponseError) return new WireError(error.code, error.message, error.data);
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const wireCode = typeof code === 'string' ? localCodeToWire[code] : undefined;
    if (wireCode !== undefined) return new WireError(wireCode, error.message);
    return internalError(`internal error: ${firstLine(error.message)}`);
  }
  return internalError('internal error');
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
