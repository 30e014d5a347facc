/**
 * The `agentd` command line. `agentd app-server` is the daemon editors spawn; `-c key=value`
 * overrides config.toml; `AGENTD_LOG` sets the log level (logs go to stderr).
 */
import { createRequire } from 'node:module';
import { type ConfigOverride, createLogger, defaultHome, parseLogLevel, parseOverride } from '@agentd/core/startup';
import { runAppServer } from './server.js';

const USAGE = `usage: agentd <command> [options]

commands:
  app-server          speak the app-server protocol (JSON-RPC, one message per line) on stdio

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
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
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
  const [command] = positional;
  const log = createLogger(parseLogLevel(process.env.AGENTD_LOG));
  switch (command) {
    case 'app-server':
      return runAppServer({
        home: defaultHome(),
        version: version(),
        overrides,
        log,
        input: process.stdin,
        output: process.stdout,
      });
    case undefined:
      return usageError('missing command');
    default:
      return usageError(`unknown command: ${command}`);
  }
}

function usageError(message: string): number {
  process.stderr.write(`agentd: ${message}\n\n${USAGE}`);
  return 2;
}
