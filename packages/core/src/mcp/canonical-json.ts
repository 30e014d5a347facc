/**
 * Canonical JSON for what the model sees of MCP tools. An MCP server may list its tools — and the
 * keys of their JSON Schemas — in any order, and in a different order each time it starts; the
 * tools array of a model request must not change with it, or the provider's prompt cache misses.
 * So object keys are sorted (by UTF-16 code units, like `Array.prototype.sort`) all the way down.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of a JSON value with every object's keys in sorted order; arrays keep their order. */
export function canonicalJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((element) => (element === undefined ? null : canonicalJson(element)));
  if (typeof value === 'object') {
    const result: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const element = (value as Record<string, unknown>)[key];
      if (element === undefined || typeof element === 'function') continue;
      result[key] = canonicalJson(element);
    }
    return result;
  }
  return null;
}

/** `JSON.stringify` of the canonical form: equal values give equal strings. */
export function canonicalStringify(value: unknown): string {
  return JSON.stringify(canonicalJson(value));
}

/** JSON Schema keywords whose array value is a set: sorting it changes nothing it means. */
const SET_VALUED_KEYWORDS = new Set(['required']);

/**
 * An MCP tool's `inputSchema` as a function's `parameters`: canonical key order, `required` sorted,
 * `$schema` dropped (noise for the model), and always an object schema with `properties`, which the
 * Responses API insists on.
 */
export function toolParameters(inputSchema: unknown): Record<string, Json> {
  const schema = isPlainObject(inputSchema) ? { ...inputSchema } : {};
  delete schema.$schema;
  if (schema.type === undefined) schema.type = 'object';
  if (schema.type === 'object' && !isPlainObject(schema.properties)) schema.properties = {};
  return canonicalJson(sortSets(schema)) as Record<string, Json>;
}

function sortSets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortSets);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(value)) {
    // Under `properties` a key named `required` holds a schema, never an array: only the keyword matches.
    const isStringSet = SET_VALUED_KEYWORDS.has(key) && Array.isArray(element) && element.every((item) => typeof item === 'string');
    result[key] = isStringSet ? [...new Set(element as string[])].sort() : sortSets(element);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
