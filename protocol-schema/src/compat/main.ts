/**
 * `npm run check-compat -w @agentd/protocol`: compares the current protocol with every release and
 * prints the breaking changes (the same check `npm test` runs).
 * `npm run release -w @agentd/protocol`: freezes the current generated schema as the release of the
 * package's version. Run it once per released version, on purpose; a release is never rewritten.
 */
import { readFileSync } from 'node:fs';
import { generateOutputs, OUTPUT_PATHS } from '../generate/files.js';
import { buildJsonSchemaBundle } from '../generate/json-schema.js';
import {
  COMPAT_PATHS,
  checkAgainstReleases,
  currentProtocolVersion,
  freezeRelease,
  readReleases,
  verifySealedFiles,
} from './releases.js';

function check(): number {
  const version = currentProtocolVersion();
  const releases = readReleases();
  const verdicts = checkAgainstReleases({
    current: buildJsonSchemaBundle(),
    version,
    releases,
    changelog: readFileSync(COMPAT_PATHS.changelog, 'utf8'),
  });
  let failed = false;
  for (const problem of verifySealedFiles(COMPAT_PATHS.releases, COMPAT_PATHS.hashes)) {
    failed = true;
    process.stdout.write(`frozen release changed: ${problem}\n`);
  }
  for (const verdict of verdicts) {
    if (verdict.problems.length > 0) {
      failed = true;
      for (const problem of verdict.problems) process.stdout.write(`${problem}\n`);
    } else {
      const note = verdict.breaks.length > 0 ? ` (${verdict.breaks.length} announced breaking changes)` : '';
      process.stdout.write(`protocol ${version} keeps clients of release ${verdict.release} working${note}\n`);
    }
  }
  if (releases.length === 0) process.stdout.write('no releases yet: run `npm run release -w @agentd/protocol`\n');
  return failed ? 1 : 0;
}

async function release(): Promise<number> {
  const outputs = await generateOutputs();
  if (readFileSync(OUTPUT_PATHS.schema, 'utf8') !== outputs.schema) {
    process.stderr.write('the generated schema is stale: run `npm run generate` and commit it first\n');
    return 1;
  }
  const file = await freezeRelease({ version: currentProtocolVersion(), schema: outputs.schema });
  process.stdout.write(`wrote ${file}\nCommit it with releases/SHA256SUMS; it is frozen from now on.\n`);
  return 0;
}

const command = process.argv[2];
if (command === 'check') process.exitCode = check();
else if (command === 'release') process.exitCode = await release();
else {
  process.stderr.write('usage: node dist/compat/main.js check | release\n');
  process.exitCode = 2;
}
