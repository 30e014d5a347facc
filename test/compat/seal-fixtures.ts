// `npm run seal-fixtures`: adds every new session fixture to fixtures/SHA256SUMS, after checking it
// parses. From then on the fixture is frozen: sealed-fixtures.test.ts fails if it changes.
import { fileURLToPath } from 'node:url';
import { sealNew } from './sealed-files.js';
import { parseSessionFixture } from './session-fixture.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const added = await sealNew(dir, (name, content) => {
  if (name.endsWith('.session.json')) parseSessionFixture(JSON.parse(content), name);
});
process.stdout.write(added.length > 0 ? `sealed ${added.join(', ')}\n` : 'nothing new to seal\n');
