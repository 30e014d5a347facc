// `npm run demo`: the whole flow in a minute, with no network and no API key. Starts the scripted
// model server with the demo session (demo-session.ts), writes the demo project to a temporary
// directory, and runs the reference client against a real agentd there. Answer the approval
// prompts at the terminal (or pipe the answers in: `printf 'y\ny\ny\n' | npm run demo`).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PROJECT, DEMO_PROMPT, demoScript } from './demo-session.js';
import { mockProviderConfig, TEST_API_KEY, TEST_API_KEY_ENV } from './mock-config.js';
import { startModelServer } from './model-server.js';
import { AGENTD_BIN, REFERENCE_CLIENT_BIN } from './repo-root.js';

async function main(): Promise<number> {
  const workspace = await mkdtemp(join(tmpdir(), 'agentd-demo-'));
  const home = await mkdtemp(join(tmpdir(), 'agentd-demo-home-'));
  const model = await startModelServer();
  try {
    for (const [name, content] of Object.entries(DEMO_PROJECT)) await writeFile(join(workspace, name), content);
    model.enqueue(...demoScript());
    const settings = { approval_policy: 'untrusted', sandbox_mode: 'workspace-write' };
    await writeFile(join(home, 'config.toml'), mockProviderConfig(model.url, { settings }));
    process.stderr.write(`agentd demo: a scripted model on ${model.url} (no network, no API key), project in ${workspace}\n\n`);

    const env: NodeJS.ProcessEnv = { ...process.env, AGENTD_HOME: home, [TEST_API_KEY_ENV]: TEST_API_KEY };
    delete env.OPENAI_API_KEY;
    delete env.OPENAI_BASE_URL;
    const client = spawn(
      process.execPath,
      [REFERENCE_CLIENT_BIN, '--agentd', AGENTD_BIN, '--cd', workspace, DEMO_PROMPT],
      { stdio: 'inherit', env },
    );
    // Ctrl-C is the client's to handle (it interrupts the turn); the demo waits for it to finish.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    const code = await new Promise<number>((resolve) => client.on('exit', (status) => resolve(status ?? 1)));
    process.off('SIGINT', ignore);
    return code;
  } finally {
    await model.close();
    await rm(workspace, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agentd demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
