// A daemon that can be stopped (cleanly or with SIGKILL) and started again on the same home,
// against one scripted model server that lives across restarts: what durable-thread tests need.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Daemon, type DaemonOptions, spawnDaemon } from './daemon.js';
import { type MockConfigOptions, mockProviderConfig } from './mock-config.js';
import { type ModelServer, startModelServer } from './model-server.js';

export interface RestartableOptions extends MockConfigOptions, Omit<DaemonOptions, 'home' | 'config'> {
  /** `initialize` params for every start (default: the driver's, without experimental API). */
  initialize?: Record<string, unknown>;
}

export interface Restartable {
  readonly home: string;
  readonly model: ModelServer;
  /** The running daemon (the latest one started). */
  readonly daemon: Daemon;
  /** Closes the running daemon (stdin EOF) and starts a new one on the same home. */
  restart(): Promise<Daemon>;
  /** SIGKILLs the running daemon and starts a new one on the same home. */
  crashAndRestart(): Promise<Daemon>;
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startRestartable(opts: RestartableOptions = {}): Promise<Restartable> {
  const model = await startModelServer();
  const home = await mkdtemp(join(tmpdir(), 'agentd-durable-'));
  const config = mockProviderConfig(model.url, opts);
  const start = async (): Promise<Daemon> => {
    const started = await spawnDaemon({ ...opts, home, config });
    await started.initialize(opts.initialize);
    return started;
  };
  let daemon = await start();
  const dispose = async (): Promise<void> => {
    try {
      await daemon.close();
    } finally {
      await model.close();
      await rm(home, { recursive: true, force: true });
    }
  };
  return {
    home,
    model,
    get daemon() {
      return daemon;
    },
    async restart() {
      await daemon.close();
      daemon = await start();
      return daemon;
    },
    async crashAndRestart() {
      daemon.kill('SIGKILL');
      await daemon.exited;
      daemon.expectValid();
      daemon = await start();
      return daemon;
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
