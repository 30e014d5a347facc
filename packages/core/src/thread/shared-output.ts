/**
 * A command's output is in a rollout twice: in the client's `commandExecution` item and, after a
 * header, in the model's `function_call_output`. Read back, each would be a string of its own; here
 * the item's output becomes a slice of the model's text (V8 shares the characters), so a resumed
 * thread holds each output once. What is held twice must also be kept through garbage collection,
 * which is most of what resuming a long thread costs.
 */
import type { CommandExecutionItem, ThreadItem } from '../items/thread-item.js';
import type { ResponseItem } from '../model/response-item.js';

/** Shorter outputs are not worth a lookup. */
const MIN_SHARED_LENGTH = 256;

export class SharedCommandOutput {
  /** Completed commands whose model copy has not come yet, by call id (the item's id). */
  readonly #waiting = new Map<string, CommandExecutionItem>();

  /** A completed item (the item comes before the model's copy). */
  item(item: ThreadItem): void {
    if (item.type !== 'commandExecution' || typeof item.aggregatedOutput !== 'string') return;
    if (item.aggregatedOutput.length >= MIN_SHARED_LENGTH) this.#waiting.set(item.id, item);
  }

  /** A history item: the model's copy of a waiting output, when it ends with the same text. */
  history(entry: ResponseItem): void {
    if (entry.type !== 'function_call_output' || typeof entry.output !== 'string') return;
    const item = this.#waiting.get(entry.call_id);
    if (!item) return;
    this.#waiting.delete(entry.call_id);
    const own = item.aggregatedOutput as string;
    if (entry.output.endsWith(own)) item.aggregatedOutput = entry.output.slice(entry.output.length - own.length);
  }

  /** A new turn: what its predecessor left waiting (a declined or failed call) will not come. */
  clear(): void {
    this.#waiting.clear();
  }
}
