/**
 * The agent loop for one turn: build the request from the history, stream the model's answer, run
 * every tool call it asks for, append the calls and their outputs, and ask again — until the model
 * answers without calling a tool. Model failures that can pass (429, 5xx, a dropped stream) are
 * retried with backoff; everything else ends the turn with an error the user can act on.
 */
import type { AgentMessageItem, ReasoningItem, ThreadItem } from '../items/thread-item.js';
import type { TokenUsageBreakdown } from '../items/turn.js';
import type { Logger } from '../logging.js';
import type { ModelClient, ModelEvent, ModelRequest } from '../model/model-client.js';
import { ModelError } from '../model/model-error.js';
import type { FunctionCallItem, ResponseItem } from '../model/response-item.js';
import { functionCallOutput, messageText } from '../model/response-item.js';
import { retryDelayMs, sleep } from '../model/retry.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { type ToolContext, type ToolOutput, TurnCancelled } from '../tools/tool.js';
import type { ThreadEvent } from './events.js';

export interface TurnRunnerOptions {
  readonly turnId: string;
  readonly threadId: string;
  readonly model: ModelClient;
  readonly tools: ToolRegistry;
  /** Everything a request carries except the input, which is the history at the time. */
  readonly request: Omit<ModelRequest, 'input'>;
  readonly history: {
    items(): readonly ResponseItem[];
    append(items: readonly ResponseItem[]): void;
  };
  readonly maxRetries: number;
  readonly toolContext: Omit<ToolContext, 'emit'>;
  readonly signal: AbortSignal;
  readonly log: Logger;
  emit(event: ThreadEvent): void;
  /** A promise to wait for when the client is behind (backpressure); undefined when it is not. */
  pace(): Promise<void> | undefined;
  /** Input the user added with turn/steer since the last request; appended before the next one. */
  takeSteeredInput(): boolean;
  /** Called with each response's usage. */
  onUsage(usage: TokenUsageBreakdown): void;
  /** Runs before each model request (compaction checks it). */
  beforeRequest?(): Promise<void>;
  /**
   * The provider said the request no longer fits the window: compact and return true to send it
   * again (once per request), or false to fail the turn.
   */
  onContextOverflow?(): Promise<boolean>;
}

/** One sampled response: what to append to the history, and the tool calls to run. */
interface SampledResponse {
  readonly items: ResponseItem[];
  readonly toolCalls: FunctionCallItem[];
}

export class TurnRunner {
  readonly #options: TurnRunnerOptions;
  /** Items started but not completed, so an interrupted turn can close them. */
  readonly #open = new Map<string, ThreadItem>();
  /** apply_patch calls run one after another, even when the model asks for parallel calls. */
  #patchChain: Promise<unknown> = Promise.resolve();

  constructor(options: TurnRunnerOptions) {
    this.#options = options;
  }

  async run(): Promise<void> {
    const options = this.#options;
    try {
      for (;;) {
        // An interrupt that came while tools ran ends the turn here, before the model is asked again.
        options.signal.throwIfAborted();
        options.takeSteeredInput();
        await options.beforeRequest?.();
        const response = await this.#sampleWithRetries();
        options.history.append(response.items);
        if (response.toolCalls.length === 0) {
          if (options.takeSteeredInput()) continue;
          return;
        }
        const outputs = await Promise.all(response.toolCalls.map((call) => this.#runTool(call)));
        options.history.append(response.toolCalls.map((call, index) => functionCallOutput(call.call_id, outputs[index] as ToolOutput)));
      }
    } finally {
      this.#closeOpenItems();
    }
  }

  async #sampleWithRetries(): Promise<SampledResponse> {
    const options = this.#options;
    let compacted = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#sample();
      } catch (error) {
        if (options.signal.aborted) throw error;
        const failure = error instanceof ModelError ? error : new ModelError(`The model stream failed: ${(error as Error).message}`, 'other', false, { cause: error });
        this.#closeOpenItems();
        if (failure.kind === 'contextWindowExceeded' && !compacted && options.onContextOverflow) {
          compacted = true;
          if (await options.onContextOverflow()) continue;
        }
        if (!failure.retryable || attempt >= options.maxRetries) throw failure;
        const delay = retryDelayMs(attempt, failure.retryAfterMs);
        options.log.warn({ attempt: attempt + 1, delayMs: delay, error: failure.message }, 'retrying the model request');
        options.emit({
          type: 'error',
          turnId: options.turnId,
          willRetry: true,
          error: {
            message: `${failure.message} Retrying (${attempt + 1}/${options.maxRetries}) in ${Math.ceil(delay / 100) / 10} s…`,
            kind: failure.kind,
            httpStatusCode: failure.httpStatusCode ?? null,
            additionalDetails: null,
          },
        });
        await sleep(delay, options.signal);
      }
    }
  }

  async #sample(): Promise<SampledResponse> {
    const options = this.#options;
    const request: ModelRequest = { ...options.request, input: options.history.items() };
    const items: ResponseItem[] = [];
    const toolCalls: FunctionCallItem[] = [];
    for await (const events of options.model.stream(request, options.signal)) {
      for (const event of events) this.#onModelEvent(event, items, toolCalls);
      const behind = options.pace();
      if (behind) await untilAborted(behind, options.signal);
    }
    return { items, toolCalls };
  }

  #onModelEvent(event: ModelEvent, items: ResponseItem[], toolCalls: FunctionCallItem[]): void {
    const { emit, turnId } = this.#options;
    switch (event.type) {
      case 'messageStarted':
        this.#agentMessage(event.itemId);
        return;
      case 'textDelta': {
        const item = this.#agentMessage(event.itemId);
        item.text += event.delta;
        emit({ type: 'agentMessageDelta', turnId, itemId: event.itemId, delta: event.delta });
        return;
      }
      case 'reasoningStarted':
        this.#reasoning(event.itemId);
        return;
      case 'reasoningSummaryPartAdded': {
        const item = this.#reasoning(event.itemId);
        while (item.summary.length <= event.summaryIndex) item.summary.push('');
        emit({ type: 'reasoningSummaryPartAdded', turnId, itemId: event.itemId, summaryIndex: event.summaryIndex });
        return;
      }
      case 'reasoningSummaryDelta': {
        const item = this.#reasoning(event.itemId);
        while (item.summary.length <= event.summaryIndex) item.summary.push('');
        item.summary[event.summaryIndex] += event.delta;
        emit({ type: 'reasoningSummaryDelta', turnId, itemId: event.itemId, summaryIndex: event.summaryIndex, delta: event.delta });
        return;
      }
      case 'reasoningTextDelta': {
        const item = this.#reasoning(event.itemId);
        while (item.content.length <= event.contentIndex) item.content.push('');
        item.content[event.contentIndex] += event.delta;
        emit({ type: 'reasoningTextDelta', turnId, itemId: event.itemId, contentIndex: event.contentIndex, delta: event.delta });
        return;
      }
      case 'itemDone':
        this.#onItemDone(event.itemId, event.item, event.reasoningText, items, toolCalls);
        return;
      case 'completed':
        if (event.usage) this.#options.onUsage(event.usage);
        return;
    }
  }

  #onItemDone(itemId: string, item: ResponseItem, reasoningText: string[] | undefined, items: ResponseItem[], toolCalls: FunctionCallItem[]): void {
    items.push(item);
    if (item.type === 'function_call') {
      toolCalls.push(item);
      return;
    }
    if (item.type === 'message') {
      const message = this.#agentMessage(itemId);
      message.text = messageText(item);
      this.#complete(message);
      return;
    }
    if (item.type === 'reasoning') {
      const reasoning = this.#reasoning(itemId);
      reasoning.summary = item.summary.map((part) => part.text);
      if (reasoningText) reasoning.content = reasoningText;
      this.#complete(reasoning);
    }
  }

  /** The agent message being streamed with this id, started on first sight. */
  #agentMessage(id: string): AgentMessageItem {
    const open = this.#open.get(id);
    if (open?.type === 'agentMessage') return open;
    const item: AgentMessageItem = { type: 'agentMessage', id, text: '', phase: null, startedAtMs: Date.now(), completedAtMs: null };
    this.#start(item);
    return item;
  }

  #reasoning(id: string): ReasoningItem {
    const open = this.#open.get(id);
    if (open?.type === 'reasoning') return open;
    const item: ReasoningItem = { type: 'reasoning', id, summary: [], content: [], startedAtMs: Date.now(), completedAtMs: null };
    this.#start(item);
    return item;
  }

  #start(item: ThreadItem): void {
    this.#open.set(item.id, item);
    this.#options.emit({ type: 'itemStarted', turnId: this.#options.turnId, item: { ...item } });
  }

  #complete(item: ThreadItem): void {
    this.#open.delete(item.id);
    item.completedAtMs = Date.now();
    this.#options.emit({ type: 'itemCompleted', turnId: this.#options.turnId, item: { ...item } });
  }

  /** Completes whatever was left open by a failure or an interruption, as it stands. */
  #closeOpenItems(): void {
    for (const item of [...this.#open.values()]) {
      if ((item.type === 'commandExecution' || item.type === 'fileChange') && item.status === 'inProgress') item.status = 'failed';
      if (item.type === 'mcpToolCall' && item.status === 'inProgress') item.status = 'failed';
      this.#complete(item);
    }
  }

  async #runTool(call: FunctionCallItem): Promise<ToolOutput> {
    const options = this.#options;
    const tool = options.tools.get(call.name);
    if (!tool) {
      const names = options.tools.specs.map((spec) => spec.name).join(', ');
      return `There is no tool named "${call.name}". Available tools: ${names}.`;
    }
    const ctx: ToolContext = { ...options.toolContext, emit: (event) => this.#emitFromTool(event) };
    const run = () => tool.run({ callId: call.call_id, name: call.name, arguments: call.arguments }, ctx);
    try {
      if (call.name !== 'apply_patch') return await run();
      const result = this.#patchChain.then(run, run);
      this.#patchChain = result.catch(() => undefined);
      return await result;
    } catch (error) {
      if (error instanceof TurnCancelled || options.signal.aborted) throw error;
      options.log.error({ tool: call.name, err: error }, 'a tool failed');
      return `${call.name} failed: ${(error as Error).message}`;
    }
  }

  /** Tools' events pass through, and their items are tracked so an interruption can close them. */
  #emitFromTool(event: ThreadEvent): void {
    if (event.type === 'itemStarted') this.#open.set(event.item.id, { ...event.item });
    if (event.type === 'itemCompleted') this.#open.delete(event.item.id);
    this.#options.emit(event);
  }
}

/** Waits for `promise`, but an abort (turn/interrupt while the client lags) ends the wait at once. */
function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
