import { describe, expect, it } from 'vitest';
import { Captures, checkPaths } from './expectations.js';
import { leaves, parsePath, select } from './json-path.js';

const message = {
  method: 'turn/completed',
  params: {
    threadId: 'thr_1',
    turn: {
      id: 'turn_1',
      status: 'completed',
      error: null,
      items: [
        { type: 'userMessage', id: 'u1', content: [{ type: 'text', text: 'hi' }] },
        { type: 'agentMessage', id: 'm1', text: 'Hello.' },
      ],
    },
  },
  emittedAtMs: 1795633362824,
};

describe('paths', () => {
  it('parse keys, indexes, every element and a find by key', () => {
    expect(parsePath('params.turn.items[type=agentMessage].text')).toEqual([
      { kind: 'key', key: 'params' },
      { kind: 'key', key: 'turn' },
      { kind: 'key', key: 'items' },
      { kind: 'find', key: 'type', value: 'agentMessage' },
      { kind: 'key', key: 'text' },
    ]);
    expect(parsePath('a[0][*]')).toEqual([{ kind: 'key', key: 'a' }, { kind: 'index', index: 0 }, { kind: 'all' }]);
    expect(() => parsePath('a..b')).toThrow('bad path');
  });

  it('select values, with the concrete path, and undefined for what is missing', () => {
    expect(select(message, 'params.turn.items[type=agentMessage].text')).toEqual([{ path: 'params.turn.items[1].text', value: 'Hello.' }]);
    expect(select(message, 'params.turn.items[*].id').map((s) => s.value)).toEqual(['u1', 'm1']);
    expect(select(message, 'params.turn.items[type=plan].id')).toEqual([{ path: 'params.turn.items[type=plan].id', value: undefined }]);
    expect(select(message, 'params.turn.nope[0]')).toEqual([{ path: 'params.turn.nope[0]', value: undefined }]);
  });

  it('list the leaves of a value', () => {
    expect(leaves({ a: { b: [1, { c: null }], d: [] } })).toEqual([
      { path: 'a.b[0]', value: 1 },
      { path: 'a.b[1].c', value: null },
      { path: 'a.d', value: [] },
    ]);
  });
});

describe('matchers', () => {
  it('pass when every relied-on path holds, and capture values for later steps', () => {
    const captures = new Captures({ workspace: '/w' });
    const failures = checkPaths(
      message,
      {
        'params.threadId': { type: 'string', capture: 'threadId' },
        'params.turn.status': 'completed',
        'params.turn.error': null,
        'params.turn.items[type=agentMessage].text': { pattern: '^Hello' },
        'params.turn.items[*].type': { oneOf: ['userMessage', 'agentMessage'] },
        emittedAtMs: { type: 'integer' },
      },
      captures,
      { bind: true },
    );
    expect(failures).toEqual([]);
    expect(captures.get('threadId')).toBe('thr_1');
    expect(captures.substitute({ id: '${threadId}', where: 'in ${workspace}/x', n: ['${threadId}'] })).toEqual({
      id: 'thr_1',
      where: 'in /w/x',
      n: ['thr_1'],
    });
  });

  it('name each path that fails and why', () => {
    const captures = new Captures();
    captures.set('turnId', 'turn_0');
    expect(
      checkPaths(
        message,
        {
          'params.turn.id': '${turnId}',
          'params.turn.status': { oneOf: ['failed'] },
          'params.turn.durationMs': { type: 'integer' },
          'params.turn.error': { present: true, type: 'string' },
          'params.turn.items[*].text': { type: 'string' },
          'params.turn.items[type=plan].text': { type: 'string' },
        },
        captures,
        { bind: true },
      ),
    ).toEqual([
      'params.turn.id: expected "turn_0", got "turn_1"',
      'params.turn.status: expected one of ["failed"], got "completed"',
      'params.turn.durationMs: expected integer, got nothing (the field is missing)',
      'params.turn.error: expected string, got null',
      'params.turn.items[0].text: expected string, got nothing (the field is missing)',
      'params.turn.items[type=plan].text: expected string, got nothing (the field is missing)',
    ]);
  });

  it('check a capture made before instead of rebinding it, and refuse unknown placeholders', () => {
    const captures = new Captures();
    captures.set('threadId', 'thr_0');
    expect(checkPaths(message, { 'params.threadId': { capture: 'threadId' } }, captures, { bind: true })).toEqual([
      'params.threadId: expected ${threadId} = "thr_0" again, got "thr_1"',
    ]);
    expect(() => captures.substitute('${nope}')).toThrow('${nope} is used before it was captured');
  });
});
