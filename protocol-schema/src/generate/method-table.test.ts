import { describe, expect, it } from 'vitest';
import { listMethods } from './json-schema.js';
import { BEGIN_MARKER, END_MARKER, extractMethodSection, renderMethodTable, spliceMethodTable } from './method-table.js';

describe('the README method table', () => {
  const table = renderMethodTable(listMethods());

  it('has one row per method', () => {
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(listMethods().length);
    expect(rows[0]).toBe(
      '| `initialize` | request, client → server | ' +
        'Handshake: identify the client, declare capabilities, learn about the server. |  |',
    );
  });

  it('creates a README when there is none', () => {
    expect(spliceMethodTable(undefined, 'T')).toBe(
      `# agentd\n\n## Protocol methods\n\n${BEGIN_MARKER}\nT\n${END_MARKER}\n`,
    );
  });

  it('appends a section to a README without markers', () => {
    expect(spliceMethodTable('# agentd\n\nIntro.\n', 'T')).toBe(
      `# agentd\n\nIntro.\n\n## Protocol methods\n\n${BEGIN_MARKER}\nT\n${END_MARKER}\n`,
    );
  });

  it('only rewrites the text between the markers', () => {
    const readme = `# agentd\n\nBefore.\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nAfter.\n`;
    const updated = spliceMethodTable(readme, 'new table');
    expect(updated).toBe(`# agentd\n\nBefore.\n\n${BEGIN_MARKER}\nnew table\n${END_MARKER}\n\nAfter.\n`);
    expect(extractMethodSection(updated)).toBe('new table');
    expect(spliceMethodTable(updated, 'new table')).toBe(updated);
  });
});
