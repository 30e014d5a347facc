/** Once committed, a recorded session is never edited: fixtures/SHA256SUMS holds its hash. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HASH_LIST, sealNew, verifySealed } from './sealed-files.js';

describe('session fixtures', () => {
  it('are exactly as they were sealed', () => {
    expect(verifySealed(fileURLToPath(new URL('./fixtures/', import.meta.url)))).toEqual([]);
  });
});

describe('sealing', () => {
  it('adds new files, never rewrites an entry, and reports edits and deletions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentd-sealed-'));
    try {
      await writeFile(join(dir, 'a.session.json'), '{"a":1}\n');
      expect(verifySealed(dir)).toEqual(['a.session.json is not sealed: run `npm run seal-fixtures` once it is final']);
      expect(await sealNew(dir)).toEqual(['a.session.json']);
      expect(verifySealed(dir)).toEqual([]);

      await writeFile(join(dir, 'a.session.json'), '{"a":2}\n');
      await writeFile(join(dir, 'b.session.json'), '{"b":1}\n');
      expect(await sealNew(dir)).toEqual(['b.session.json']);
      expect(verifySealed(dir)).toEqual([
        'a.session.json was edited after it was sealed: a fixture is never edited; record or write a new one instead',
      ]);
      expect((await readFile(join(dir, HASH_LIST), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);

      await rm(join(dir, 'b.session.json'));
      expect(verifySealed(dir)).toContain('b.session.json is sealed but missing: a fixture is never deleted');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
