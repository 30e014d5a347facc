/**
 * Why a model request failed, in terms the loop can act on: retry or not, after how long, and what
 * to tell the user.
 */
import type { TurnErrorKind } from '../items/turn.js';

export class ModelError extends Error {
  constructor(
    message: string,
    readonly kind: TurnErrorKind,
    readonly retryable: boolean,
    readonly options: { httpStatusCode?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ModelError';
  }

  get httpStatusCode(): number | undefined {
    return this.options.httpStatusCode;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

/** Maps an HTTP status from the model server to a ModelError with advice for the user. */
export function modelErrorFromStatus(status: number, detail: string, retryAfterMs?: number): ModelError {
  const said = detail ? `: ${detail}` : '';
  const opts = { httpStatusCode: status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 401) {
    return new ModelError(`The model provider rejected the API key (401)${said}. Check the key in the provider's env_key variable (OPENAI_API_KEY by default).`, 'unauthorized', false, opts);
  }
  if (status === 403) {
    return new ModelError(`The model provider refused access (403)${said}. Check that the key may use this model.`, 'unauthorized', false, opts);
  }
  if (status === 404) {
    return new ModelError(`The model or endpoint was not found (404)${said}. Check the model name and the provider's base_url.`, 'modelNotFound', false, opts);
  }
  if (status === 400 || status === 422) {
    return new ModelError(`The model provider rejected the request (${status})${said}.`, 'badRequest', false, opts);
  }
  if (status === 429) {
    return new ModelError(`The model provider is rate-limiting requests (429)${said}. Wait a moment and try again.`, 'rateLimitExceeded', true, opts);
  }
  if (status === 503 || status === 529) {
    return new ModelError(`The model provider is overloaded (${status})${said}. Try again shortly.`, 'serverOverloaded', true, opts);
  }
  if (status >= 500) {
    return new ModelError(`The model provider had an internal error (${status})${said}.`, 'internalServerError', true, opts);
  }
  return new ModelError(`The model request failed with HTTP ${status}${said}.`, 'other', status === 408 || status === 409, opts);
}
