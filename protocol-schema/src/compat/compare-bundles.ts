/**
 * The breaking changes between a released protocol bundle and the current one, method by method:
 * a method, notification or server request that disappeared or became experimental, and every
 * incompatible change inside its params and result (see compare-schemas.ts for the rules).
 */
import type { JsonSchema, MethodDirection, MethodEntry } from '../generate/json-schema.js';
import { type BreakRule, type Producer, compareSchemas } from './compare-schemas.js';

/** The parts of a generated bundle the checker reads. */
export interface ProtocolBundle {
  readonly definitions: Readonly<Record<string, JsonSchema>>;
  readonly methods: readonly MethodEntry[];
}

export interface BreakingChange {
  readonly method: string;
  readonly direction: MethodDirection;
  /** `method` for the method itself; otherwise which payload changed. */
  readonly part: 'method' | 'params' | 'result';
  /** Field path inside the payload (`turn.items[type=agentMessage].text`); empty for the whole. */
  readonly field: string;
  readonly rule: BreakRule;
  /** One line naming the method, the field and what changed. */
  readonly message: string;
}

const DIRECTION_WORDS: Record<MethodDirection, string> = {
  clientRequest: 'client request',
  clientNotification: 'client notification',
  serverRequest: 'server request',
  serverNotification: 'server notification',
};

/** Who produces a method's params and its result. */
const PRODUCERS: Record<MethodDirection, { params: Producer; result: Producer }> = {
  clientRequest: { params: 'client', result: 'server' },
  clientNotification: { params: 'client', result: 'client' },
  serverRequest: { params: 'server', result: 'client' },
  serverNotification: { params: 'server', result: 'server' },
};

/** Methods without params accept a missing member, `{}` or null. */
const NO_PARAMS: JsonSchema = { anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] };

function payloadSchema(name: string | null | undefined): JsonSchema | undefined {
  if (name === undefined) return undefined;
  return name === null ? NO_PARAMS : { $ref: `#/definitions/${name}` };
}

function describe(entry: MethodEntry): string {
  return `${DIRECTION_WORDS[entry.direction]} \`${entry.method}\``;
}

function change(entry: MethodEntry, part: BreakingChange['part'], field: string, rule: BreakRule, detail: string): BreakingChange {
  const where = part === 'method' ? describe(entry) : `${describe(entry)} ${part}${field ? ` field \`${field}\`` : ''}`;
  return { method: entry.method, direction: entry.direction, part, field, rule, message: `${where}: ${detail}` };
}

/** Every breaking change from `released` to `current`; empty when old clients keep working. */
export function findBreakingChanges(released: ProtocolBundle, current: ProtocolBundle): BreakingChange[] {
  const now = new Map(current.methods.map((entry) => [`${entry.direction} ${entry.method}`, entry]));
  const changes: BreakingChange[] = [];
  for (const before of released.methods) {
    if (before.experimental) continue;
    const after = now.get(`${before.direction} ${before.method}`);
    if (!after) {
      changes.push(change(before, 'method', '', 'removed-method', 'removed (or renamed)'));
      continue;
    }
    if (after.experimental) {
      changes.push(change(before, 'method', '', 'became-experimental', 'is now experimental: clients that did not opt into `experimentalApi` lose it'));
      continue;
    }
    for (const part of ['params', 'result'] as const) {
      const oldSchema = payloadSchema(before[part]);
      const newSchema = payloadSchema(after[part]);
      if (!oldSchema) continue;
      if (!newSchema) {
        changes.push(change(before, part, '', 'removed-field', `${part} removed`));
        continue;
      }
      const breaks = compareSchemas(oldSchema, newSchema, {
        oldDefinitions: released.definitions,
        newDefinitions: current.definitions,
        producer: PRODUCERS[before.direction][part],
      });
      for (const b of breaks) changes.push(change(before, part, b.field, b.rule, b.detail));
    }
  }
  return changes;
}
