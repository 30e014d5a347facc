/**
 * What the scale scenarios share: a daemon against the scripted model server in a fresh home, a
 * watch on turns (which turn completed when), and a scenario's result as one row of the table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockProviderConfig, type ModelServer, startModelServer } from '../support/index.js';
import { BenchDaemon } from './bench-daemon.js';
import type { Figure } from './bench-table.js';

/** One scenario's row: latencies when it has them, what it is judged on, and what it cost. */
export interface ScenarioResult {
  readonly name: string;
  /** Latencies (ms) whose median and p99 the table shows. */
  readonly latenciesMs?: readonly number[];
  /** The figures it is judged on (first one on the scenario's row, the others below). */
  readonly figures: readonly Figure[];
  /** Daemon CPU time (user + system) and wall time over the measured part. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** The daemon's peak resident set over its life (VmHWM). */
  readonly peakRssMiB: number;
  /** Something the reader must know (a part that could not run, say). */
  readonly note?: string;
}

export interface ScaleEnv {
  readonly daemon: BenchDaemon;
  readonly model: ModelServer;
  readonly home: string;
  /** The threads' working directory. */
  readonly cwd: string;
  readonly turns: TurnWatch;
  /** Starts a thread in `cwd`; returns its id. */
  startThread(): Promise<string>;
  /** A second daemon on the same home (the first one closed): a restart. */
  restart(): Promise<BenchDaemon>;
  dispose(): Promise<void>;
}

export interface ScaleEnvOptions {
  /** Extra top-level config keys. */
  readonly settings?: Record<string, string | number | boolean>;
  /** Raw TOML appended (e.g. a `[limits]` table). */
  readonly toml?: string;
  readonly readBytesPerSecond?: number;
}

export async function scaleEnv(options: ScaleEnvOptions = {}): Promise<ScaleEnv> {
  const home = await mkdtemp(join(tmpdir(), 'agentd-bench-scale-'));
  const cwd = await mkdtemp(join(tmpdir(), 'agentd-bench-scale-ws-'));
  const model = await startModelServer();
  const config = mockProviderConfig(model.url, {
    settings: { approval_policy: 'never', sandbox_mode: 'danger-full-access', ...options.settings },
    ...(options.toml ? { toml: options.toml } : {}),
  });
  let daemon = await BenchDaemon.start({ home, config, ...(options.readBytesPerSecond ? { readBytesPerSecond: options.readBytesPerSecond } : {}) });
  const turns = new TurnWatch(daemon);
  return {
    get daemon() {
      return daemon;
    },
    model,
    home,
    cwd,
    turns,
    startThread: async () => ((await daemon.request('thread/start', { cwd })).thread.id as string),
    restart: async () => {
      await daemon.close();
      daemon = await BenchDaemon.start({ home });
      turns.attach(daemon);
      return daemon;
    },
    dispose: async () => {
      await daemon.close().catch(() => undefined);
      await model.close();
      await rm(home, { recursive: true, force: true });
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

export interface TurnRun {
  readonly turnId: string;
  /** performance.now() when turn/start was written and when turn/completed was read. */
  readonly sentAt: number;
  readonly completedAt: number;
  readonly status: string;
}

/** Knows when each turn completed, whether or not someone waits for it yet. */
export class TurnWatch {
  /** Every other notification goes here. */
  onOther: (message: any, receivedAt: number) => void = () => undefined;
  readonly #completed = new Map<string, { at: number; status: string }>();
  readonly #waiters = new Map<string, (completion: { at: number; status: string }) => void>();

  constructor(daemon: BenchDaemon) {
    this.attach(daemon);
  }

  attach(daemon: BenchDaemon): void {
    daemon.onNotification = (message, receivedAt) => {
      if (message.method !== 'turn/completed') return this.onOther(message, receivedAt);
      const completion = { at: receivedAt, status: message.params.turn.status as string };
      const waiter = this.#waiters.get(message.params.turn.id);
      if (waiter) {
        this.#waiters.delete(message.params.turn.id);
        waiter(completion);
      } else {
        this.#completed.set(message.params.turn.id, completion);
      }
    };
  }

  /** Starts a turn with one text input and resolves once it completed. */
  async run(daemon: BenchDaemon, threadId: string, text: string): Promise<TurnRun> {
    const sentAt = performance.now();
    const { turn } = await daemon.request('turn/start', { threadId, input: [{ type: 'text', text, text_elements: [] }] });
    const completion = await this.completion(turn.id);
    return { turnId: turn.id, sentAt, completedAt: completion.at, status: completion.status };
  }

  completion(turnId: string): Promise<{ at: number; status: string }> {
    const done = this.#completed.get(turnId);
    if (done) {
      this.#completed.delete(turnId);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => this.#waiters.set(turnId, resolve));
  }
}

/** Runs `task` for each of `items` with at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Words of plain text about `chars` long: prompts and answers that look like prose. */
export function prose(chars: number, seed: number): string {
  const words = ['the', 'daemon', 'streams', 'each', 'turn', 'to', 'its', 'client', 'while', 'model', 'answers', 'and', 'tools', 'run'];
  const out: string[] = [];
  let length = 0;
  for (let index = 0; length < chars; index++) {
    const word = index === 0 ? `#${seed}` : (words[(index * 7 + seed) % words.length] as string);
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

export const MiB = 1024 * 1024;
