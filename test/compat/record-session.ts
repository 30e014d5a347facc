// `npm run record-session -- ...`: records a client's session as a new fixture in fixtures/.
//
//   npm run record-session -- driver
//       the daemon driver plays a 0.1.0 client (driver-client.ts); what it reads is what it relies on.
//   npm run record-session -- client --name NAME --description TEXT --client-name NAME
//       --client-version V --built-from TEXT --script model.json [--workspace DIR] [--stdin FILE]
//       [--config key=value]... [--reads FILE] -- COMMAND [ARGS...]
//       any client process (the reference client): it must start the daemon as `agentd` from PATH
//       or from $AGENTD_BIN. It cannot be watched: with --reads (what it reads, declared from its
//       source: clients/*.reads.json) the fixture relies on that; without, on everything it
//       received, to trim before sealing.
//
// Then review the file, replay it (`npx vitest run test/compat/replay.test.ts`) and seal it
// (`npm run seal-fixtures`). A sealed fixture is never edited.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../support/index.js';
import { recordDriverSession } from './driver-client.js';
import { readFilesUnder, recordExternalClient } from './external-recording.js';
import { fixtureFromRecording, type ReadsSpec, readsFromSpec, type RecordingInput } from './recorder.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function save(input: RecordingInput, out: string | undefined): Promise<void> {
  const fixture = fixtureFromRecording(input);
  const path = out ?? `${FIXTURES}${fixture.name}.session.json`;
  if (existsSync(path)) throw new Error(`${path} exists: a fixture is never rewritten; pick a new --name`);
  await writeFile(path, `${JSON.stringify(fixture, null, 2)}\n`);
  process.stdout.write(
    `wrote ${path}\nReview what it relies on, replay it (npx vitest run test/compat/replay.test.ts), then seal it: npm run seal-fixtures\n`,
  );
}

/** `key=value` of `--config`: a number, true/false, or a string. */
function parseSetting(setting: string): [string, string | number | boolean] {
  const at = setting.indexOf('=');
  if (at <= 0) throw new Error(`--config ${setting}: expected key=value`);
  const [key, raw] = [setting.slice(0, at), setting.slice(at + 1)];
  if (raw === 'true' || raw === 'false') return [key, raw === 'true'];
  return [key, raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw];
}

const [mode, ...rest] = process.argv.slice(2);
/** Sessions are recorded against the protocol version being developed (@agentd/protocol's). */
const protocol = (JSON.parse(readFileSync(join(REPO_ROOT, 'protocol-schema', 'package.json'), 'utf8')) as { version: string }).version;
if (mode === 'driver') {
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, out: { type: 'string' } } });
  const recording = await recordDriverSession();
  await save(
    {
      ...recording,
      name: values.name ?? `agentd-${protocol}-driver-client-plan-patch-interrupt`,
      description:
        'The daemon driver as a client of this protocol release: a plan, a patch the user approves, the streamed ' +
        'answer, then a second turn interrupted while a command waits for approval. It relies on exactly the ' +
        'fields it read.',
      protocol,
      basedOn: 'recorded by test/compat/record-session.ts driver (test/compat/driver-client.ts)',
    },
    values.out,
  );
} else if (mode === 'client') {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      description: { type: 'string' },
      'client-name': { type: 'string' },
      'client-version': { type: 'string' },
      'built-from': { type: 'string' },
      script: { type: 'string' },
      workspace: { type: 'string' },
      stdin: { type: 'string' },
      config: { type: 'string', multiple: true, default: [] },
      reads: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const required = ['name', 'description', 'client-name', 'built-from', 'script'] as const;
  const missing = required.filter((key) => !values[key]);
  if (missing.length > 0 || positionals.length === 0) throw new Error(`missing ${missing.map((m) => `--${m}`).join(' ')} or the client command after --`);
  const files = values.workspace ? await readFilesUnder(values.workspace) : undefined;
  const config = values.config.length > 0 ? Object.fromEntries(values.config.map(parseSetting)) : undefined;
  // The client runs in the temp workspace: its script paths are taken from where this was run.
  const command = positionals.map((arg, i) => (i > 0 && !isAbsolute(arg) && existsSync(arg) ? resolve(arg) : arg));
  const recording = await recordExternalClient({
    command,
    model: JSON.parse(readFileSync(values.script!, 'utf8')) as unknown[],
    ...(files ? { files } : {}),
    ...(config ? { config } : {}),
    ...(values.stdin ? { stdin: readFileSync(values.stdin, 'utf8') } : {}),
  });
  process.stdout.write(recording.stdout);
  process.stderr.write(recording.stderr);
  if (recording.connections.length === 0) throw new Error('the client never started `agentd`: it must find it on PATH or in $AGENTD_BIN');
  const spec = values.reads ? (JSON.parse(readFileSync(values.reads, 'utf8')) as ReadsSpec) : undefined;
  const connections = spec ? recording.connections.map((c) => ({ ...c, reads: readsFromSpec(c.messages, spec) })) : recording.connections;
  await save(
    {
      ...recording,
      connections,
      name: values.name!,
      description: values.description!,
      client: { name: values['client-name']!, ...(values['client-version'] ? { version: values['client-version'] } : {}), builtFrom: values['built-from']! },
      protocol,
      basedOn: `recorded by test/compat/record-session.ts client -- ${positionals.join(' ')}`,
      ...(files ? { workspace: { files } } : {}),
      ...(config ? { config } : {}),
    },
    values.out,
  );
} else {
  process.stderr.write('usage: record-session.ts driver | client ... -- COMMAND (see the comment at the top)\n');
  process.exitCode = 2;
}
