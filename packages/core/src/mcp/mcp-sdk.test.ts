/**
 * The MCP SDK costs about half a second of CPU to load: the daemon must not load it at start-up.
 * Only `mcp-sdk.ts` may load it (with a dynamic import); every other file imports types only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('loading the MCP SDK', () => {
  it('happens only through the lazy loader', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(packages)) {
      const source = readFileSync(file, 'utf8');
      const name = relative(packages, file);
      for (const line of source.split('\n')) {
        const loads = /^\s*import\s+(?!type\b)[^;]*from\s+'@modelcontextprotocol\/sdk/.test(line) || /^\s*export\s+(?!type\b)[^;]*from\s+'@modelcontextprotocol\/sdk/.test(line);
        const dynamic = /[^.\w]import\('@modelcontextprotocol\/sdk/.test(line);
        if (loads || (dynamic && name !== join('core', 'src', 'mcp', 'mcp-sdk.ts'))) offenders.push(`${name}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
