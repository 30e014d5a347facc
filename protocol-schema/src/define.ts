/**
 * The building blocks of a method table: how one request or notification is declared, and the small
 * schema helpers every protocol file uses. Dispatch, typed handlers, JSON Schema, TypeScript
 * declarations and the README's method table are all derived from tables built with these.
 */
import * as z from 'zod';

/** A request: the params the sender passes and the result the receiver answers with. */
export interface RequestSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly result: R;
  /** One line for the README's method table. */
  readonly summary: string;
  /** The whole method is refused unless the client opted into `experimentalApi`. */
  readonly experimental?: boolean;
}

/** A notification: params only, no answer. */
export interface NotificationSpec<P extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly summary: string;
  /** Only sent to clients that opted into `experimentalApi`. */
  readonly experimental?: boolean;
}

export type RequestTable = Readonly<Record<string, RequestSpec>>;
export type NotificationTable = Readonly<Record<string, NotificationSpec>>;

/** Metadata the protocol attaches to schemas; `experimental` marks fields behind `experimentalApi`. */
export interface ProtocolMeta {
  id?: string;
  description?: string;
  experimental?: boolean;
  [key: string]: unknown;
}

/**
 * The wire's "may be absent or null" field: the reference schema spells optional fields as
 * `T | null` and clients send either form.
 */
export function nullish<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

/**
 * Marks a params field as experimental: a client that did not send `capabilities.experimentalApi`
 * gets an invalid-params error naming the field when it uses it.
 */
export function experimental<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description, experimental: true }) as T;
}

/** True when a schema (or the optional/nullable wrapper around it) was marked with `experimental()`. */
export function isExperimental(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (z.globalRegistry.get(current)?.experimental === true) return true;
    const def: { innerType?: z.ZodType } = (current as unknown as { _zod: { def: object } })._zod.def;
    current = def.innerType;
  }
  return false;
}

/** Params of methods that take none: the reference sends no `params` member, or `{}`, or null. */
export const NoParamsSchema = z.object({}).nullish().describe('This method takes no parameters.');

/** Results of methods that answer with nothing but success. */
export const EmptyResultSchema = z.object({}).describe('An empty object: the request succeeded.');
