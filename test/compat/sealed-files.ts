// A hash list that freezes files once they are committed: `SHA256SUMS` beside them, in the format
// `sha256sum` writes (`<hex>  <name>`). New files are added to it; a listed file never changes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

export const HASH_LIST = 'SHA256SUMS';

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function readHashList(dir: string): Map<string, string> {
  const path = join(dir, HASH_LIST);
  const hashes = new Map<string, string>();
  if (!existsSync(path)) return hashes;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`${path}: not a hash line: ${JSON.stringify(line)}`);
    hashes.set(match[2]!, match[1]!);
  }
  return hashes;
}

function sealable(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== HASH_LIST)
    .map((entry) => entry.name)
    .sort();
}

/** What differs from the hash list: an edited, unlisted or missing file. Empty when all is sealed. */
export function verifySealed(dir: string): string[] {
  const listed = readHashList(dir);
  const problems: string[] = [];
  const present = sealable(dir);
  for (const name of present) {
    const expected = listed.get(name);
    if (expected === undefined) problems.push(`${name} is not sealed: run \`npm run seal-fixtures\` once it is final`);
    else if (expected !== sha256(readFileSync(join(dir, name)))) {
      problems.push(`${name} was edited after it was sealed: a fixture is never edited; record or write a new one instead`);
    }
  }
  for (const name of listed.keys()) if (!present.includes(name)) problems.push(`${name} is sealed but missing: a fixture is never deleted`);
  return problems;
}

/** Adds the files not yet listed; never changes an existing entry. Returns the names added. */
export async function sealNew(dir: string, check: (name: string, content: string) => void = () => {}): Promise<string[]> {
  const listed = readHashList(dir);
  const added: string[] = [];
  for (const name of sealable(dir)) {
    if (listed.has(name)) continue;
    const content = readFileSync(join(dir, name), 'utf8');
    check(name, content);
    await appendFile(join(dir, HASH_LIST), `${sha256(content)}  ${name}\n`);
    added.push(name);
  }
  return added;
}
