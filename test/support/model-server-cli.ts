// Runs the scripted model server from the command line (built by `npm run build`):
//   node test/support/dist/model-server-cli.js \
//     --script script.json [--port 0] [--api-key KEY] [--requests-log requests.jsonl]
// Prints one JSON line `{"url": "http://127.0.0.1:PORT/v1"}` on stdout once listening, then serves
// until SIGTERM / SIGINT. The script file is an array of entries (what `reply.*` / `fail.*` build)
// or `{"replies": [...], "default": {...}}`.
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseScript } from './model-script.js';
import { startModelServer, type ModelServerOptions } from './model-server.js';

const USAGE = 'usage: model-server-cli --script FILE [--port N] [--api-key KEY] [--requests-log FILE]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      script: { type: 'string' },
      port: { type: 'string' },
      'api-key': { type: 'string' },
      'requests-log': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.script) throw new Error(USAGE);
  const script = parseScript(JSON.parse(readFileSync(values.script, 'utf8')));
  const log = values['requests-log'];
  const opts: ModelServerOptions = {};
  if (values.port !== undefined) opts.port = Number(values.port);
  if (values['api-key'] !== undefined) opts.apiKey = values['api-key'];
  if (log !== undefined) {
    opts.onRequest = (r) => appendFileSync(log, `${JSON.stringify({ index: r.index, method: r.method, path: r.path, json: r.json })}\n`);
  }
  const server = await startModelServer(opts);
  server.enqueue(...script.entries);
  if (script.default !== undefined) server.setDefault(script.default);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`model-server-cli: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
