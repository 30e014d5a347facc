// Bundles the daemon into a few files (dist/bundle/): one small entry with what the handshake
// needs, and chunks loaded on demand. Loading one minified file instead of hundreds of modules is
// what keeps `agentd app-server` quick to answer `initialize`. Packages loaded lazily at run time
// (the openai SDK, execa, pino, MCP, SQLite) stay external and resolve from node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry a content hash: without a clean start, every rebuild leaves the old ones behind.
rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { agentd: 'dist/cli.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: process.env.AGENTD_BUNDLE_MINIFY !== "0",
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  external: ['openai', 'execa', 'pino', '@modelcontextprotocol/sdk', 'better-sqlite3'],
  // Bundled CommonJS (vscode-jsonrpc) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __agentdCreateRequire } from 'node:module'; const require = __agentdCreateRequire(import.meta.url);" },
});
