// The setting for tests of agentd's command-line programs (the reference client, `agentd exec`):
// a scripted model server, an AGENTD_HOME whose config.toml points at it, a workspace directory
// with some files, and the environment to run the programs with (no real API key in it).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { INHERITED_ENV } from './daemon.js';
import { mockProviderConfig, TEST_API_KEY, TEST_API_KEY_ENV, type MockConfigOptions } from './mock-config.js';
import type { ScriptItem } from './model-script.js';
import { startModelServer, type ModelServer } from './model-server.js';

export interface ScriptedAgentdOptions extends MockConfigOptions {
  /** What the model answers, one entry per model request. */
  script?: ScriptItem[];
  /** Files of the workspace: relative path → content. */
  files?: Readonly<Record<string, string>>;
}

export interface ScriptedAgentd extends AsyncDisposable {
  model: ModelServer;
  /** AGENTD_HOME, with config.toml. */
  home: string;
  /** A directory for the agent to work in. */
  workspace: string;
  /** The environment for the programs under test. */
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function scriptedAgentd(opts: ScriptedAgentdOptions = {}): Promise<ScriptedAgentd> {
  const model = await startModelServer();
  if (opts.script) model.enqueue(...opts.script);
  const home = await mkdtemp(join(tmpdir(), 'agentd-home-'));
  const workspace = await mkdtemp(join(tmpdir(), 'agentd-ws-'));
  await writeFile(join(home, 'config.toml'), mockProviderConfig(model.url, opts));
  for (const [path, content] of Object.entries(opts.files ?? {})) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), content);
  }
  const env: NodeJS.ProcessEnv = { AGENTD_HOME: home, [TEST_API_KEY_ENV]: TEST_API_KEY };
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  const dispose = async () => {
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
  };
  return { model, home, workspace, env, dispose, [Symbol.asyncDispose]: dispose };
}
