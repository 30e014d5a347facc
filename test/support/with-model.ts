// One call for the common end-to-end setup: a scripted model server, a daemon configured for it,
// and the handshake done. `dispose()` (or `await using`) tears all of it down.
import { rm } from 'node:fs/promises';
import { spawnDaemon, type Daemon, type DaemonOptions } from './daemon.js';
import { mockProviderConfig, type MockConfigOptions } from './mock-config.js';
import type { ScriptItem } from './model-script.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from './model-server.js';

export interface DaemonWithModelOptions extends DaemonOptions, MockConfigOptions {
  /** Options for the model server. */
  modelServer?: ModelServerOptions;
  /** Entries queued before the daemon starts. */
  script?: ScriptItem[];
  /** `initialize` params; `false` skips the handshake. */
  initialize?: Record<string, unknown> | false;
}

export interface DaemonWithModel {
  daemon: Daemon;
  model: ModelServer;
  home: string;
  /** The `initialize` result (undefined when skipped). */
  init: any;
  /** Closes the daemon (throwing on schema violations), the model server, and removes a temp home. */
  dispose(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function spawnDaemonWithModel(opts: DaemonWithModelOptions = {}): Promise<DaemonWithModel> {
  const model = await startModelServer(opts.modelServer);
  if (opts.script) model.enqueue(...opts.script);
  let daemon: Daemon;
  try {
    daemon = await spawnDaemon({ ...opts, config: opts.config ?? mockProviderConfig(model.url, opts) });
  } catch (err) {
    await model.close();
    throw err;
  }
  const dispose = async (): Promise<void> => {
    try {
      await daemon.dispose();
    } finally {
      await model.close();
    }
  };
  let init: unknown;
  if (opts.initialize !== false) {
    try {
      init = await daemon.initialize(opts.initialize);
    } catch (err) {
      await daemon.close().catch(() => {});
      await model.close();
      if (opts.home === undefined) await rm(daemon.home, { recursive: true, force: true });
      throw err;
    }
  }
  return { daemon, model, home: daemon.home, init, dispose, [Symbol.asyncDispose]: dispose };
}
