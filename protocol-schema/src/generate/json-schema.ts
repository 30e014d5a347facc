/**
 * Builds the JSON Schema bundle of the v2 protocol from the zod schemas: one draft-07 document with a
 * definition for every named type (`.meta({ id })`) and a `methods` list derived from the method
 * tables. The output is deterministic: definitions sorted by name, methods in table order.
 */
import * as z from 'zod';
import { NoParamsSchema, type NotificationSpec, type RequestSpec } from '../define.js';
import { v2 } from '../index.js';

export type MethodDirection = 'clientRequest' | 'clientNotification' | 'serverRequest' | 'serverNotification';

/** One method of the protocol as the generated files describe it. */
export interface MethodEntry {
  readonly method: string;
  readonly direction: MethodDirection;
  /** Definition name of the params; null when the method takes none. */
  readonly params: string | null;
  /** Definition name of the result; absent for notifications. */
  readonly result?: string;
  readonly experimental: boolean;
  readonly summary: string;
}

export type JsonSchema = { [key: string]: unknown };

export interface JsonSchemaBundle {
  readonly $schema: string;
  readonly title: string;
  readonly description: string;
  readonly definitions: Record<string, JsonSchema>;
  readonly methods: readonly MethodEntry[];
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** zod writes the bounds of a safe integer on every `z.int()`; they say nothing on the wire. */
const SAFE_INTEGER_BOUNDS: Record<string, number> = {
  minimum: Number.MIN_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
};

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id') continue;
    if (SAFE_INTEGER_BOUNDS[key] === value) continue;
    out[key] = clean(value);
  }
  return out;
}

function definitionName(schema: z.ZodType, where: string): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error(`${where}: the schema has no .meta({ id }) and cannot be named`);
  return id;
}

/** Every method of the four v2 tables, in table order. */
export function listMethods(): MethodEntry[] {
  const requests = (direction: MethodDirection, table: Readonly<Record<string, RequestSpec>>) =>
    Object.entries(table).map(([method, spec]): MethodEntry => ({
      method,
      direction,
      params: spec.params === NoParamsSchema ? null : definitionName(spec.params, `${method} params`),
      result: definitionName(spec.result, `${method} result`),
      experimental: spec.experimental === true,
      summary: spec.summary,
    }));
  const notifications = (direction: MethodDirection, table: Readonly<Record<string, NotificationSpec>>) =>
    Object.entries(table).map(([method, spec]): MethodEntry => ({
      method,
      direction,
      params: spec.params === NoParamsSchema ? null : definitionName(spec.params, `${method} params`),
      experimental: spec.experimental === true,
      summary: spec.summary,
    }));
  return [
    ...requests('clientRequest', v2.clientRequests),
    ...notifications('clientNotification', v2.clientNotifications),
    ...requests('serverRequest', v2.serverRequests),
    ...notifications('serverNotification', v2.serverNotifications),
  ];
}

/** Converts every schema registered with an id into one bundle. */
export function buildJsonSchemaBundle(): JsonSchemaBundle {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-07',
    // `input` keeps plain objects open (no `additionalProperties: false`), as the wire is.
    io: 'input',
    uri: (id) => `#/definitions/${id}`,
  });
  const stray = Object.keys(schemas).filter((name) => name.startsWith('__'));
  if (stray.length > 0) throw new Error(`schemas without an id were shared between definitions: ${stray.join(', ')}`);
  const definitions: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schemas).sort()) definitions[name] = clean(schemas[name]) as JsonSchema;
  return {
    $schema: DRAFT_07,
    title: 'AgentdProtocolV2',
    description:
      'agentd wire protocol v2 (Codex app-server v2 compatible), generated from the zod schemas of ' +
      '@agentd/protocol. Run `npm run generate` after changing them.',
    definitions,
    methods: listMethods(),
  };
}

/** The bundle as it is written to disk: two-space JSON with a trailing newline. */
export function renderJsonSchemaBundle(bundle: JsonSchemaBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
