/**
 * What a JSON Schema node of a generated bundle allows, flattened into one shape the breaking-change
 * checker can compare: which kinds of value (string, number, ...), which enum values, whether null
 * is allowed, and for objects their variants with properties. `$ref`, `allOf`, `anyOf`, `oneOf`,
 * `type` arrays, `enum` and `const` are all folded in, so two schemas that zod happens to spell
 * differently compare equal when they allow the same values.
 */
import type { JsonSchema } from '../generate/json-schema.js';

export type Definitions = Readonly<Record<string, JsonSchema>>;

export type ValueKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface StringShape {
  /** The allowed values; undefined when any string is allowed. */
  readonly values: ReadonlySet<string> | undefined;
  readonly pattern: string | undefined;
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
}

export interface NumberShape {
  readonly integer: boolean;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
}

export interface BooleanShape {
  /** The allowed values; undefined when both are. */
  readonly values: ReadonlySet<boolean> | undefined;
}

export interface ArrayShape {
  /** The schemas of the items (one for a plain array, one per position for a tuple). */
  readonly items: readonly JsonSchema[];
  readonly minItems: number | undefined;
  readonly maxItems: number | undefined;
}

export interface ObjectVariant {
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: ReadonlySet<string>;
  /** The schema of extra keys for a map (`Record<string, T>`); undefined for plain objects. */
  readonly additional: JsonSchema | undefined;
}

export interface Shape {
  /** No constraint on the value at all (`{}`). */
  readonly any: boolean;
  readonly nullable: boolean;
  /** Marked with `experimental()`: behind `experimentalApi`, outside the compatibility promise. */
  readonly experimental: boolean;
  readonly string: StringShape | undefined;
  readonly number: NumberShape | undefined;
  readonly boolean: BooleanShape | undefined;
  readonly array: ArrayShape | undefined;
  /** The object variants of a union (one for a plain object). */
  readonly objects: readonly ObjectVariant[];
  /** The definitions this node went through, innermost last (for the recursion guard). */
  readonly refs: readonly string[];
}

const REF_PREFIX = '#/definitions/';

/** Value kinds a shape allows, in a fixed order. */
export function kindsOf(shape: Shape): ValueKind[] {
  const kinds: ValueKind[] = [];
  if (shape.string) kinds.push('string');
  if (shape.number) kinds.push('number');
  if (shape.boolean) kinds.push('boolean');
  if (shape.array) kinds.push('array');
  if (shape.objects.length > 0) kinds.push('object');
  return kinds;
}

type Atom =
  | { kind: 'any' }
  | { kind: 'null' }
  | { kind: 'string'; values?: string[]; pattern?: string; minLength?: number; maxLength?: number }
  | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
  | { kind: 'boolean'; values?: boolean[] }
  | { kind: 'array'; items: JsonSchema[]; minItems?: number; maxItems?: number }
  | { kind: 'object'; variant: ObjectVariant };

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Follows `$ref`s; returns the definition reached and the names passed through. */
export function resolve(node: JsonSchema, definitions: Definitions): { node: JsonSchema; refs: string[] } {
  const refs: string[] = [];
  let current = node;
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}: only #/definitions/... is understood`);
    const name = ref.slice(REF_PREFIX.length);
    if (refs.includes(name)) throw new Error(`$ref cycle through ${refs.join(' → ')} → ${name}`);
    const target = definitions[name];
    if (!target) throw new Error(`$ref to a missing definition: ${name}`);
    refs.push(name);
    current = target;
  }
  return { node: current, refs };
}

function atomsOfValue(value: unknown): Atom {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string', values: [value] };
  if (typeof value === 'boolean') return { kind: 'boolean', values: [value] };
  if (typeof value === 'number') return { kind: 'number', integer: Number.isInteger(value), minimum: value, maximum: value };
  if (Array.isArray(value)) return { kind: 'array', items: [] };
  return { kind: 'object', variant: { properties: {}, required: new Set(), additional: undefined } };
}

function objectAtom(node: JsonSchema): Atom {
  const properties: Record<string, JsonSchema> = {};
  if (isSchema(node.properties)) {
    for (const [name, schema] of Object.entries(node.properties)) if (isSchema(schema)) properties[name] = schema;
  }
  const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
  const additional = isSchema(node.additionalProperties) ? node.additionalProperties : undefined;
  return { kind: 'object', variant: { properties, required, additional } };
}

function atomsOfType(type: string, node: JsonSchema): Atom[] {
  switch (type) {
    case 'null':
      return [{ kind: 'null' }];
    case 'string': {
      const atom: Atom = { kind: 'string' };
      if (typeof node.pattern === 'string') atom.pattern = node.pattern;
      const minLength = numberOrUndefined(node.minLength);
      const maxLength = numberOrUndefined(node.maxLength);
      if (minLength !== undefined) atom.minLength = minLength;
      if (maxLength !== undefined) atom.maxLength = maxLength;
      return [atom];
    }
    case 'integer':
    case 'number': {
      const atom: Atom = { kind: 'number', integer: type === 'integer' };
      const minimum = numberOrUndefined(node.minimum) ?? numberOrUndefined(node.exclusiveMinimum);
      const maximum = numberOrUndefined(node.maximum) ?? numberOrUndefined(node.exclusiveMaximum);
      if (minimum !== undefined) atom.minimum = minimum;
      if (maximum !== undefined) atom.maximum = maximum;
      return [atom];
    }
    case 'boolean':
      return [{ kind: 'boolean' }];
    case 'array': {
      const items = Array.isArray(node.items) ? node.items.filter(isSchema) : isSchema(node.items) ? [node.items] : [{}];
      const atom: Atom = { kind: 'array', items };
      const minItems = numberOrUndefined(node.minItems);
      const maxItems = numberOrUndefined(node.maxItems);
      if (minItems !== undefined) atom.minItems = minItems;
      if (maxItems !== undefined) atom.maxItems = maxItems;
      return [atom];
    }
    case 'object':
      return [objectAtom(node)];
    default:
      throw new Error(`unsupported JSON Schema type ${JSON.stringify(type)}`);
  }
}

/** Merges the object parts of an `allOf` into one object; anything else must stand alone. */
function atomsOfAllOf(parts: JsonSchema[], definitions: Definitions, seen: string[]): Atom[] {
  const lists = parts.map((part) => atomsOf(part, definitions, seen));
  if (lists.length === 1) return lists[0]!;
  const objects = lists.map((atoms) => (atoms.length === 1 && atoms[0]!.kind === 'object' ? atoms[0]!.variant : undefined));
  if (objects.some((o) => o === undefined)) {
    throw new Error('unsupported allOf: only a single schema or objects to merge are understood');
  }
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const variant of objects as ObjectVariant[]) {
    Object.assign(properties, variant.properties);
    for (const name of variant.required) required.add(name);
  }
  return [{ kind: 'object', variant: { properties, required, additional: undefined } }];
}

function atomsOf(node: JsonSchema, definitions: Definitions, seen: string[]): Atom[] {
  const { node: target, refs } = resolve(node, definitions);
  seen.push(...refs);
  if (Array.isArray(target.allOf)) return atomsOfAllOf(target.allOf.filter(isSchema), definitions, seen);
  const union = Array.isArray(target.anyOf) ? target.anyOf : Array.isArray(target.oneOf) ? target.oneOf : undefined;
  if (union) return union.filter(isSchema).flatMap((option) => atomsOf(option, definitions, []));
  if ('const' in target) return [atomsOfValue(target.const)];
  if (Array.isArray(target.enum)) return target.enum.map(atomsOfValue);
  if (typeof target.type === 'string') return atomsOfType(target.type, target);
  if (Array.isArray(target.type)) return target.type.flatMap((type) => atomsOfType(String(type), target));
  if (isSchema(target.properties)) return [objectAtom(target)];
  return [{ kind: 'any' }];
}

function isMarkedExperimental(node: JsonSchema, definitions: Definitions): boolean {
  if (node.experimental === true) return true;
  const { node: target } = resolve(node, definitions);
  if (target.experimental === true) return true;
  return Array.isArray(target.allOf) && target.allOf.some((part) => isSchema(part) && part.experimental === true);
}

function unionOf<T>(lists: readonly (readonly T[] | undefined)[]): Set<T> | undefined {
  const out = new Set<T>();
  for (const list of lists) {
    if (list === undefined) return undefined;
    for (const value of list) out.add(value);
  }
  return out;
}

function extreme(values: readonly (number | undefined)[], pick: (a: number, b: number) => number): number | undefined {
  let result: number | undefined;
  for (const value of values) {
    if (value === undefined) return undefined;
    result = result === undefined ? value : pick(result, value);
  }
  return result;
}

/** Shapes already computed, per bundle: the checker asks for the same definitions again and again. */
const cache = new WeakMap<Definitions, WeakMap<JsonSchema, Shape>>();

/** Flattens a schema node into its shape. */
export function shapeOf(node: JsonSchema, definitions: Definitions): Shape {
  let known = cache.get(definitions);
  if (!known) cache.set(definitions, (known = new WeakMap()));
  const hit = known.get(node);
  if (hit) return hit;
  const shape = computeShape(node, definitions);
  known.set(node, shape);
  return shape;
}

function computeShape(node: JsonSchema, definitions: Definitions): Shape {
  const refs: string[] = [];
  const atoms = atomsOf(node, definitions, refs);
  const strings = atoms.filter((a) => a.kind === 'string');
  const numbers = atoms.filter((a) => a.kind === 'number');
  const booleans = atoms.filter((a) => a.kind === 'boolean');
  const arrays = atoms.filter((a) => a.kind === 'array');
  const objects = atoms.filter((a) => a.kind === 'object');
  const single = <T>(values: (T | undefined)[]): T | undefined => (values.length === 1 ? values[0] : undefined);
  return {
    any: atoms.some((a) => a.kind === 'any'),
    nullable: atoms.some((a) => a.kind === 'null'),
    experimental: isMarkedExperimental(node, definitions),
    string:
      strings.length === 0
        ? undefined
        : {
            values: unionOf(strings.map((a) => a.values)),
            pattern: single(strings.map((a) => a.pattern)),
            minLength: extreme(strings.map((a) => a.minLength), Math.min),
            maxLength: extreme(strings.map((a) => a.maxLength), Math.max),
          },
    number:
      numbers.length === 0
        ? undefined
        : {
            integer: numbers.every((a) => a.integer),
            minimum: extreme(numbers.map((a) => a.minimum), Math.min),
            maximum: extreme(numbers.map((a) => a.maximum), Math.max),
          },
    boolean: booleans.length === 0 ? undefined : { values: unionOf(booleans.map((a) => a.values)) },
    array:
      arrays.length === 0
        ? undefined
        : {
            items: arrays.flatMap((a) => a.items),
            minItems: extreme(arrays.map((a) => a.minItems), Math.min),
            maxItems: extreme(arrays.map((a) => a.maxItems), Math.max),
          },
    objects: objects.map((a) => a.variant),
    refs,
  };
}

/** The single constant a property schema allows (a union tag such as `type: "commandExecution"`). */
export function constantOf(node: JsonSchema, definitions: Definitions): string | undefined {
  const shape = shapeOf(node, definitions);
  if (shape.nullable || shape.any || kindsOf(shape).join() !== 'string') return undefined;
  const values = shape.string?.values;
  return values && values.size === 1 ? [...values][0] : undefined;
}
