import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProtocolValidator } from './protocol-validator.js';

const EXAMPLES = new URL('../fixtures/codex-protocol/examples/', import.meta.url);

interface TranscriptLine {
  t: number;
  dir: 'c->s' | 's->c';
  line: string;
}

function transcript(name: string): TranscriptLine[] {
  return readFileSync(new URL(name, EXAMPLES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TranscriptLine);
}

/** Runs a recorded session through the validator the way the driver does. */
function problemsIn(lines: TranscriptLine[]): string[] {
  const v = new ProtocolValidator();
  const methods = new Map<unknown, string>();
  const problems: string[] = [];
  for (const { dir, line } of lines) {
    const msg = JSON.parse(line) as { id?: unknown; method?: string; error?: unknown };
    if (dir === 'c->s') {
      if (msg.method !== undefined && msg.id !== undefined) methods.set(msg.id, msg.method);
      continue;
    }
    const found =
      msg.method !== undefined
        ? msg.id !== undefined
          ? v.serverRequest(msg.method, msg)
          : v.notification(msg.method, msg)
        : msg.error !== undefined
          ? v.errorResponse(msg)
          : v.response(methods.get(msg.id) ?? '?', msg);
    problems.push(...found.map((p) => `${line.slice(0, 80)}: ${p}`));
  }
  return problems;
}

const APPROVAL = {
  id: 0,
  method: 'item/commandExecution/requestApproval',
  params: { threadId: 't', turnId: 'u', itemId: 'call_1', startedAtMs: 1, command: 'ls', cwd: '/tmp' },
};

describe('ProtocolValidator', () => {
  it.each(['approval-turn.transcript.jsonl', 'resume-and-second-turn.transcript.jsonl'])(
    'accepts everything the reference server sent in %s',
    (name) => {
      const lines = transcript(name);
      expect(lines.filter((l) => l.dir === 's->c').length).toBeGreaterThan(20);
      expect(problemsIn(lines)).toEqual([]);
    },
  );

  it('names the field when a notification breaks its branch', () => {
    const v = new ProtocolValidator();
    const bad = { method: 'turn/completed', params: { threadId: 't', turn: { id: 'x', items: [], status: 'finished' } } };
    const [problem, ...rest] = v.notification('turn/completed', bad);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/\/params\/turn/);
    expect(v.notification('thread/status/changed', { method: 'thread/status/changed', params: { threadId: 't', status: { type: 'idle' } }, emittedAtMs: 1 })).toEqual([]);
    expect(v.notification('thread/status/changed', { method: 'thread/status/changed', params: { threadId: 't', status: { type: 'idle' } }, emittedAtMs: 1.5 })).toHaveLength(1);
  });

  it('rejects unknown methods unless allow-listed', () => {
    const strict = new ProtocolValidator();
    expect(strict.notification('thread/teleported', { method: 'thread/teleported', params: {} })).toEqual([
      'unknown notification method "thread/teleported" (not in the reference schema nor the agentd extension allow-list)',
    ]);
    expect(strict.serverRequest('item/teleport/requestApproval', { id: 1, method: 'x', params: {} })[0]).toMatch(/unknown server request method/);
    expect(strict.response('thread/teleport', { id: 1, result: {} })[0]).toMatch(/neither a reference method nor an agentd extension/);

    const lenient = new ProtocolValidator({ notifications: ['thread/teleported'], requests: ['thread/teleport'] });
    expect(lenient.notification('thread/teleported', { method: 'thread/teleported', params: {} })).toEqual([]);
    expect(lenient.response('thread/teleport', { id: 1, result: {} })).toEqual([]);
  });

  it('validates server requests', () => {
    const v = new ProtocolValidator();
    expect(v.serverRequest(APPROVAL.method, APPROVAL)).toEqual([]);
    const { command: _c, ...withoutThread } = { ...APPROVAL.params, threadId: undefined };
    expect(v.serverRequest(APPROVAL.method, { ...APPROVAL, params: withoutThread })[0]).toMatch(/threadId/);
  });

  it('validates results against the XxxResponse of the request params type', () => {
    const v = new ProtocolValidator();
    const init = { userAgent: 'a', codexHome: '/h', platformFamily: 'unix', platformOs: 'linux' };
    expect(v.response('initialize', { id: 1, result: init })).toEqual([]);
    expect(v.response('initialize', { id: 1, result: { ...init, codexHome: undefined } })[0]).toMatch(/codexHome/);
    expect(v.response('turn/interrupt', { id: 2, result: {} })).toEqual([]);
    expect(v.response('turn/start', { id: 3, result: {} })[0]).toMatch(/turn/);
    // Params of `null` in the reference: the response type comes from the override table.
    expect(v.response('account/logout', { id: 4, result: {} })).toEqual([]);
    expect(v.response('turn/start', { id: null, result: {} }).join()).toMatch(/\/id/);
  });

  it('checks error responses: id never null, no stack traces', () => {
    const v = new ProtocolValidator();
    expect(v.errorResponse({ id: 1, error: { code: -32600, message: 'Not initialized' } })).toEqual([]);
    expect(v.errorResponse({ id: 'a', error: { code: -32602, message: 'Invalid params', data: [{ path: ['x'] }] } })).toEqual([]);
    expect(v.errorResponse({ id: null, error: { code: -32700, message: 'Parse error' } })).toHaveLength(1);
    expect(v.errorResponse({ id: 1, error: { code: '-32600', message: 'x' } })[0]).toMatch(/code/);
    const trace = 'boom\n    at Object.<anonymous> (/src/x.ts:1:2)\n    at run (node:internal/x:3:4)';
    expect(v.errorResponse({ id: 1, error: { code: -32603, message: trace } })).toEqual(['error message contains a stack trace']);
  });
});
