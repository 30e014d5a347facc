import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachRolloutLine, parseRollout, readRollout } from './rollout-reader.js';

const record = (name: string) => JSON.stringify({ timestamp: '2026-01-01T00:00:00.000Z', type: 'thread_name', payload: { name } });

describe('reading a rollout file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentd-rollout-reader-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fileOf(text: string): Promise<string> {
    const path = join(dir, `rollout-${Math.random().toString(16).slice(2)}.jsonl`);
    await writeFile(path, text, 'utf8');
    return path;
  }

  it('reads the same lines as parsing the whole text, across blocks, pieces and multi-byte characters', async () => {
    // Several MB: lines cross the 1 MiB read blocks and 64 KiB decoding pieces at every offset, some
    // with characters of two, three and four bytes, one longer than a block.
    const names: string[] = [];
    for (let index = 0, length = 0; length < 3_000_000; index++) {
      const filler = 'x'.repeat((index * 7919) % 9000);
      const name = index % 5 === 0 ? `café ☕ 𝄞 ${index} ${filler}` : `plain ${index} ${filler}`;
      names.push(name);
      length += name.length;
    }
    names.splice(100, 0, 'y'.repeat(1_500_000));
    const text = `${names.map(record).join('\n')}\n`;
    const path = await fileOf(text);

    const fromFile = await readRollout(path);
    const fromText = parseRollout(text);
    expect(fromFile.warnings).toEqual([]);
    expect(fromFile.lines).toEqual(fromText.lines);
    expect(fromFile.lines.map((line) => (line.type === 'thread_name' ? line.payload.name : null))).toEqual(names);
    expect(await forEachRolloutLine(path, () => undefined)).toBe(Buffer.byteLength(text));
  });

  it('ignores a torn last line and warns about a corrupt one, by line number', async () => {
    const path = await fileOf(`${record('first')}\n{"timestamp":"t","ty\n\n${record('third')}\n{"timestamp":"2026`);
    const visited: Array<{ text: string; complete: boolean }> = [];
    await forEachRolloutLine(path, (text, complete) => visited.push({ text, complete }));
    expect(visited.map((line) => line.complete)).toEqual([true, true, true, false]);
    const { lines, warnings } = await readRollout(path);
    expect(lines.map((line) => (line.type === 'thread_name' ? line.payload.name : null))).toEqual(['first', 'third']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${path}:2: skipped a corrupt line`);
  });

  it('reads an empty file as no lines', async () => {
    expect(await readRollout(await fileOf(''))).toEqual({ lines: [], warnings: [] });
  });
});
