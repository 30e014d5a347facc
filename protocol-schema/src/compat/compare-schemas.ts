/**
 * Compares what one schema node allowed in a released protocol with what it allows now, from the
 * point of view of an old client.
 *
 * Which changes break depends on who produces the value:
 * - **the client** (params of client requests, answers to server requests): the server must still
 *   accept everything an old client sends, and must not silently ignore what it used to act on. A
 *   new required field, a type that accepts less, a removed enum value, null refused where it was
 *   accepted, a removed field: all break.
 * - **the server** (results, notifications, server requests): an old client must still find every
 *   field it read, with the same meaning. A removed field, a field that may now be absent, a removed
 *   enum value or union variant, a value of a kind it never saw (a number where a string was), and
 *   any change to whether a field can be null (null carried a meaning: "no exit code", "not
 *   finished") all break. New enum values, new union variants (new item types) and new fields do
 *   not: clients must tolerate them (protocol-schema/README.md).
 *
 * Fields and schemas marked experimental in the release are outside the promise and may change.
 */
import type { JsonSchema } from '../generate/json-schema.js';
import { type Definitions, type ObjectVariant, type Shape, constantOf, kindsOf, shapeOf } from './schema-shape.js';

/** Who produces values of the compared schema. */
export type Producer = 'client' | 'server';

export type BreakRule =
  | 'removed-method'
  | 'became-experimental'
  | 'removed-field'
  | 'field-now-optional'
  | 'new-required-field'
  | 'field-now-required'
  | 'narrowed-type'
  | 'widened-type'
  | 'removed-enum-value'
  | 'removed-variant'
  | 'null-meaning';

/** One incompatibility inside a schema, at a field path such as `turn.items[type=agentMessage].text`. */
export interface SchemaBreak {
  readonly rule: BreakRule;
  /** Dotted path inside the compared schema; empty for the schema as a whole. */
  readonly field: string;
  readonly detail: string;
}

interface Context {
  readonly oldDefinitions: Definitions;
  readonly newDefinitions: Definitions;
  readonly producer: Producer;
  readonly breaks: SchemaBreak[];
  /** Pairs of definitions already compared (recursive types such as a sub-agent's thread). */
  readonly seen: Set<string>;
}

function list(values: Iterable<unknown>): string {
  return [...values].map((v) => JSON.stringify(v)).join(', ');
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function report(ctx: Context, rule: BreakRule, field: string, detail: string): void {
  ctx.breaks.push({ rule, field, detail });
}

const KIND_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

/** Compares two schema nodes; every incompatibility found is returned. */
export function compareSchemas(
  oldNode: JsonSchema,
  newNode: JsonSchema,
  options: { oldDefinitions: Definitions; newDefinitions: Definitions; producer: Producer; field?: string },
): SchemaBreak[] {
  const ctx: Context = { ...options, breaks: [], seen: new Set() };
  compareNodes(ctx, oldNode, newNode, options.field ?? '');
  return ctx.breaks;
}

function compareNodes(ctx: Context, oldNode: JsonSchema, newNode: JsonSchema, path: string): void {
  const before = shapeOf(oldNode, ctx.oldDefinitions);
  const after = shapeOf(newNode, ctx.newDefinitions);
  if (before.experimental) return;
  if (after.experimental && ctx.producer === 'client') {
    report(ctx, 'became-experimental', path, 'is now experimental: clients that did not opt into `experimentalApi` are refused');
    return;
  }
  const oldRef = before.refs.at(-1);
  const newRef = after.refs.at(-1);
  if (oldRef !== undefined && newRef !== undefined) {
    const key = `${oldRef}→${newRef}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  compareShapes(ctx, before, after, path);
}

function compareShapes(ctx: Context, before: Shape, after: Shape, path: string): void {
  const client = ctx.producer === 'client';
  if (before.any) {
    if (client && !after.any) report(ctx, 'narrowed-type', path, `accepted any value, now only ${kindsOf(after).join(' | ') || 'null'}`);
    return;
  }
  if (after.any) {
    if (!client) report(ctx, 'widened-type', path, `may now be any value, where it was ${kindsOf(before).join(' | ')}`);
    return;
  }
  if (before.nullable && !after.nullable) {
    report(ctx, 'null-meaning', path, client ? 'no longer accepts null' : 'could be null and no longer is: what null meant is lost');
  } else if (!before.nullable && after.nullable && !client) {
    report(ctx, 'null-meaning', path, 'may now be null, which old clients never received here');
  }
  const oldKinds = kindsOf(before);
  const newKinds = kindsOf(after);
  for (const kind of oldKinds) {
    if (!newKinds.includes(kind)) {
      report(ctx, 'narrowed-type', path, `${client ? 'no longer accepts' : 'is no longer sent as'} ${KIND_WORDS[kind]} (was ${oldKinds.join(' | ')}, now ${newKinds.join(' | ') || 'null'})`);
    }
  }
  for (const kind of newKinds) {
    if (!oldKinds.includes(kind) && !client) {
      report(ctx, 'widened-type', path, `may now be ${KIND_WORDS[kind]} (was ${oldKinds.join(' | ')}, now ${newKinds.join(' | ')})`);
    }
  }
  compareStrings(ctx, before, after, path);
  compareNumbers(ctx, before, after, path);
  compareBooleans(ctx, before, after, path);
  compareArrays(ctx, before, after, path);
  compareObjectVariants(ctx, before.objects, after.objects, path);
}

function compareStrings(ctx: Context, before: Shape, after: Shape, path: string): void {
  const [o, n] = [before.string, after.string];
  if (!o || !n) return;
  const client = ctx.producer === 'client';
  if (o.values && n.values) {
    const removed = [...o.values].filter((v) => !n.values!.has(v));
    if (removed.length > 0) report(ctx, 'removed-enum-value', path, `enum value${removed.length > 1 ? 's' : ''} ${list(removed)} removed`);
  } else if (!o.values && n.values && client) {
    report(ctx, 'narrowed-type', path, `accepted any string, now only ${list(n.values)}`);
  }
  if (!client) return;
  if (n.pattern !== undefined && n.pattern !== o.pattern) report(ctx, 'narrowed-type', path, `must now match /${n.pattern}/`);
  if ((n.minLength ?? 0) > (o.minLength ?? 0)) report(ctx, 'narrowed-type', path, `must now be at least ${n.minLength} characters`);
  if (n.maxLength !== undefined && n.maxLength < (o.maxLength ?? Infinity)) {
    report(ctx, 'narrowed-type', path, `must now be at most ${n.maxLength} characters`);
  }
}

function compareNumbers(ctx: Context, before: Shape, after: Shape, path: string): void {
  const [o, n] = [before.number, after.number];
  if (!o || !n) return;
  const client = ctx.producer === 'client';
  if (client && !o.integer && n.integer) report(ctx, 'narrowed-type', path, 'accepted any number, now only integers');
  if (!client && o.integer && !n.integer) report(ctx, 'widened-type', path, 'was an integer, may now have a fraction');
  const lowerRaised = (n.minimum ?? -Infinity) > (o.minimum ?? -Infinity);
  const upperLowered = (n.maximum ?? Infinity) < (o.maximum ?? Infinity);
  if (client && (lowerRaised || upperLowered)) {
    report(ctx, 'narrowed-type', path, `range narrowed from [${o.minimum ?? '-∞'}, ${o.maximum ?? '∞'}] to [${n.minimum ?? '-∞'}, ${n.maximum ?? '∞'}]`);
  }
  const lowerDropped = (n.minimum ?? -Infinity) < (o.minimum ?? -Infinity);
  const upperRaised = (n.maximum ?? Infinity) > (o.maximum ?? Infinity);
  if (!client && (lowerDropped || upperRaised)) {
    report(ctx, 'widened-type', path, `range widened from [${o.minimum ?? '-∞'}, ${o.maximum ?? '∞'}] to [${n.minimum ?? '-∞'}, ${n.maximum ?? '∞'}]`);
  }
}

function compareBooleans(ctx: Context, before: Shape, after: Shape, path: string): void {
  const [o, n] = [before.boolean, after.boolean];
  if (!o || !n) return;
  const both = new Set([true, false]);
  const kept = n.values ?? both;
  const removed = [...(o.values ?? both)].filter((v) => !kept.has(v));
  if (removed.length > 0) report(ctx, 'removed-enum-value', path, `value${removed.length > 1 ? 's' : ''} ${list(removed)} removed`);
}

function compareArrays(ctx: Context, before: Shape, after: Shape, path: string): void {
  const [o, n] = [before.array, after.array];
  if (!o || !n) return;
  const itemPath = `${path}[]`;
  if (o.items.length === 1 && n.items.length >= 1) {
    for (const item of n.items) compareNodes(ctx, o.items[0]!, item, itemPath);
  } else {
    o.items.forEach((item, i) => {
      const counterpart = n.items[i];
      if (counterpart) compareNodes(ctx, item, counterpart, `${path}[${i}]`);
      else report(ctx, 'removed-field', `${path}[${i}]`, 'tuple position removed');
    });
  }
  if (ctx.producer === 'client') {
    if ((n.minItems ?? 0) > (o.minItems ?? 0)) report(ctx, 'narrowed-type', path, `must now hold at least ${n.minItems} items`);
    if (n.maxItems !== undefined && n.maxItems < (o.maxItems ?? Infinity)) report(ctx, 'narrowed-type', path, `must now hold at most ${n.maxItems} items`);
  }
}

// ---- objects and tagged unions -----------------------------------------------------------------

/** A property every variant fixes to a distinct constant: the tag of a union (`type`, `kind`...). */
function discriminatorOf(variants: readonly ObjectVariant[], definitions: Definitions): string | undefined {
  if (variants.length < 2) return undefined;
  const candidates = Object.keys(variants[0]!.properties);
  for (const name of candidates) {
    const values = variants.map((v) => (v.properties[name] ? constantOf(v.properties[name], definitions) : undefined));
    if (values.every((v) => v !== undefined) && new Set(values).size === values.length) return name;
  }
  return undefined;
}

/** Externally tagged variants (`{"thread_spawn": {...}}`): one required key each, all different. */
function externalTagOf(variant: ObjectVariant): string | undefined {
  const keys = Object.keys(variant.properties);
  return keys.length === 1 && variant.required.has(keys[0]!) ? keys[0] : undefined;
}

function variantKeys(variants: readonly ObjectVariant[], definitions: Definitions, tag: string | undefined): (string | undefined)[] {
  if (tag !== undefined) {
    return variants.map((v) => {
      const value = v.properties[tag] ? constantOf(v.properties[tag], definitions) : undefined;
      return value === undefined ? undefined : `${tag}=${value}`;
    });
  }
  const external = variants.map(externalTagOf);
  if (variants.length > 1 && external.every((k) => k !== undefined) && new Set(external).size === external.length) return external;
  return variants.map(() => undefined);
}

function mergeVariants(variants: readonly ObjectVariant[]): ObjectVariant {
  if (variants.length === 1) return variants[0]!;
  const properties: Record<string, JsonSchema> = {};
  for (const variant of variants) {
    for (const [name, schema] of Object.entries(variant.properties)) {
      const previous = properties[name];
      properties[name] = previous === undefined ? schema : { anyOf: [previous, schema] };
    }
  }
  const required = new Set([...(variants[0]?.required ?? [])].filter((name) => variants.every((v) => v.required.has(name))));
  return { properties, required, additional: variants.find((v) => v.additional)?.additional };
}

function compareObjectVariants(ctx: Context, before: readonly ObjectVariant[], after: readonly ObjectVariant[], path: string): void {
  if (before.length === 0 || after.length === 0) return;
  const tag = discriminatorOf(before, ctx.oldDefinitions) ?? discriminatorOf(after, ctx.newDefinitions);
  const oldKeys = variantKeys(before, ctx.oldDefinitions, tag);
  const newKeys = variantKeys(after, ctx.newDefinitions, tag);
  const keyed = oldKeys.every((k) => k !== undefined) && newKeys.every((k) => k !== undefined);
  if (!keyed) {
    compareObjects(ctx, mergeVariants(before), mergeVariants(after), path);
    return;
  }
  before.forEach((variant, i) => {
    const key = oldKeys[i]!;
    const j = newKeys.indexOf(key);
    const label = `${path}[${key}]`;
    if (j < 0) {
      report(ctx, 'removed-variant', label, `variant \`${key}\` removed`);
      return;
    }
    compareObjects(ctx, variant, after[j]!, label);
  });
}

function compareObjects(ctx: Context, before: ObjectVariant, after: ObjectVariant, path: string): void {
  const client = ctx.producer === 'client';
  for (const [name, oldSchema] of Object.entries(before.properties)) {
    const field = join(path, name);
    if (shapeOf(oldSchema, ctx.oldDefinitions).experimental) continue;
    const newSchema = after.properties[name];
    if (newSchema === undefined) {
      report(
        ctx,
        'removed-field',
        field,
        client
          ? 'field removed or renamed: the server would silently ignore what old clients send in it'
          : 'field removed or renamed: old clients no longer find it',
      );
      continue;
    }
    const wasRequired = before.required.has(name);
    const isRequired = after.required.has(name);
    if (!client && wasRequired && !isRequired) report(ctx, 'field-now-optional', field, 'was always present, may now be absent');
    if (client && !wasRequired && isRequired) report(ctx, 'field-now-required', field, 'was optional, is now required');
    compareNodes(ctx, oldSchema, newSchema, field);
  }
  for (const name of Object.keys(after.properties)) {
    if (client && !(name in before.properties) && after.required.has(name)) {
      report(ctx, 'new-required-field', join(path, name), 'new required field: old clients do not send it');
    }
  }
  if (before.additional && after.additional) compareNodes(ctx, before.additional, after.additional, join(path, '*'));
}
