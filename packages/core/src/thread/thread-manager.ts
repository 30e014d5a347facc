/**
 * The threads of one daemon: creating them, loading them back from their rollouts, and the
 * services they share (model clients, the command runner, tools). Threads stay loaded while used.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ApprovalPolicy, Config, ReasoningEffort, ReasoningSummary, SandboxMode } from '../config/config-schema.js';
import type { LoadedConfig } from '../config/load-config.js';
import { failedPrecondition, invalidArgument, notFound } from '../errors.js';
import { killAllCommands } from '../exec/process-group.js';
import { uuidv7 } from '../ids.js';
import { emptyUsage } from '../items/turn.js';
import type { Logger } from '../logging.js';
import { McpManager } from '../mcp/mcp-manager.js';
import { autoCompactLimitOf, DEFAULT_MODEL, contextWindowOf } from '../model/model-catalog.js';
import { ChatCompletionsClient } from '../model/chat-completions-client.js';
import { type ConfiguredModel, configuredModels } from '../model/configured-models.js';
import type { ModelClient } from '../model/model-client.js';
import { type ResolvedProvider, resolveProvider } from '../model/provider.js';
import { ResponsesClient } from '../model/responses-client.js';
import { BASE_INSTRUCTIONS } from '../prompt/base-instructions.js';
import { type InstructionChain, loadInstructionChain } from '../prompt/instruction-chain.js';
import { policyForMode, type SandboxPolicy } from '../sandbox/sandbox-policy.js';
import type { SandboxAvailability } from '../sandbox/bubblewrap-probe.js';
import type { SandboxEnforcement } from '../sandbox/sandbox.js';
import { SandboxProvider } from '../sandbox/sandbox-provider.js';
import { CommandRunner } from '../tools/command-runner.js';
import { builtInTools, ToolRegistry } from '../tools/tool-registry.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { RolloutLine, ThreadMetaRecord } from './rollout-record.js';
import { forEachRolloutRecord, readRollout } from './rollout-reader.js';
import { rolloutPath } from './rollout-paths.js';
import { discardingSink, type RolloutSink, RolloutWriter } from './rollout-writer.js';
import { forkRecords } from './thread-fork.js';
import type { ThreadListPage, ThreadListQuery, ThreadSummary } from './thread-index.js';
import { rebuildSnapshot, SnapshotBuilder, type ThreadSnapshot } from './thread-snapshot.js';
import { ThreadStore } from './thread-store.js';
import { Thread, type ThreadRuntime } from './thread.js';

export interface ThreadManagerOptions {
  readonly home: string;
  readonly config: LoadedConfig;
  readonly log: Logger;
  readonly version: string;
  /** Replaces the bubblewrap probe (tests). */
  readonly probeSandbox?: () => Promise<SandboxAvailability>;
  /** Where providers' API keys are read (default: the daemon's environment). */
  readonly env?: NodeJS.ProcessEnv;
  /** Finds the AGENTS.md chain for a working directory (default: on disk, as config.toml says). */
  readonly instructionFiles?: (cwd: string) => Promise<InstructionChain>;
  /** Called with every thread as it becomes loaded (started, resumed, forked). */
  readonly onLoad?: (thread: Thread) => void;
  /**
   * Runs each read of a rollout into a thread's state, which builds state that lasts (the daemon
   * keeps V8's young generation from growing for it meanwhile; see app-server's young-generation.ts).
   */
  readonly aroundRolloutRead?: <T>(read: () => Promise<T>) => Promise<T>;
}

/** What a client may choose when it starts (or resumes) a thread. */
export interface ThreadOverrides {
  model?: string | null;
  modelProvider?: string | null;
  cwd?: string | null;
  approvalPolicy?: ApprovalPolicy | null;
  approvalsReviewer?: 'user' | 'auto_review' | null;
  sandbox?: SandboxMode | null;
  sandboxPolicy?: SandboxPolicy | null;
  effort?: ReasoningEffort | null;
  summary?: ReasoningSummary | null;
  serviceTier?: string | null;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  /** The thread's own `mcp_servers` table (thread/start's `config`), merged over config.toml's. */
  mcpServers?: unknown;
}

export interface StartThreadOptions extends ThreadOverrides {
  ephemeral?: boolean;
  originator?: string | null;
}

export interface ForkThreadOptions extends StartThreadOptions {
  /** Copy the history up to and including this turn (default: every finished turn). */
  lastTurnId?: string | null;
}

/** A stored thread read without loading it (thread/read). */
export interface StoredThread {
  readonly snapshot: ThreadSnapshot;
  readonly path: string;
  readonly archived: boolean;
}

export class ThreadManager {
  readonly #options: ThreadManagerOptions;
  readonly #loaded = new Map<string, Thread>();
  readonly #providers = new Map<string, ResolvedProvider>();
  readonly #clients = new Map<string, ModelClient>();
  readonly #runtime: ThreadRuntime;
  readonly #store: ThreadStore;
  readonly #commands: CommandRunner;
  readonly #sandboxes: SandboxProvider;
  /** MCP servers: shared connections, each thread's servers and tools. */
  readonly mcp: McpManager;
  /** Index updates scheduled after a turn's notifications (see `#adopt`). */
  readonly #indexing = new Set<NodeJS.Immediate>();

  constructor(options: ThreadManagerOptions) {
    this.#options = options;
    this.#store = new ThreadStore({ home: options.home, log: options.log, isLoaded: (id) => this.#loaded.has(id) });
    const config = options.config.config;
    // Commands start from the daemon's own environment (PATH, locale…), whatever env holds the keys.
    const env = process.env;
    const sandboxes = new SandboxProvider({
      home: options.home,
      env,
      allowUnsandboxed: config.allow_unsandboxed,
      ...(options.probeSandbox ? { probe: options.probeSandbox } : {}),
    });
    const commands = new CommandRunner(
      sandboxes,
      {
        inherit: config.shell_environment_policy?.inherit ?? 'core',
        ignoreDefaultExcludes: config.shell_environment_policy?.ignore_default_excludes ?? false,
        exclude: config.shell_environment_policy?.exclude ?? [],
        includeOnly: config.shell_environment_policy?.include_only ?? [],
        set: config.shell_environment_policy?.set ?? {},
        secretNames: this.#secretNames(config),
      },
      env,
    );
    this.#commands = commands;
    this.#sandboxes = sandboxes;
    this.mcp = new McpManager({ servers: config.mcp_servers, log: options.log, clientVersion: options.version, env: options.env ?? process.env });
    this.#runtime = {
      home: options.home,
      log: options.log,
      instructions: (settings) => settings.baseInstructions ?? config.base_instructions ?? BASE_INSTRUCTIONS,
      provider: (id) => this.provider(id),
      modelClient: (provider) => this.#modelClient(provider),
      tools: async (thread) => new ToolRegistry(builtInTools, await this.mcp.tools(thread)),
      commands,
      contextWindow: (model) => contextWindowOf(model, config.model_context_window),
      autoCompactLimit: (model) => autoCompactLimitOf(contextWindowOf(model, config.model_context_window), config.model_auto_compact_token_limit),
      instructionFiles:
        options.instructionFiles ??
        ((cwd) =>
          loadInstructionChain({ home: options.home, cwd, maxBytes: config.project_doc_max_bytes, fallbackNames: config.project_doc_fallback_filenames })),
    };
  }

  /** Runs commands for threads and for clients (`command/exec`), in the sandbox. */
  get commands(): CommandRunner {
    return this.#commands;
  }

  /** The sandbox policy of the config (`sandbox_mode`, `[sandbox_workspace_write]`). */
  get defaultSandboxPolicy(): SandboxPolicy {
    return policyForMode(this.config.sandbox_mode ?? 'workspace-write', this.config.sandbox_workspace_write);
  }

  /**
   * What will confine commands under `settings`: probes the sandbox on first need, and throws
   * SANDBOX_UNAVAILABLE when the policy cannot be enforced and the config does not allow running
   * without it.
   */
  sandboxEnforcement(settings: Pick<ThreadSettings, 'sandboxPolicy' | 'cwd'>): Promise<SandboxEnforcement> {
    return this.#commands.enforcement(settings.sandboxPolicy, settings.cwd);
  }

  get config(): Config {
    return this.#options.config.config;
  }

  get home(): string {
    return this.#options.home;
  }

  /** The models a client can pick for a provider (default: the configured one), for `model/list`. */
  models(providerId?: string | null): ConfiguredModel[] {
    return configuredModels(this.config, providerId ?? undefined);
  }

  provider(id: string): ResolvedProvider {
    let provider = this.#providers.get(id);
    if (!provider) {
      provider = resolveProvider(this.config, id, this.#options.env ?? process.env);
      this.#providers.set(id, provider);
    }
    return provider;
  }

  /** The settings a new thread gets: config defaults, then the client's choices. */
  resolveSettings(overrides: ThreadOverrides, base?: ThreadSettings): ThreadSettings {
    const config = this.config;
    const cwd = resolve(overrides.cwd ?? base?.cwd ?? process.cwd());
    requireDirectory(cwd);
    const modelProvider = overrides.modelProvider ?? base?.modelProvider ?? config.model_provider ?? 'openai';
    this.provider(modelProvider);
    const sandboxPolicy =
      overrides.sandboxPolicy ??
      (overrides.sandbox ? policyForMode(overrides.sandbox, config.sandbox_workspace_write) : undefined) ??
      base?.sandboxPolicy ??
      this.defaultSandboxPolicy;
    return {
      model: overrides.model ?? base?.model ?? config.model ?? DEFAULT_MODEL,
      modelProvider,
      cwd,
      approvalPolicy: overrides.approvalPolicy ?? base?.approvalPolicy ?? config.approval_policy ?? 'on-request',
      approvalsReviewer: overrides.approvalsReviewer ?? base?.approvalsReviewer ?? reviewerOf(config.approvals_reviewer),
      sandboxPolicy,
      effort: overrides.effort ?? base?.effort ?? config.model_reasoning_effort ?? null,
      summary: overrides.summary ?? base?.summary ?? config.model_reasoning_summary ?? null,
      serviceTier: overrides.serviceTier ?? base?.serviceTier ?? config.service_tier ?? null,
      baseInstructions: overrides.baseInstructions ?? base?.baseInstructions ?? null,
      developerInstructions: overrides.developerInstructions ?? base?.developerInstructions ?? this.config.developer_instructions ?? null,
    };
  }

  /** Starts a thread; refuses (SANDBOX_UNAVAILABLE) one whose sandbox policy cannot be enforced here. */
  async start(options: StartThreadOptions): Promise<Thread> {
    const settings = this.resolveSettings(options);
    const mcpServers = this.mcp.resolve(options.mcpServers);
    await this.sandboxEnforcement(settings);
    const chain = await this.#runtime.instructionFiles(settings.cwd);
    const ephemeral = options.ephemeral === true;
    const { id, meta, path, sink } = this.#newThreadFiles(settings, ephemeral, {
      forkedFromId: null,
      originator: options.originator ?? null,
      instructionSources: chain.files.map((file) => file.path),
      mcpServers: options.mcpServers ?? undefined,
    });
    sink.append({ type: 'session_meta', payload: meta });
    const thread = new Thread(
      { meta, settings, name: null, history: [], turns: [], usage: { last: emptyUsage(), total: emptyUsage(), modelContextWindow: null }, updatedAt: meta.createdAt },
      { runtime: this.#runtime, sink, ephemeral, path },
    );
    thread.openContext(chain);
    await sink.sync();
    this.mcp.configure(id, mcpServers);
    this.#adopt(thread);
    return thread;
  }

  /**
   * A new thread with a copy of another's history (up to `lastTurnId`): a new id, `forkedFromId`
   * set, the same turns and items. Settings are the source's, then the overrides.
   */
  async fork(sourceId: string, options: ForkThreadOptions): Promise<Thread> {
    const source = this.#loaded.get(sourceId);
    if (source) await source.flush();
    const { path: sourcePath } = await this.#store.require(sourceId);
    const { lines } = await this.#aroundRead(() => readRollout(sourcePath));
    const sourceSnapshot = this.#rebuild(lines, sourcePath);
    const records = forkRecords(lines, {
      lastTurnId: options.lastTurnId ?? null,
      activeTurnId: source?.activeTurnId ?? null,
      turnIds: sourceSnapshot.turns.map((turn) => turn.id),
    });
    const settings = this.resolveSettings(options, sourceSnapshot.settings);
    const ownMcpServers = options.mcpServers === undefined || options.mcpServers === null ? sourceSnapshot.meta.mcpServers : options.mcpServers;
    // A bad table from the client is refused here, before anything is written.
    if (ownMcpServers !== sourceSnapshot.meta.mcpServers) this.mcp.resolve(ownMcpServers);
    const ephemeral = options.ephemeral === true;
    const { now, meta, path, sink } = this.#newThreadFiles(settings, ephemeral, {
      forkedFromId: sourceId,
      originator: options.originator ?? sourceSnapshot.meta.originator,
      instructionSources: sourceSnapshot.meta.instructionSources,
      mcpServers: ownMcpServers,
    });
    const stamp = new Date(now).toISOString();
    const copied: RolloutLine[] = [{ timestamp: stamp, type: 'session_meta', payload: meta }, ...records.map((record) => ({ ...record, timestamp: stamp }) as RolloutLine)];
    for (const { timestamp: _stamp, ...record } of copied) sink.append(record as typeof records[number]);
    const snapshot = this.#rebuild(copied, path ?? sourcePath);
    const thread = new Thread(snapshot, { runtime: this.#runtime, sink, ephemeral, path });
    thread.updateSettings(settings);
    await sink.sync();
    this.#restoreMcpServers(thread);
    this.#adopt(thread);
    await this.sandboxEnforcement(thread.settings).catch(() => undefined);
    return thread;
  }

  /** A loaded thread, or a NOT_FOUND error naming the id. */
  require(threadId: string): Thread {
    const thread = this.#loaded.get(threadId);
    if (!thread) throw notFound(`thread not found or not loaded: ${threadId}`);
    return thread;
  }

  get(threadId: string): Thread | undefined {
    return this.#loaded.get(threadId);
  }

  get loaded(): readonly Thread[] {
    return [...this.#loaded.values()];
  }

  /** Loads a thread from its rollout (or returns it if loaded). An archived thread must be unarchived first. */
  async load(threadId: string): Promise<Thread> {
    const loaded = this.#loaded.get(threadId);
    if (loaded) return loaded;
    const { path, archived } = await this.#store.require(threadId);
    if (archived) throw failedPrecondition(`thread ${threadId} is archived; unarchive it first`);
    const snapshot = await this.#readSnapshot(path);
    // Another request may have loaded it while the file was read.
    const raced = this.#loaded.get(threadId);
    if (raced) return raced;
    const thread = new Thread(snapshot, { runtime: this.#runtime, sink: new RolloutWriter(path), ephemeral: false, path });
    this.#restoreMcpServers(thread);
    this.#adopt(thread);
    // Probe now so the thread can report its enforcement; an unenforceable policy refuses its next turn.
    await this.sandboxEnforcement(thread.settings).catch(() => undefined);
    return thread;
  }

  /** Reads a stored thread without loading it. */
  async read(threadId: string): Promise<StoredThread> {
    const { path, archived } = await this.#store.require(threadId);
    return { snapshot: await this.#readSnapshot(path), path, archived };
  }

  async findRollout(threadId: string): Promise<string | undefined> {
    return (await this.#store.find(threadId))?.path;
  }

  /** A page of stored threads, from the index. */
  list(query: ThreadListQuery): Promise<ThreadListPage> {
    return this.#store.list(query);
  }

  /** Moves a stored thread to the archive; a loaded one must be unloaded first. */
  async archive(threadId: string): Promise<void> {
    if (this.#loaded.has(threadId)) throw failedPrecondition(`thread ${threadId} is loaded; unload it before archiving`);
    await this.#store.archive(threadId);
  }

  /** Brings an archived thread back; returns what a listing shows of it. */
  unarchive(threadId: string): Promise<ThreadSummary> {
    return this.#store.unarchive(threadId);
  }

  /** Drops `beforeTurnId` and the turns after it (thread/revert). */
  async revert(threadId: string, beforeTurnId: string): Promise<string[]> {
    const thread = this.require(threadId);
    const dropped = await thread.revert(beforeTurnId);
    this.#index(thread, Date.now());
    return dropped;
  }

  /** Unloads a thread (it stays on disk). */
  async unload(threadId: string): Promise<void> {
    const thread = this.#loaded.get(threadId);
    if (!thread) return;
    this.#loaded.delete(threadId);
    await thread.close();
    this.#index(thread);
    this.#mark(thread, false);
    await this.mcp.release(threadId);
  }

  /**
   * Gets ready for the first thread request ahead of it: the daemon calls this once it has nothing
   * else to do after start-up, so listing or resuming a thread does not also pay for opening the
   * index (loading SQLite takes ~20 ms).
   */
  prepare(): void {
    this.#store.openIndex();
  }

  /**
   * Starts the probe of bubblewrap (20-30 ms: it starts a sandbox) ahead of the first sandboxed
   * command, so that thread does not wait for it. The daemon calls this when it is quiet; a thread
   * that needs the answer sooner starts the probe itself. No probe when commands run unconfined by
   * default.
   */
  probeSandbox(): void {
    if (this.config.sandbox_mode === 'danger-full-access') return;
    void this.#sandboxes.availability().then((availability) => {
      if (availability.available) this.#options.log.debug({ bwrap: availability.bwrapPath }, 'sandbox probe: bubblewrap works here');
      else this.#options.log.debug({ reason: availability.reason }, 'sandbox probe: commands cannot be sandboxed here');
    });
  }

  /** Interrupts every running turn, writes out every rollout, and stops every command still running. */
  async shutdown(): Promise<void> {
    // Every loaded thread is indexed below anyway.
    for (const pending of this.#indexing) clearImmediate(pending);
    this.#indexing.clear();
    const threads = [...this.#loaded.values()];
    await Promise.all(threads.map((thread) => thread.close()));
    this.#loaded.clear();
    for (const thread of threads) {
      this.#index(thread);
      this.#mark(thread, false);
    }
    this.#store.close();
    await this.mcp.shutdown();
    // What no turn owns goes too: the clients' command/exec processes.
    await killAllCommands();
  }

  /** A new thread's id, creation time and metadata, and where its rollout goes (nowhere when ephemeral). */
  #newThreadFiles(
    settings: ThreadSettings,
    ephemeral: boolean,
    fields: Pick<ThreadMetaRecord, 'forkedFromId' | 'originator' | 'instructionSources' | 'mcpServers'>,
  ): { id: string; now: number; meta: ThreadMetaRecord; path: string | null; sink: RolloutSink } {
    const now = Date.now();
    const id = uuidv7(now);
    const meta: ThreadMetaRecord = {
      id,
      createdAt: Math.floor(now / 1000),
      cwd: settings.cwd,
      modelProvider: settings.modelProvider,
      model: settings.model,
      forkedFromId: fields.forkedFromId,
      cliVersion: this.#options.version,
      originator: fields.originator,
      instructionSources: fields.instructionSources,
      ...(fields.mcpServers === undefined ? {} : { mcpServers: fields.mcpServers }),
    };
    const path = ephemeral ? null : rolloutPath(this.home, id, now);
    return { id, now, meta, path, sink: path ? new RolloutWriter(path) : discardingSink };
  }

  /**
   * Gives a stored thread back the MCP servers of its own `mcp_servers` table. A table this
   * configuration no longer accepts leaves the thread with config.toml's servers, and says so.
   */
  #restoreMcpServers(thread: Thread): void {
    const own = thread.meta.mcpServers;
    if (own === undefined) return;
    try {
      this.mcp.configure(thread.id, this.mcp.resolve(own));
    } catch (error) {
      this.#options.log.warn({ threadId: thread.id, err: error }, "the thread's own mcp_servers are no longer valid; it uses config.toml's");
    }
  }

  /** Keeps a thread loaded, and its index row in step with it. */
  #adopt(thread: Thread): void {
    this.#loaded.set(thread.id, thread);
    this.#options.onLoad?.(thread);
    if (thread.ephemeral) return;
    this.#index(thread);
    this.#mark(thread, true);
    thread.subscribe((event) => {
      if (event.type !== 'turnCompleted' && event.type !== 'nameUpdated') return;
      // After the notification is on its way: the index write is not something the client waits for.
      const changedAtMs = Date.now();
      const pending = setImmediate(() => {
        this.#indexing.delete(pending);
        this.#index(thread, changedAtMs);
      });
      this.#indexing.add(pending);
    });
  }

  /** Updates the thread's index row; `changedAtMs` when it just changed (else its last change is kept). */
  #index(thread: Thread, changedAtMs?: number): void {
    if (thread.ephemeral || !thread.path) return;
    try {
      const updatedAtMs = changedAtMs ?? this.#store.get(thread.id)?.updatedAtMs ?? thread.updatedAt * 1000;
      this.#store.update(summaryOf(thread, thread.path, updatedAtMs));
    } catch (error) {
      this.#options.log.warn({ err: error, threadId: thread.id }, 'could not update the thread index');
    }
  }

  /** Notes in the index that this daemon has the thread loaded, or no longer. */
  #mark(thread: Thread, loaded: boolean): void {
    if (thread.ephemeral) return;
    try {
      if (loaded) this.#store.markLoaded(thread.id);
      else this.#store.markUnloaded(thread.id);
    } catch (error) {
      this.#options.log.warn({ err: error, threadId: thread.id }, 'could not update the thread index');
    }
  }

  #rebuild(lines: readonly RolloutLine[], path: string): ThreadSnapshot {
    return this.#finish(rebuildSnapshot(lines, (meta) => this.#startingSettings(meta)), path);
  }

  /** A thread's state straight from its rollout, each record applied as it is read. */
  async #readSnapshot(path: string): Promise<ThreadSnapshot> {
    const builder = new SnapshotBuilder();
    const warnings = await this.#aroundRead(() => forEachRolloutRecord(path, (line) => builder.add(line)));
    for (const warning of warnings) this.#options.log.warn(warning);
    return this.#finish(builder.finish((meta) => this.#startingSettings(meta)), path);
  }

  #aroundRead<T>(read: () => Promise<T>): Promise<T> {
    return this.#options.aroundRolloutRead ? this.#options.aroundRolloutRead(read) : read();
  }

  #finish(snapshot: ThreadSnapshot | undefined, path: string): ThreadSnapshot {
    if (!snapshot) throw notFound(`the rollout has no metadata: ${path}`);
    return snapshot;
  }

  /** The settings of a thread that never ran a turn: its metadata over the config's defaults. */
  #startingSettings(meta: ThreadMetaRecord): ThreadSettings {
    const settings = this.resolveSettings({ model: meta.model, modelProvider: meta.modelProvider });
    // Its directory may be gone since; it is checked again when a turn needs it.
    return { ...settings, cwd: meta.cwd };
  }

  #modelClient(provider: ResolvedProvider): ModelClient {
    let client = this.#clients.get(provider.id);
    if (!client) {
      client = provider.wireApi === 'chat' ? new ChatCompletionsClient(provider) : new ResponsesClient(provider);
      this.#clients.set(provider.id, client);
    }
    return client;
  }

  /** Environment variables that hold model keys: never passed to commands. */
  #secretNames(config: Config): string[] {
    const names = new Set<string>(['OPENAI_API_KEY']);
    for (const provider of Object.values(config.model_providers)) if (provider.env_key) names.add(provider.env_key);
    return [...names];
  }
}

/** What the index keeps of a loaded thread. */
function summaryOf(thread: Thread, path: string, updatedAtMs: number): ThreadSummary {
  let rolloutSize = 0;
  try {
    rolloutSize = statSync(path).size;
  } catch {
    // Not written yet: the next repair of the index re-reads it.
  }
  const { settings, meta } = thread;
  return {
    id: thread.id,
    path,
    archived: false,
    createdAt: meta.createdAt,
    updatedAt: thread.updatedAt,
    updatedAtMs,
    cwd: settings.cwd,
    modelProvider: settings.modelProvider,
    model: settings.model,
    effort: settings.effort,
    preview: thread.preview,
    name: thread.name,
    forkedFromId: meta.forkedFromId,
    cliVersion: meta.cliVersion,
    originator: meta.originator,
    rolloutSize,
  };
}

/** `guardian_subagent` is the reference's legacy name for `auto_review`. */
function reviewerOf(configured: Config['approvals_reviewer']): ThreadSettings['approvalsReviewer'] {
  return configured === 'auto_review' || configured === 'guardian_subagent' ? 'auto_review' : 'user';
}

function requireDirectory(path: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw invalidArgument(`cwd does not exist: ${path}`);
  }
  if (!isDirectory) throw invalidArgument(`cwd is not a directory: ${path}`);
}
