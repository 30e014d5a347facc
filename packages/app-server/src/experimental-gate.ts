/**
 * The capability gate of the experimental surface. Methods, fields and notifications marked
 * experimental in the method table exist only for clients that sent
 * `capabilities.experimentalApi = true` at initialize: a client that did not opt in gets a clear
 * error naming the method or field and the capability when it uses them, and never receives an
 * experimental notification (./notification-gate.ts). Everything else is the stable, additive-only
 * protocol. This file comes with the method table, after the handshake.
 */
import type * as z from 'zod';
import { isExperimental, type RequestSpec } from '@agentd/protocol';
import { invalidParams, invalidRequest, type WireError } from './errors.js';

/** The capability a client sends at initialize to use the experimental surface. */
export const EXPERIMENTAL_CAPABILITY = 'experimentalApi';

type FieldPath = (string | number)[];

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The path of the first experimental field `value` uses, following `schema` through objects,
 * arrays, records and unions; undefined when it uses none. A field counts as used when it is
 * present and not null. The raw, unparsed params are walked, so the client hears about the
 * capability even when the value of the field is also wrong.
 */
export function findExperimentalField(schema: z.ZodType, value: unknown, path: FieldPath = []): FieldPath | undefined {
  if (value === undefined || value === null) return undefined;
  if (path.length > 0 && isExperimental(schema)) return path;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? findExperimentalField(def.innerType, value, path) : undefined;
    case 'pipe':
      return def.in ? findExperimentalField(def.in, value, path) : undefined;
    case 'lazy':
      return def.getter ? findExperimentalField(def.getter(), value, path) : undefined;
    case 'object':
      if (!isRecord(value) || !def.shape) return undefined;
      for (const [key, field] of Object.entries(def.shape)) {
        const found = findExperimentalField(field, value[key], [...path, key]);
        if (found) return found;
      }
      return undefined;
    case 'array':
      if (!Array.isArray(value) || !def.element) return undefined;
      for (let i = 0; i < value.length; i++) {
        const found = findExperimentalField(def.element, value[i], [...path, i]);
        if (found) return found;
      }
      return undefined;
    case 'tuple':
      if (!Array.isArray(value)) return undefined;
      for (let i = 0; i < (def.items?.length ?? 0); i++) {
        const found = findExperimentalField(def.items![i]!, value[i], [...path, i]);
        if (found) return found;
      }
      return undefined;
    case 'record':
      if (!isRecord(value) || !def.valueType) return undefined;
      for (const [key, entry] of Object.entries(value)) {
        const found = findExperimentalField(def.valueType, entry, [...path, key]);
        if (found) return found;
      }
      return undefined;
    case 'union': {
      // The options the value is an instance of; when it fits none, every option is searched.
      const options = def.options ?? [];
      const fitting = options.filter((option) => option.safeParse(value).success);
      for (const option of fitting.length > 0 ? fitting : options) {
        const found = findExperimentalField(option, value, path);
        if (found) return found;
      }
      return undefined;
    }
    case 'intersection':
      return (
        (def.left && findExperimentalField(def.left, value, path)) ||
        (def.right && findExperimentalField(def.right, value, path)) ||
        undefined
      );
    default:
      return undefined;
  }
}

/** `input[0].text` for `['input', 0, 'text']`. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/**
 * The error for a client that did not opt in and used experimental surface of `method`, or
 * undefined when the request stays within the stable protocol.
 */
export function experimentalRefusal(method: string, spec: RequestSpec, rawParams: unknown): WireError | undefined {
  if (spec.experimental) {
    return invalidRequest(
      `${method} is experimental: send capabilities.${EXPERIMENTAL_CAPABILITY} = true at initialize to use it`,
      { method, capability: EXPERIMENTAL_CAPABILITY },
    );
  }
  const path = findExperimentalField(spec.params, rawParams);
  if (!path) return undefined;
  const field = formatFieldPath(path);
  return invalidParams(
    `${method}: the field \`${field}\` is experimental; send capabilities.${EXPERIMENTAL_CAPABILITY} = true at initialize to use it`,
    { method, field, capability: EXPERIMENTAL_CAPABILITY },
  );
}
