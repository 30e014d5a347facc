/**
 * The `agentd` command line. `agentd app-server` is the daemon editors spawn; `agentd exec` runs
 * one headless turn; `-c key=value` overrides config.toml; `AGENTD_LOG` sets the log level (logs go
 * to stderr).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ConfigOverride, createLogger, defaultHome, parseLogLevel, parseOverride } from '@agentd/core/startup';
import { EXEC_USAGE, ExecUsageError, parseExecArgs } from './exec-args.js';
import { runAppServer } from './server.js';

const USAGE = `usage: agentd <command> [options]

commands:
  app-server          speak the app-server protocol (JSON-RPC, one message per line) on stdio
  exec <prompt>       run one turn headless and print the final message (agentd exec --help)

options:
  -c, --config key=value   override a config.toml key (repeatable)
  --version                print the version
  -h, --help               print this help

environment:
  AGENTD_HOME   home directory (default ~/.agentd): config.toml, sessions
  AGENTD_LOG    log level on stderr: trace, debug, info (default), warn, error, silent
`;

/** The version in @agentd/app-server's package.json, found from this file (built or bundled). */
export function version(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === '@agentd/app-server' && pkg.version) return pkg.version;
    } catch {
      // Not there: try the next level up.
    }
  }
  return '0.0.0';
}

export async function main(argv: readonly string[]): Promise<number> {
  const overrides: ConfigOverride[] = [];
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      positional.push(...argv.slice(index));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(positional[0] === 'exec' ? EXEC_USAGE : USAGE);
      return 0;
    }
    if (arg === '--version') {
      process.stdout.write(`agentd ${version()}\n`);
      return 0;
    }
    if (arg === '-c' || arg === '--config') {
      const value = argv[++index];
      if (value === undefined) return usageError(`${arg} needs key=value`);
      overrides.push(parseOverride(value));
      continue;
    }
    if (arg.startsWith('--config=')) {
      overrides.push(parseOverride(arg.slice('--config='.length)));
      continue;
    }
    positional.push(arg);
  }
  const [command, ...rest] = positional;
  switch (command) {
    case 'app-server':
      return runAppServer({
        home: defaultHome(),
        version: version(),
        overrides,
        log: createLogger(parseLogLevel(process.env.AGENTD_LOG)),
        input: process.stdin,
        output: process.stdout,
      });
    case 'exec':
      return exec(rest, overrides);
    case undefined:
      return usageError('missing command');
    default:
      return usageError(`unknown command: ${command}`);
  }
}

async function exec(argv: readonly string[], overrides: readonly ConfigOverride[]): Promise<number> {
  let args;
  try {
    args = parseExecArgs(argv, overrides);
  } catch (error) {
    if (error instanceof ExecUsageError) return usageError(error.message, EXEC_USAGE);
    throw error;
  }
  const fromStdin = args.prompt === '-' || (args.prompt === undefined && !process.stdin.isTTY);
  const prompt = fromStdin ? readFileSync(0, 'utf8') : args.prompt;
  if (prompt === undefined || prompt.trim() === '') return usageError('exec needs a prompt', EXEC_USAGE);
  // Loaded on demand: `agentd app-server` starts without it.
  const { runExec } = await import('./exec.js');
  return runExec({
    ...args,
    prompt,
    home: defaultHome(),
    version: version(),
    overrides,
    // Progress lines already say what goes wrong; the structured log adds only errors, unless asked.
    log: createLogger(parseLogLevel(process.env.AGENTD_LOG, 'error')),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

function usageError(message: string, usage = USAGE): number {
  process.stderr.write(`agentd: ${message}\n\n${usage}`);
  return 2;
}
