/**
 * Builds what handlers work with (threads, the hub that connects them to clients, the sweeper that
 * unloads unused threads). Loaded on the first request after the handshake, so start-up does not
 * pay for the agent loop, the model clients and the tools.
 */
import { type LoadedConfig, ThreadManager, validateConfig } from '@agentd/core';
import { ConfigError } from '@agentd/core/startup';
import type { AppContext, ServerInfo } from './app-context.js';
import { DEFAULT_IDLE_UNLOAD_MS, IdleSweeper } from './idle-sweeper.js';
import { CommandExecSessions } from './command-exec-sessions.js';
import { ThreadHub } from './thread-hub.js';
import { unloadThread } from './thread-unload.js';
import { whileYoungGenerationKept } from './young-generation.js';

export function createAppContext(server: ServerInfo): AppContext {
  const config = validatedConfig(server);
  const hub = new ThreadHub({ home: server.home, onUnused: () => sweeper.poke() });
  // Every loaded thread gets its channel at once: `seq`, its event log, and the idle sweeper see it
  // whatever loaded it.
  const threads =
    config instanceof ConfigError
      ? undefined
      : new ThreadManager({
          home: server.home,
          config,
          log: server.log,
          version: server.version,
          onLoad: (thread) => hub.attach(thread),
          aroundRolloutRead: whileYoungGenerationKept,
        });
  const idleSec = config instanceof ConfigError ? undefined : config.config.limits?.idle_thread_unload_sec;
  // Once the requests that came with the handshake are served: a client lists or resumes threads next.
  const preparing = setImmediate(() => threads?.prepare());
  const app: AppContext = {
    home: server.home,
    version: server.version,
    config,
    threads,
    hub,
    execs: new CommandExecSessions(),
    async shutdown() {
      clearImmediate(preparing);
      sweeper.stop();
      await threads?.shutdown();
      hub.close();
    },
  };
  const sweeper = new IdleSweeper({
    idleMs: idleSec === undefined ? DEFAULT_IDLE_UNLOAD_MS : idleSec * 1000,
    hub,
    unload: (threadId) => unloadThread(app, threadId),
    log: server.log,
  });
  return app;
}

/** Validates the configuration read at start-up; a bad one is logged once and kept as the error. */
function validatedConfig(server: ServerInfo): LoadedConfig | ConfigError {
  try {
    if (server.config instanceof ConfigError) throw server.config;
    return validateConfig(server.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    server.log.error(error.message);
    return error;
  }
}
