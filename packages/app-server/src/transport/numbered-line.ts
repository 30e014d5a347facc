/**
 * The wire line of a thread notification: `{"method":…,"params":{…,"seq":N},"emittedAtMs":T}`,
 * byte for byte what `JSON.stringify({ method, params: { ...params, seq }, emittedAtMs })` gives
 * (params never carry `seq` themselves). A turn can stream tens of thousands of deltas a second,
 * so the line is built without copying params: an object spread over params of every shape is
 * V8's slow generic copy and garbage for every delta. The deltas themselves (`{threadId, turnId,
 * itemId, delta}`, the bulk of a stream) reuse the serialised fixed part of the item they belong
 * to and serialise only the delta.
 */
import type { v2 } from '@agentd/protocol';

/** Notifications whose params are exactly `{threadId, turnId, itemId, delta}`, in that order. */
const PLAIN_DELTAS: ReadonlySet<v2.ServerNotificationMethod> = new Set<v2.ServerNotificationMethod>([
  'item/agentMessage/delta',
  'item/commandExecution/outputDelta',
  'item/fileChange/outputDelta',
]);

interface PlainDeltaParams {
  readonly threadId: string;
  readonly turnId: string;
  readonly itemId: string;
  readonly delta: string;
}

/** Builds the numbered lines of one thread's notifications; remembers the last delta's fixed part. */
export class NumberedLines {
  #method = '';
  #threadId = '';
  #turnId = '';
  #itemId = '';
  /** `{"method":…,"params":{"threadId":…,"turnId":…,"itemId":…,"delta":` of the last delta. */
  #deltaPrefix = '';

  line(method: v2.ServerNotificationMethod, params: object, seq: number, emittedAtMs: number): string {
    if (!PLAIN_DELTAS.has(method)) return numberedNotificationLine(method, params, seq, emittedAtMs);
    const delta = params as PlainDeltaParams;
    if (method !== this.#method || delta.itemId !== this.#itemId || delta.turnId !== this.#turnId || delta.threadId !== this.#threadId) {
      this.#method = method;
      this.#threadId = delta.threadId;
      this.#turnId = delta.turnId;
      this.#itemId = delta.itemId;
      const fixed = JSON.stringify({ threadId: delta.threadId, turnId: delta.turnId, itemId: delta.itemId, delta: '' });
      this.#deltaPrefix = `{"method":${JSON.stringify(method)},"params":${fixed.slice(0, -3)}`;
    }
    return `${this.#deltaPrefix}${JSON.stringify(delta.delta)},"seq":${seq}},"emittedAtMs":${emittedAtMs}}`;
  }
}

export function numberedNotificationLine(method: string, params: object, seq: number, emittedAtMs: number): string {
  const json = JSON.stringify(params);
  // `{}` has nothing to put a comma after.
  const fields = json.length > 2 ? `${json.slice(0, -1)},` : '{';
  return `{"method":${JSON.stringify(method)},"params":${fields}"seq":${seq}},"emittedAtMs":${emittedAtMs}}`;
}
