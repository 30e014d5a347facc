/**
 * Local errors of core. Each carries a string code; the app-server decides how a code reaches the
 * wire, so core never needs to know JSON-RPC.
 */
export type AgentdErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'SANDBOX_UNAVAILABLE'
  | 'CONFIG_INVALID'
  | 'BUSY';

export class AgentdError extends Error {
  readonly code: AgentdErrorCode;

  constructor(code: AgentdErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentdError';
    this.code = code;
  }
}

export function notFound(message: string): AgentdError {
  return new AgentdError('NOT_FOUND', message);
}

export function invalidArgument(message: string): AgentdError {
  return new AgentdError('INVALID_ARGUMENT', message);
}

export function failedPrecondition(message: string): AgentdError {
  return new AgentdError('FAILED_PRECONDITION', message);
}
