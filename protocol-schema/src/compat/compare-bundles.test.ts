/**
 * The breaking-change checker on small synthetic protocols: each deliberate break is found and named
 * by method and field; additive changes pass.
 */
import { describe, expect, it } from 'vitest';
import type { JsonSchema, MethodEntry } from '../generate/json-schema.js';
import { type BreakingChange, type ProtocolBundle, findBreakingChanges } from './compare-bundles.js';

type Definitions = Record<string, JsonSchema>;

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** A tiny protocol in the generator's shape: one request, one notification, one server request. */
function baseline(): ProtocolBundle & { definitions: Definitions; methods: MethodEntry[] } {
  return {
    definitions: {
      TurnStatus: { type: 'string', enum: ['completed', 'interrupted', 'failed', 'inProgress'] },
      Turn: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          status: ref('TurnStatus'),
          error: nullable({ type: 'string' }),
          items: { type: 'array', items: ref('ThreadItem') },
        },
        required: ['id', 'status', 'error', 'items'],
      },
      ThreadItem: {
        oneOf: [
          {
            type: 'object',
            properties: { type: { type: 'string', const: 'agentMessage' }, id: { type: 'string' }, text: { type: 'string' } },
            required: ['type', 'id', 'text'],
          },
          {
            type: 'object',
            properties: {
              type: { type: 'string', const: 'commandExecution' },
              id: { type: 'string' },
              exitCode: nullable({ type: 'integer' }),
            },
            required: ['type', 'id', 'exitCode'],
          },
        ],
      },
      TurnStartParams: {
        type: 'object',
        properties: {
          threadId: { type: 'string' },
          input: { type: 'array', items: { type: 'string' } },
          effort: nullable({ type: 'string', enum: ['low', 'medium', 'high'] }),
          afterSeq: { type: 'integer', minimum: 0, experimental: true },
        },
        required: ['threadId', 'input'],
      },
      TurnStartResponse: { type: 'object', properties: { turn: ref('Turn') }, required: ['turn'] },
      TurnCompletedNotification: {
        type: 'object',
        properties: { threadId: { type: 'string' }, turn: ref('Turn') },
        required: ['threadId', 'turn'],
      },
      ApprovalParams: {
        type: 'object',
        properties: { itemId: { type: 'string' }, command: { type: 'string' } },
        required: ['itemId', 'command'],
      },
      ApprovalResponse: {
        type: 'object',
        properties: { decision: { type: 'string', enum: ['accept', 'decline', 'cancel'] } },
        required: ['decision'],
      },
    },
    methods: [
      { method: 'turn/start', direction: 'clientRequest', params: 'TurnStartParams', result: 'TurnStartResponse', experimental: false, summary: '' },
      { method: 'initialized', direction: 'clientNotification', params: null, experimental: false, summary: '' },
      { method: 'item/commandExecution/requestApproval', direction: 'serverRequest', params: 'ApprovalParams', result: 'ApprovalResponse', experimental: false, summary: '' },
      { method: 'turn/completed', direction: 'serverNotification', params: 'TurnCompletedNotification', experimental: false, summary: '' },
    ],
  };
}

/** Applies `edit` to a fresh copy of the baseline and returns the breaking changes. */
function breaksAfter(edit: (next: ReturnType<typeof baseline>) => void): BreakingChange[] {
  const next = baseline();
  edit(next);
  return findBreakingChanges(baseline(), next);
}

function props(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return schema!.properties as Record<string, JsonSchema>;
}

function messages(breaks: BreakingChange[]): string[] {
  return breaks.map((b) => b.message);
}

describe('breaking changes are found and named', () => {
  it('a field removed from a notification', () => {
    const breaks = breaksAfter((p) => {
      delete props(p.definitions.Turn).status;
      p.definitions.Turn!.required = ['id', 'error', 'items'];
    });
    // Turn is also the result of turn/start: both methods lose the field.
    expect(messages(breaks)).toEqual([
      'client request `turn/start` result field `turn.status`: field removed or renamed: old clients no longer find it',
      'server notification `turn/completed` params field `turn.status`: field removed or renamed: old clients no longer find it',
    ]);
    expect(breaks.every((b) => b.rule === 'removed-field' && b.field === 'turn.status')).toBe(true);
  });

  it('a field renamed inside a union variant of a notification', () => {
    const breaks = breaksAfter((p) => {
      const command = (p.definitions.ThreadItem!.oneOf as JsonSchema[])[1]!;
      props(command).exit_code = props(command).exitCode!;
      delete props(command).exitCode;
      command.required = ['type', 'id', 'exit_code'];
    });
    expect(messages(breaks)).toContain(
      'server notification `turn/completed` params field `turn.items[][type=commandExecution].exitCode`: field removed or renamed: old clients no longer find it',
    );
  });

  it('a new required param', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.TurnStartParams).cwd = { type: 'string' };
      p.definitions.TurnStartParams!.required = ['threadId', 'input', 'cwd'];
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` params field `cwd`: new required field: old clients do not send it',
    ]);
    expect(breaks[0]).toMatchObject({ method: 'turn/start', part: 'params', field: 'cwd', rule: 'new-required-field' });
  });

  it('an optional param made required', () => {
    const breaks = breaksAfter((p) => {
      p.definitions.TurnStartParams!.required = ['threadId', 'input', 'effort'];
    });
    expect(messages(breaks)).toContain('client request `turn/start` params field `effort`: was optional, is now required');
  });

  it('an enum value removed from a notification field', () => {
    const breaks = breaksAfter((p) => {
      p.definitions.TurnStatus!.enum = ['completed', 'failed', 'inProgress'];
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` result field `turn.status`: enum value "interrupted" removed',
      'server notification `turn/completed` params field `turn.status`: enum value "interrupted" removed',
    ]);
    expect(breaks.every((b) => b.rule === 'removed-enum-value')).toBe(true);
  });

  it('an enum value removed from a param and from an answer the client gives', () => {
    const breaks = breaksAfter((p) => {
      const effort = props(p.definitions.TurnStartParams).effort!;
      (effort.anyOf as JsonSchema[])[0]!.enum = ['low', 'high'];
      props(p.definitions.ApprovalResponse).decision!.enum = ['accept', 'decline'];
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` params field `effort`: enum value "medium" removed',
      'server request `item/commandExecution/requestApproval` result field `decision`: enum value "cancel" removed',
    ]);
  });

  it('a removed method, notification and server request', () => {
    const breaks = breaksAfter((p) => {
      p.methods = p.methods.filter((m) => m.method === 'initialized');
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start`: removed (or renamed)',
      'server request `item/commandExecution/requestApproval`: removed (or renamed)',
      'server notification `turn/completed`: removed (or renamed)',
    ]);
  });

  it('a method moved behind experimentalApi', () => {
    const breaks = breaksAfter((p) => {
      p.methods[0] = { ...p.methods[0]!, experimental: true };
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start`: is now experimental: clients that did not opt into `experimentalApi` lose it',
    ]);
  });

  it('a narrowed param type', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.TurnStartParams).input = { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 10 };
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` params field `input[]`: must now be at least 1 characters',
      'client request `turn/start` params field `input`: must now hold at most 10 items',
    ]);
  });

  it('a param that no longer accepts null', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.TurnStartParams).effort = { type: 'string', enum: ['low', 'medium', 'high'] };
    });
    expect(messages(breaks)).toEqual(['client request `turn/start` params field `effort`: no longer accepts null']);
  });

  it('the meaning of null changed in an outbound field, both ways', () => {
    const nonNull = breaksAfter((p) => {
      const command = (p.definitions.ThreadItem!.oneOf as JsonSchema[])[1]!;
      props(command).exitCode = { type: 'integer' };
    });
    expect(messages(nonNull)).toContain(
      'server notification `turn/completed` params field `turn.items[][type=commandExecution].exitCode`: could be null and no longer is: what null meant is lost',
    );
    const nowNull = breaksAfter((p) => {
      props(p.definitions.Turn).id = nullable({ type: 'string' });
    });
    expect(messages(nowNull)).toContain(
      'server notification `turn/completed` params field `turn.id`: may now be null, which old clients never received here',
    );
  });

  it('an outbound field that may now be absent or of another kind', () => {
    const breaks = breaksAfter((p) => {
      p.definitions.Turn!.required = ['status', 'error', 'items'];
      props(p.definitions.ApprovalParams).command = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` result field `turn.id`: was always present, may now be absent',
      'server request `item/commandExecution/requestApproval` params field `command`: may now be an array (was string, now string | array)',
      'server notification `turn/completed` params field `turn.id`: was always present, may now be absent',
    ]);
  });

  it('a removed union variant', () => {
    const breaks = breaksAfter((p) => {
      p.definitions.ThreadItem!.oneOf = [(p.definitions.ThreadItem!.oneOf as JsonSchema[])[0]!];
    });
    expect(messages(breaks)).toContain(
      'server notification `turn/completed` params field `turn.items[][type=commandExecution]`: variant `type=commandExecution` removed',
    );
  });

  it('a no-params notification that starts to require params', () => {
    const breaks = breaksAfter((p) => {
      p.definitions.InitializedParams = { type: 'object', properties: { at: { type: 'integer' } }, required: ['at'] };
      p.methods[1] = { ...p.methods[1]!, params: 'InitializedParams' };
    });
    expect(messages(breaks)).toEqual([
      'client notification `initialized` params: no longer accepts null',
      'client notification `initialized` params field `at`: new required field: old clients do not send it',
    ]);
  });
});

describe('additive changes pass', () => {
  it('new optional fields, new methods, new enum values, new item types, wider params', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.TurnStartParams).cwd = nullable({ type: 'string' });
      props(p.definitions.Turn).durationMs = { type: 'integer' };
      p.definitions.Turn!.required = [...(p.definitions.Turn!.required as string[]), 'durationMs'];
      props(p.definitions.TurnCompletedNotification).seq = { type: 'integer', minimum: 0 };
      p.definitions.TurnStatus!.enum = ['completed', 'interrupted', 'failed', 'inProgress', 'paused'];
      props(p.definitions.ApprovalResponse).decision!.enum = ['accept', 'acceptForSession', 'decline', 'cancel'];
      (p.definitions.ThreadItem!.oneOf as JsonSchema[]).push({
        type: 'object',
        properties: { type: { type: 'string', const: 'plan' }, id: { type: 'string' } },
        required: ['type', 'id'],
      });
      props(p.definitions.TurnStartParams).input = { type: 'array', items: { type: ['string', 'object'] } };
      p.definitions.ThreadReadParams = { type: 'object', properties: { threadId: { type: 'string' } }, required: ['threadId'] };
      p.methods.push(
        { method: 'thread/read', direction: 'clientRequest', params: 'ThreadReadParams', result: 'Turn', experimental: false, summary: '' },
        { method: 'turn/paused', direction: 'serverNotification', params: 'TurnCompletedNotification', experimental: false, summary: '' },
      );
    });
    expect(breaks).toEqual([]);
  });

  it('changes to experimental fields and methods', () => {
    const before = baseline();
    before.methods.push({ method: 'thread/sample', direction: 'clientRequest', params: null, result: 'Turn', experimental: true, summary: '' });
    const after = baseline();
    delete props(after.definitions.TurnStartParams).afterSeq;
    expect(findBreakingChanges(before, after)).toEqual([]);
  });

  it('the same schema spelled differently', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.Turn).error = { type: ['string', 'null'] };
      props(p.definitions.TurnCompletedNotification).turn = { description: 'The turn.', allOf: [ref('Turn')] };
    });
    expect(breaks).toEqual([]);
  });
});

describe('a field made experimental', () => {
  it('is a break for params old clients send', () => {
    const breaks = breaksAfter((p) => {
      props(p.definitions.TurnStartParams).effort = { ...props(p.definitions.TurnStartParams).effort!, experimental: true };
    });
    expect(messages(breaks)).toEqual([
      'client request `turn/start` params field `effort`: is now experimental: clients that did not opt into `experimentalApi` are refused',
    ]);
  });
});
