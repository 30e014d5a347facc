import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOOL_NAME_LENGTH, type McpToolRef, qualifyToolNames, sanitize } from './tool-names.js';

const namesOf = (refs: McpToolRef[]) => [...qualifyToolNames(refs).keys()];

describe('qualifyToolNames', () => {
  it('names a tool mcp__<server>__<tool>', () => {
    expect(namesOf([{ server: 'docs', tool: 'search' }])).toEqual(['mcp__docs__search']);
  });

  it('replaces characters a function name may not hold', () => {
    expect(sanitize('my.server/v2 (beta)')).toBe('my_server_v2__beta_');
    expect(namesOf([{ server: 'git hub', tool: 'issues.list' }])).toEqual(['mcp__git_hub__issues_list']);
  });

  it('cuts a long name to 64 characters with a hash of the real names', () => {
    const [name] = namesOf([{ server: 'server', tool: 'a'.repeat(80) }]);
    expect(name).toHaveLength(MAX_TOOL_NAME_LENGTH);
    expect(name).toMatch(/^mcp__server__a+_[0-9a-f]{8}$/);
    const [other] = namesOf([{ server: 'server', tool: `${'a'.repeat(79)}b` }]);
    expect(other).not.toBe(name);
  });

  it('tells colliding names apart: the first in (server, tool) order keeps the plain name', () => {
    const byName = qualifyToolNames([
      { server: 'a', tool: 'x_y' },
      { server: 'a', tool: 'x.y' },
      { server: 'a__b', tool: 'c' },
      { server: 'a', tool: 'b__c' },
    ]);
    expect(byName.get('mcp__a__x_y')).toEqual({ server: 'a', tool: 'x.y' });
    expect(byName.get('mcp__a__b__c')).toEqual({ server: 'a', tool: 'b__c' });
    const hashed = [...byName.keys()].filter((name) => /_[0-9a-f]{8}$/.test(name));
    expect(hashed.map((name) => byName.get(name))).toEqual(expect.arrayContaining([
      { server: 'a', tool: 'x_y' },
      { server: 'a__b', tool: 'c' },
    ]));
  });

  it('gives the same names whatever order the tools come in, all unique and valid', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'b', '_', '.', '-', ' ', 'é'), maxLength: 40 });
    const refs = fc.uniqueArray(fc.record({ server: part, tool: part }), { minLength: 1, maxLength: 12, selector: (ref) => `${ref.server}\u0000${ref.tool}` });
    const listAndShuffle = refs.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        const a = qualifyToolNames(list);
        const b = qualifyToolNames(shuffled);
        expect([...b.entries()]).toEqual([...a.entries()]);
        expect(a.size).toBe(list.length);
        for (const name of a.keys()) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      }),
    );
  });
});
