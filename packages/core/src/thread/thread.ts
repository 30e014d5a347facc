/**
 * A conversation: its settings, the history the model sees, the turns the client saw, and at most
 * one running turn. Everything it does is told to its listeners as core events, and recorded in
 * its rollout so it can be resumed exactly.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type ApprovalGateway, nobodyToAsk } from '../approvals/approval-gateway.js';
import { failedPrecondition, invalidArgument } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { ThreadItem, UserMessageItem } from '../items/thread-item.js';
import { addUsage, type TokenUsage, type Turn, type TurnError } from '../items/turn.js';
import { inputText, type UserInput } from '../items/user-input.js';
import type { Logger } from '../logging.js';
import type { ModelClient, ModelRequest } from '../model/model-client.js';
import { ModelError } from '../model/model-error.js';
import type { ResolvedProvider } from '../model/provider.js';
import type { InputContent, ResponseItem } from '../model/response-item.js';
import { openingLength } from '../compaction/compacted-history.js';
import { Compactor } from '../compaction/compactor.js';
import { contextMessage, developerMessage, environmentFacts, settingsUpdateMessage } from '../prompt/context-messages.js';
import type { InstructionChain } from '../prompt/instruction-chain.js';
import type { SandboxEnforcement } from '../sandbox/sandbox.js';
import type { CommandRunner } from '../tools/command-runner.js';
import { TurnCancelled } from '../tools/tool.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { SessionApprovals, TurnApprovals } from '../tools/turn-approvals.js';
import { TurnDiffTracker } from '../tools/turn-diff.js';
import type { ActiveFlag, ThreadEvent, ThreadEventEnvelope, ThreadEventListener, ThreadNotice, ThreadStatus } from '../turn/events.js';
import { applySettings, type SettingsOverrides, type ThreadSettings } from '../turn/settings.js';
import { TurnRunner } from '../turn/turn-runner.js';
import type { ThreadMetaRecord } from './rollout-record.js';
import type { RolloutSink } from './rollout-writer.js';
import { StreamingItems } from './streaming-items.js';
import { type ThreadSnapshot, type TurnStart, upsertItem } from './thread-snapshot.js';

/** How often what streams into running items reaches the rollout (no write per delta). */
const STREAM_FLUSH_MS = 250;

/** What threads share: the daemon's services. */
export interface ThreadRuntime {
  readonly home: string;
  readonly log: Logger;
  readonly instructions: (settings: ThreadSettings) => string;
  readonly provider: (id: string) => ResolvedProvider;
  readonly modelClient: (provider: ResolvedProvider) => ModelClient;
  readonly tools: (thread: Thread) => Promise<ToolRegistry>;
  readonly commands: CommandRunner;
  readonly contextWindow: (model: string) => number | null;
  /** Tokens of context at which the history is compacted automatically; null: never. */
  readonly autoCompactLimit: (model: string) => number | null;
  /** The AGENTS.md chain for a working directory. */
  readonly instructionFiles: (cwd: string) => Promise<InstructionChain>;
}

export interface TurnOptions {
  /** The final answer must follow this JSON schema (structured output). */
  readonly outputSchema?: Record<string, unknown> | null;
  readonly clientUserMessageId?: string | null;
}

/** A turn that was accepted and is about to run: `start` it once the client has the answer. */
export interface PendingTurn {
  readonly turn: Turn;
  start(): void;
}

interface SteeredInput {
  readonly input: readonly UserInput[];
  readonly content: InputContent[];
}

interface ActiveTurn {
  readonly turn: Turn;
  readonly controller: AbortController;
  /** Steering input waiting for the next model request, with what the model will see of it. */
  readonly steered: SteeredInput[];
  readonly done: Promise<void>;
  cancelled: boolean;
}

export class Thread {
  readonly id: string;
  readonly ephemeral: boolean;
  readonly #runtime: ThreadRuntime;
  readonly #sink: RolloutSink;
  readonly #meta: ThreadMetaRecord;
  #settings: ThreadSettings;
  #name: string | null;
  readonly #history: ResponseItem[];
  readonly #turns: Turn[];
  #usage: TokenUsage;
  #updatedAt: number;
  #status: ThreadStatus = { type: 'idle' };
  #active: ActiveTurn | undefined;
  /** Setting names changed since the model was last told. */
  #unannounced: (keyof ThreadSettings)[] = [];
  readonly #listeners = new Set<ThreadEventListener>();
  #gateway: ApprovalGateway = nobodyToAsk;
  readonly #sessionApprovals = new SessionApprovals();
  /** Returns a promise only when the client is behind; most events need no wait at all. */
  #pace: () => Promise<void> | undefined = () => undefined;
  readonly #streaming = new StreamingItems();
  readonly #turnStarts: Map<string, TurnStart>;
  readonly #compactor: Compactor;
  #instructionWarnings: readonly string[] = [];
  readonly path: string | null;

  constructor(snapshot: ThreadSnapshot, options: { runtime: ThreadRuntime; sink: RolloutSink; ephemeral: boolean; path: string | null }) {
    this.id = snapshot.meta.id;
    this.#meta = snapshot.meta;
    this.#settings = snapshot.settings;
    this.#name = snapshot.name;
    this.#history = snapshot.history;
    this.#turns = snapshot.turns;
    this.#usage = snapshot.usage;
    this.#updatedAt = snapshot.updatedAt;
    this.#turnStarts = snapshot.turnStarts ?? new Map();
    this.#runtime = options.runtime;
    this.#sink = options.sink;
    this.ephemeral = options.ephemeral;
    this.path = options.path;
    this.#compactor = new Compactor({
      history: () => this.#history,
      replaceHistory: (items, turnId) => this.#replaceHistory(items, turnId),
      request: async (settings) => this.#requestTemplate(settings, (await this.#runtime.tools(this)).specs, null),
      openingLayers: async (settings) => {
        const chain = await this.#runtime.instructionFiles(settings.cwd);
        for (const message of chain.warnings) this.warn(message);
        return this.#openingLayers(settings, chain);
      },
      model: (settings) => {
        const provider = this.#runtime.provider(settings.modelProvider);
        return { client: this.#runtime.modelClient(provider), maxRetries: provider.maxRetries };
      },
      autoCompactLimit: (model) => this.#runtime.autoCompactLimit(model),
      recordUsage: (turnId, usage, model) => this.#recordUsage(turnId, usage, model),
      emit: (event) => this.#emit(event),
    });
  }

  get meta(): Readonly<ThreadMetaRecord> {
    return this.#meta;
  }

  get settings(): Readonly<ThreadSettings> {
    return this.#settings;
  }

  get name(): string | null {
    return this.#name;
  }

  get status(): ThreadStatus {
    return this.#status;
  }

  get turns(): readonly Turn[] {
    return this.#turns;
  }

  get history(): readonly ResponseItem[] {
    return this.#history;
  }

  /** What confines this thread's commands now; undefined until the sandbox has been probed. */
  get sandboxEnforcement(): SandboxEnforcement | undefined {
    return this.#runtime.commands.describeEnforcement(this.#settings.sandboxPolicy, this.#settings.cwd);
  }

  get usage(): TokenUsage {
    return this.#usage;
  }

  /** Epoch seconds of the last change. */
  get updatedAt(): number {
    return this.#updatedAt;
  }

  /** The first user message, for lists. */
  get preview(): string {
    for (const turn of this.#turns) {
      const message = turn.items.find((item): item is UserMessageItem => item.type === 'userMessage');
      if (message) return inputText(message.content);
    }
    return '';
  }

  get activeTurnId(): string | undefined {
    return this.#active?.turn.id;
  }

  subscribe(listener: ThreadEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Who answers this thread's approval requests. */
  setApprovalGateway(gateway: ApprovalGateway | undefined): void {
    this.#gateway = gateway ?? nobodyToAsk;
  }

  /** How the thread waits for slow clients before producing more events. */
  setPace(pace: () => Promise<void> | undefined): void {
    this.#pace = pace;
  }

  /** Changes settings for the next turns (thread/resume overrides, turn/start overrides). */
  updateSettings(overrides: SettingsOverrides): void {
    const { settings, changed } = applySettings(this.#settings, overrides);
    this.#settings = settings;
    for (const key of changed) if (!this.#unannounced.includes(key)) this.#unannounced.push(key);
  }

  /** Tells the listeners what a service of the thread has to say (an MCP server started or failed). */
  report(notice: ThreadNotice): void {
    this.#emit(notice);
  }

  setName(name: string | null): void {
    this.#name = name;
    this.#sink.append({ type: 'thread_name', payload: { name } });
    void this.#sink.flush();
    this.#emit({ type: 'nameUpdated', name });
  }

  /**
   * Accepts a turn: validates its input and returns it `inProgress`. Nothing runs until `start()`,
   * so the caller can answer the request first and stream events after.
   */
  async beginTurn(input: readonly UserInput[], overrides: SettingsOverrides, options: TurnOptions = {}): Promise<PendingTurn> {
    this.#requireIdle();
    if (input.length === 0) throw invalidArgument('a turn needs at least one input item');
    const content = await toModelContent(input, overrides.cwd ?? this.#settings.cwd);
    const sandboxWarning = await this.#checkSandbox(overrides);
    this.updateSettings(overrides);
    const pending = this.#pendingTurn((active, settings, log) => this.#userTurn(active, settings, log, input, content, options));
    if (!sandboxWarning) return pending;
    return {
      turn: pending.turn,
      start: () => {
        this.warn(sandboxWarning);
        pending.start();
      },
    };
  }

  /**
   * Accepts a compaction (thread/compact/start): a turn of its own whose only item is the
   * `contextCompaction`. If it fails, the history stays as it was and the turn says why.
   */
  beginCompaction(): PendingTurn {
    this.#requireIdle();
    if (openingLength(this.#history) === this.#history.length) {
      throw failedPrecondition(`thread ${this.id} has no conversation to compact yet`);
    }
    return this.#pendingTurn(async (active, settings, log) => {
      try {
        await this.#compactor.compact({ id: active.turn.id, signal: active.controller.signal }, settings, log);
      } catch (error) {
        if (active.controller.signal.aborted || error instanceof TurnCancelled) throw error;
        throw compactionFailure(error);
      }
    });
  }

  /**
   * Refuses a turn whose commands would run under a sandbox policy this host cannot enforce
   * (SANDBOX_UNAVAILABLE). When the config lets them run unconfined anyway, a turn that changes the
   * policy gets the warning to show.
   */
  async #checkSandbox(overrides: SettingsOverrides): Promise<string | undefined> {
    const next = applySettings(this.#settings, overrides);
    const enforcement = await this.#runtime.commands.enforcement(next.settings.sandboxPolicy, next.settings.cwd);
    return next.changed.includes('sandboxPolicy') ? enforcement.unenforcedReason : undefined;
  }

  /**
   * Adds input to the running turn; it goes with the next model request. Images are read now, so a
   * bad path fails this request rather than the turn.
   */
  async steer(expectedTurnId: string, input: readonly UserInput[]): Promise<string> {
    const running = () => {
      const active = this.#active;
      if (!active || active.turn.id !== expectedTurnId) throw failedPrecondition(`turn ${expectedTurnId} is not running on thread ${this.id}`);
      return active;
    };
    running();
    if (input.length === 0) throw invalidArgument('steering needs at least one input item');
    const content = await toModelContent(input, this.#settings.cwd);
    // The turn may have ended while the images were read.
    const active = running();
    active.steered.push({ input: [...input], content });
    return active.turn.id;
  }

  /** Stops the running turn: the model stream, commands, and pending questions. */
  async interrupt(turnId: string): Promise<void> {
    const active = this.#active;
    if (!active || active.turn.id !== turnId) throw failedPrecondition(`turn ${turnId} is not running on thread ${this.id}`);
    active.controller.abort(new Error('interrupted'));
    await active.done;
  }

  /** Interrupts whatever runs and writes out what is pending (daemon shutdown, unload). */
  async close(): Promise<void> {
    const active = this.#active;
    if (active) {
      active.controller.abort(new Error('the daemon is shutting down'));
      await active.done;
    }
    await this.#sink.close();
  }

  /** Writes out what is queued for the rollout (before it is copied or read). */
  async flush(): Promise<void> {
    this.#appendStreamed();
    await this.#sink.flush();
  }

  /**
   * Drops `beforeTurnId` and every later turn: from the turns the client sees and from the history
   * the model sees; recorded in the rollout. Files the turns changed stay as they are.
   */
  async revert(beforeTurnId: string): Promise<string[]> {
    if (this.#active) throw failedPrecondition(`thread ${this.id} has a turn in progress (${this.#active.turn.id}); interrupt it first`);
    const index = this.#turns.findIndex((turn) => turn.id === beforeTurnId);
    if (index === -1) throw invalidArgument(`thread ${this.id} has no turn ${beforeTurnId}`);
    const start = this.#turnStarts.get(beforeTurnId);
    const intact = start !== undefined && this.#history.length >= start.length && (start.length === 0 || this.#history[start.length - 1] === start.last);
    if (!intact) throw failedPrecondition(`turn ${beforeTurnId} began before the history was compacted; it can no longer be reverted`);
    const dropped = this.#turns.splice(index).map((turn) => turn.id);
    this.#history.splice(start.length);
    for (const id of dropped) this.#turnStarts.delete(id);
    this.#updatedAt = Math.floor(Date.now() / 1000);
    this.#sink.append({ type: 'reverted', payload: { turnIds: dropped, historyLength: start.length } });
    await this.#sink.sync();
    return dropped;
  }

  /** Appends to the history (and the rollout). */
  appendHistory(items: readonly ResponseItem[]): void {
    for (const item of items) {
      this.#history.push(item);
      this.#sink.append({ type: 'response_item', payload: item });
    }
  }

  /**
   * Opens a new thread's history with the prompt layers: the developer message and the context
   * message with the AGENTS.md chain. Done once, when the thread is created, so what the client
   * is told (`instructionSources`, warnings) is exactly what the model will see.
   */
  openContext(chain: InstructionChain): void {
    if (this.#history.length > 0) throw failedPrecondition(`thread ${this.id} already has a history`);
    this.appendHistory(this.#openingLayers(this.#settings, chain));
    this.#instructionWarnings = chain.warnings;
  }

  /** What was cut from (or could not be read into) the AGENTS.md chain when the thread started. */
  get instructionWarnings(): readonly string[] {
    return this.#instructionWarnings;
  }

  /** Tells the thread's followers something that does not stop the work. */
  warn(message: string): void {
    this.#emit({ type: 'warning', message });
  }

  #requireIdle(): void {
    if (this.#active) throw failedPrecondition(`thread ${this.id} already has a turn in progress (${this.#active.turn.id}); interrupt it or steer it`);
  }

  #pendingTurn(work: (active: ActiveTurn, settings: ThreadSettings, log: Logger) => Promise<void>): PendingTurn {
    const turn: Turn = { id: uuidv7(), items: [], status: 'inProgress', error: null, startedAt: null, completedAt: null, durationMs: null };
    const controller = new AbortController();
    let resolveDone!: () => void;
    const active: ActiveTurn = { turn, controller, steered: [], done: new Promise((resolve) => (resolveDone = resolve)), cancelled: false };
    this.#active = active;
    return {
      turn: { ...turn, items: [] },
      start: () => {
        void this.#runTurn(active, work).finally(resolveDone);
      },
    };
  }

  /** A turn's life: started, its work, completed (or interrupted, or failed with an error). */
  async #runTurn(active: ActiveTurn, work: (active: ActiveTurn, settings: ThreadSettings, log: Logger) => Promise<void>): Promise<void> {
    const { turn, controller } = active;
    const settings = this.#settings;
    const log = this.#runtime.log.child({ threadId: this.id, turnId: turn.id });
    const startedMs = Date.now();
    turn.startedAt = Math.floor(startedMs / 1000);
    this.#setStatus({ type: 'active', activeFlags: [] });
    this.#sink.append({ type: 'turn_started', payload: { turnId: turn.id, startedAt: turn.startedAt } });
    this.#sink.append({ type: 'turn_context', payload: { turnId: turn.id, settings } });
    this.#turns.push(turn);
    this.#turnStarts.set(turn.id, { length: this.#history.length, last: this.#history.at(-1) });
    this.#emit({ type: 'turnStarted', turn: { ...turn, items: [] } });
    const streamFlush = setInterval(() => {
      if (!this.#streaming.dirty) return;
      this.#appendStreamed();
      void this.#sink.flush().catch((error: unknown) => log.error({ err: error }, 'could not write the rollout'));
    }, STREAM_FLUSH_MS);
    streamFlush.unref();
    try {
      await work(active, settings, log);
      turn.status = 'completed';
    } catch (error) {
      if (controller.signal.aborted || error instanceof TurnCancelled) {
        turn.status = 'interrupted';
      } else {
        turn.status = 'failed';
        turn.error = toTurnError(error);
        if (!(error instanceof ModelError)) log.error({ err: error }, 'the turn failed');
        this.#emit({ type: 'error', turnId: turn.id, error: turn.error, willRetry: false });
      }
    }
    clearInterval(streamFlush);
    const completedMs = Date.now();
    turn.completedAt = Math.floor(completedMs / 1000);
    turn.durationMs = completedMs - startedMs;
    this.#active = undefined;
    this.#updatedAt = turn.completedAt;
    this.#sink.append({
      type: 'turn_completed',
      payload: { turnId: turn.id, status: turn.status, error: turn.error, completedAt: turn.completedAt, durationMs: turn.durationMs },
    });
    // Written before the client hears the turn completed (a daemon killed now loses none of it);
    // the fsync that makes it durable follows, off the turn's critical path.
    await this.#sink.flush().catch((error: unknown) => log.error({ err: error }, 'could not write the rollout'));
    this.#setStatus({ type: 'idle' });
    this.#emit({ type: 'turnCompleted', turn: { ...turn, items: [...turn.items] } });
    await this.#sink.sync().catch((error: unknown) => log.error({ err: error }, 'could not write the rollout'));
  }

  /**
   * Every model request goes out only once the history it carries is in the rollout, so after a
   * crash the next request still starts with the last one's input, byte for byte.
   */
  #flushingBeforeRequests(client: ModelClient): ModelClient {
    const flush = () => this.flush();
    return {
      async *stream(request, signal) {
        await flush();
        yield* client.stream(request, signal);
      },
    };
  }

  /** Questions to the user go out only once the item they are about is in the rollout. */
  #flushingGateway(gateway: ApprovalGateway): ApprovalGateway {
    return {
      approveCommand: async (threadId, request, signal) => {
        await this.flush();
        return gateway.approveCommand(threadId, request, signal);
      },
      approveFileChange: async (threadId, request, signal) => {
        await this.flush();
        return gateway.approveFileChange(threadId, request, signal);
      },
      askUser: async (threadId, request, signal) => {
        await this.flush();
        return gateway.askUser(threadId, request, signal);
      },
    };
  }

  /** Queues what streamed into running items since the last flush point. */
  #appendStreamed(): void {
    for (const record of this.#streaming.drain()) this.#sink.append(record);
  }

  async #userTurn(active: ActiveTurn, settings: ThreadSettings, log: Logger, input: readonly UserInput[], content: InputContent[], options: TurnOptions): Promise<void> {
    const { turn, controller } = active;
    const compaction = { id: turn.id, signal: controller.signal };
    await this.#announceContext(settings);
    await this.#compactor.compactIfFull(compaction, settings, log);
    this.appendHistory([{ type: 'message', role: 'user', content }]);
    this.#emitUserMessage(turn.id, input, options.clientUserMessageId ?? null);
    await this.#sink.flush();
    const provider = this.#runtime.provider(settings.modelProvider);
    const tools = await this.#runtime.tools(this);
    const runner = new TurnRunner({
      turnId: turn.id,
      threadId: this.id,
      model: this.#flushingBeforeRequests(this.#runtime.modelClient(provider)),
      tools,
      request: this.#requestTemplate(settings, tools.specs, options.outputSchema ?? null),
      history: {
        items: () => this.#history.slice(),
        append: (items) => {
          this.appendHistory(items);
          this.#compactor.historyGrew();
        },
      },
      maxRetries: provider.maxRetries,
      toolContext: {
        threadId: this.id,
        turnId: turn.id,
        settings,
        signal: controller.signal,
        log,
        home: this.#runtime.home,
        approvals: new TurnApprovals({
          threadId: this.id,
          gateway: this.#flushingGateway(this.#gateway),
          session: this.#sessionApprovals,
          setFlag: (flag, on) => this.#setFlag(flag, on),
          signal: controller.signal,
        }),
        commands: this.#runtime.commands,
        diff: new TurnDiffTracker(settings.cwd),
      },
      signal: controller.signal,
      log,
      emit: (event) => this.#emit(event),
      pace: () => this.#pace(),
      takeSteeredInput: () => this.#takeSteered(active),
      // Usage arrives before the response's items are appended: the history is what was sent.
      onUsage: (usage) => {
        this.#compactor.observeUsage(usage, this.#history.length);
        this.#recordUsage(turn.id, usage, settings.model);
      },
      beforeRequest: async () => {
        await this.#compactor.compactIfFull(compaction, settings, log);
      },
      onContextOverflow: () => this.#compactor.compactIfFull(compaction, settings, log, { overflowed: true }),
    });
    await runner.run();
  }

  /** Everything a request carries besides its input. Equal settings give equal bytes. */
  #requestTemplate(settings: ThreadSettings, tools: ModelRequest['tools'], outputSchema: Record<string, unknown> | null): Omit<ModelRequest, 'input'> {
    return {
      model: settings.model,
      instructions: this.#runtime.instructions(settings),
      tools,
      parallelToolCalls: true,
      reasoning: settings.effort || settings.summary ? { effort: settings.effort, summary: settings.summary } : null,
      promptCacheKey: this.id,
      outputSchema,
      serviceTier: settings.serviceTier,
    };
  }

  /** The first turn of a thread without history opens it with the layers; later ones append what changed. */
  async #announceContext(settings: ThreadSettings): Promise<void> {
    if (this.#history.length === 0) {
      const chain = await this.#runtime.instructionFiles(settings.cwd);
      for (const message of chain.warnings) this.warn(message);
      this.appendHistory(this.#openingLayers(settings, chain));
    } else if (this.#unannounced.length > 0) {
      const update = settingsUpdateMessage(settings, this.#unannounced, environmentFacts());
      if (update) this.appendHistory([update]);
    }
    this.#unannounced = [];
  }

  #openingLayers(settings: ThreadSettings, chain: InstructionChain): ResponseItem[] {
    return [developerMessage(settings), contextMessage(settings.cwd, chain.files, environmentFacts())];
  }

  /** Replaces the history with a compacted one; the rollout gets a checkpoint resume starts from. */
  #replaceHistory(items: readonly ResponseItem[], turnId: string): void {
    this.#history.splice(0, this.#history.length, ...items);
    this.#sink.append({ type: 'compacted', payload: { turnId, history: [...items] } });
    void this.#sink.flush();
    // The opening layers were rebuilt for the current settings: nothing is left to announce.
    this.#unannounced = [];
  }

  #emitUserMessage(turnId: string, input: readonly UserInput[], clientId: string | null): void {
    const now = Date.now();
    const item: UserMessageItem = { type: 'userMessage', id: uuidv7(), content: [...input], clientId, startedAtMs: now, completedAtMs: null };
    this.#emit({ type: 'itemStarted', turnId, item });
    this.#emit({ type: 'itemCompleted', turnId, item: { ...item, completedAtMs: now } });
  }

  #takeSteered(active: ActiveTurn): boolean {
    if (active.steered.length === 0) return false;
    for (const { input, content } of active.steered.splice(0)) {
      this.appendHistory([{ type: 'message', role: 'user', content }]);
      this.#emitUserMessage(active.turn.id, input, null);
    }
    return true;
  }

  #recordUsage(turnId: string, last: TokenUsage['last'], model: string): void {
    this.#usage = { last, total: addUsage(this.#usage.total, last), modelContextWindow: this.#runtime.contextWindow(model) };
    this.#sink.append({ type: 'token_usage', payload: { turnId, usage: this.#usage } });
    this.#emit({ type: 'tokenUsageUpdated', turnId, usage: this.#usage });
  }

  #setFlag(flag: ActiveFlag, on: boolean): void {
    if (this.#status.type !== 'active') return;
    const flags = this.#status.activeFlags.filter((existing) => existing !== flag);
    if (on) flags.push(flag);
    if (flags.length === this.#status.activeFlags.length && on === this.#status.activeFlags.includes(flag)) return;
    this.#setStatus({ type: 'active', activeFlags: flags });
  }

  #setStatus(status: ThreadStatus): void {
    this.#status = status;
    this.#emit({ type: 'statusChanged', status });
  }

  #emit(event: ThreadEvent): void {
    this.#streaming.observe(event);
    if (event.type === 'itemCompleted') this.#onItemCompleted(event.turnId, event.item);
    // Not a spread: over events of every shape it is V8's slow generic copy, once per streamed delta.
    const envelope = Object.assign({}, event) as ThreadEventEnvelope;
    envelope.threadId = this.id;
    for (const listener of this.#listeners) {
      try {
        listener(envelope);
      } catch (error) {
        this.#runtime.log.error({ err: error }, 'a thread listener failed');
      }
    }
  }

  #onItemCompleted(turnId: string, item: ThreadItem): void {
    const turn = this.#active?.turn.id === turnId ? this.#active.turn : this.#turns.find((candidate) => candidate.id === turnId);
    if (turn) upsertItem(turn.items, item);
    this.#appendStreamed();
    this.#sink.append({ type: 'item_completed', payload: { turnId, item } });
    void this.#sink.flush();
  }
}

/** The model's view of the user's input: text, and images as URLs (local files become data URLs). */
async function toModelContent(input: readonly UserInput[], cwd: string): Promise<InputContent[]> {
  const content: InputContent[] = [];
  for (const part of input) {
    if (part.type === 'text') content.push({ type: 'input_text', text: part.text });
    else if (part.type === 'image') content.push({ type: 'input_image', image_url: part.url, detail: imageDetail(part.detail) });
    else content.push({ type: 'input_image', image_url: await localImageUrl(resolve(cwd, part.path)), detail: imageDetail(part.detail) });
  }
  return content;
}

function imageDetail(detail: string | null | undefined): 'auto' | 'low' | 'high' {
  return detail === 'low' || detail === 'high' ? detail : 'auto';
}

const imageMimeTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

async function localImageUrl(path: string): Promise<string> {
  const mime = imageMimeTypes[extname(path).toLowerCase()];
  if (!mime) throw invalidArgument(`localImage ${path}: not a PNG, JPEG, GIF or WebP file`);
  try {
    const data = await readFile(path);
    return `data:${mime};base64,${data.toString('base64')}`;
  } catch (error) {
    throw invalidArgument(`localImage ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A failed compaction, as the turn's error: what happened, and that nothing was lost. */
function compactionFailure(error: unknown): ModelError {
  const cause = error instanceof ModelError ? error : undefined;
  const message = `Compaction failed: ${(error as Error)?.message ?? String(error)} The conversation was left as it was.`;
  return new ModelError(message, cause?.kind ?? 'other', false, { ...(cause?.httpStatusCode !== undefined ? { httpStatusCode: cause.httpStatusCode } : {}), cause: error });
}

function toTurnError(error: unknown): TurnError {
  if (error instanceof ModelError) {
    return { message: error.message, kind: error.kind, httpStatusCode: error.httpStatusCode ?? null, additionalDetails: null };
  }
  return { message: `The turn failed: ${(error as Error)?.message ?? String(error)}`, kind: 'other', httpStatusCode: null, additionalDetails: null };
}
