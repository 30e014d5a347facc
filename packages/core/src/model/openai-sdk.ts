/**
 * The openai package, loaded on first use (start-up does not pay for it), one client per provider,
 * and the mapping of its errors to ModelError. Retries are ours, so the SDK's are off.
 */
import type OpenAI from 'openai';
import { httpFetch } from './http-fetch.js';
import { ModelError, modelErrorFromStatus } from './model-error.js';
import type { ResolvedProvider } from './provider.js';

let sdk: Promise<typeof import('openai')> | undefined;
const clients = new Map<string, OpenAI>();

export async function openaiClient(provider: ResolvedProvider): Promise<OpenAI> {
  const key = JSON.stringify([provider.baseUrl, provider.apiKey ?? '', provider.headers, provider.queryParams]);
  const cached = clients.get(key);
  if (cached) return cached;
  const { default: OpenAIClient } = await (sdk ??= import('openai'));
  const client = new OpenAIClient({
    // Local servers (Ollama, vLLM) take any key; the SDK insists on one.
    apiKey: provider.apiKey ?? 'not-needed',
    baseURL: provider.baseUrl,
    defaultHeaders: provider.headers,
    defaultQuery: provider.queryParams,
    maxRetries: 0,
    timeout: 10 * 60 * 1000,
    fetch: httpFetch,
  });
  clients.set(key, client);
  return client;
}

/** Turns whatever the SDK threw into a ModelError. */
export async function toModelError(error: unknown, signal: AbortSignal): Promise<ModelError> {
  if (error instanceof ModelError) return error;
  const { APIError, APIConnectionError, APIUserAbortError } = await (sdk ??= import('openai'));
  if (signal.aborted || error instanceof APIUserAbortError) {
    return new ModelError('The request was interrupted.', 'other', false, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ModelError(
      `Could not reach the model provider: ${error.message}. Check the provider's base_url and the network.`,
      'httpConnectionFailed',
      true,
      { cause: error },
    );
  }
  if (error instanceof APIError && isContextOverflow(error)) {
    return new ModelError(
      `The conversation no longer fits the model's context window: ${apiErrorDetail(error) || error.message}`,
      'contextWindowExceeded',
      false,
      { ...(typeof error.status === 'number' ? { httpStatusCode: error.status } : {}), cause: error },
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    return modelErrorFromStatus(error.status, apiErrorDetail(error), retryAfterMs(error.headers));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError(`The model stream failed: ${message}`, 'responseStreamDisconnected', true, { cause: error });
}

/**
 * Whether the provider refused the request for being longer than the window: OpenAI's code,
 * llama.cpp's error type, or (vLLM and others) a 400 whose message says so.
 */
function isContextOverflow(error: InstanceType<typeof import('openai').APIError>): boolean {
  if (error.code === 'context_length_exceeded' || error.type === 'exceed_context_size_error') return true;
  return error.status === 400 && /maximum context length|context (length|size|window)/i.test(apiErrorDetail(error));
}

function apiErrorDetail(error: InstanceType<typeof import('openai').APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  return '';
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
