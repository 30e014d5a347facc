/**
 * Opening a streamed model request, for both wire APIs: the openai SDK sends the request and turns
 * HTTP failures into errors with their status and retry-after; the event stream itself is read by
 * our own parser (./sse.ts), which keeps up with tens of thousands of deltas. A stream silent for
 * the provider's idle timeout is dropped; every failure comes out as a ModelError.
 */
import type OpenAI from 'openai';
import { responseBody } from './http-fetch.js';
import { IdleWatchdog } from './idle-watchdog.js';
import type { ModelEvent } from './model-client.js';
import { ModelError } from './model-error.js';
import { openaiClient, toModelError } from './openai-sdk.js';
import type { ResolvedProvider } from './provider.js';
import { readSse, type SseEvent } from './sse.js';

/** What the SDK returns for a request: something that can hand over the raw response. */
interface RawResponseSource {
  asResponse(): Promise<Response>;
}

/** Yields the server-sent events of one streamed request, a chunk's worth at a time. */
export async function* openEventStream(
  provider: ResolvedProvider,
  signal: AbortSignal,
  send: (client: OpenAI, signal: AbortSignal) => RawResponseSource,
): AsyncGenerator<SseEvent[]> {
  const watchdog = new IdleWatchdog(signal, provider.streamIdleTimeoutMs);
  const failure = async (error: unknown): Promise<ModelError> => {
    if (watchdog.fired && !signal.aborted) {
      return new ModelError(`The model stream went silent for ${provider.streamIdleTimeoutMs} ms.`, 'responseStreamDisconnected', true, { cause: error });
    }
    return toModelError(error, signal);
  };
  try {
    let response: Response;
    try {
      response = await send(await openaiClient(provider), watchdog.signal).asResponse();
    } catch (error) {
      throw await failure(error);
    }
    const body = responseBody(response);
    if (!body) throw new ModelError('The model server answered without a body.', 'responseStreamDisconnected', true);
    try {
      for await (const batch of readSse(body)) {
        watchdog.touch();
        yield batch;
      }
    } catch (error) {
      throw await failure(error);
    }
  } finally {
    watchdog.dispose();
  }
}

/**
 * One network chunk's server-sent events as model events: `map` emits none, one or several for
 * each. When mapping one fails, the events mapped before it are still returned, with the error:
 * the caller hands them over first, then throws.
 */
export function mapChunk(batch: readonly SseEvent[], map: (sse: SseEvent, emit: (event: ModelEvent) => void) => void): { events: ModelEvent[]; failure?: { error: unknown } } {
  const events: ModelEvent[] = [];
  const emit = (event: ModelEvent): void => {
    events.push(event);
  };
  for (const sse of batch) {
    try {
      map(sse, emit);
    } catch (error) {
      return { events, failure: { error } };
    }
  }
  return { events };
}

/** The JSON of one event; a malformed one is a dropped stream (retried), not a crash. */
export function parseEventData<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new ModelError(`The model server sent an event that is not JSON: ${data.slice(0, 200)}`, 'responseStreamDisconnected', true);
  }
}
