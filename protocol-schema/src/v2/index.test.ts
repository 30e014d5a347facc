/** `index.ts` exports by name; this keeps the list complete as modules grow. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as index from './index.js';

/** Shapes spread into schemas, not protocol types. */
const INTERNAL = new Set(['itemTimes', 'pageParams', 'threadSettingsOverrides']);

describe('v2/index.ts', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const modules = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts');

  for (const file of modules) {
    it(`re-exports everything of ${file}`, async () => {
      const module = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      const missing = Object.keys(module).filter((name) => !INTERNAL.has(name) && !(name in index));
      expect(missing).toEqual([]);
    });
  }
});
