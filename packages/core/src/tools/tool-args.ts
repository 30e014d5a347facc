/**
 * Parsing a tool call's JSON arguments. A bad call is answered with a message the model can act
 * on, so it is returned, not thrown.
 */
import type * as z from 'zod';

export type ParsedArgs<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseToolArgs<S extends z.ZodType>(toolName: string, schema: S, raw: string): ParsedArgs<z.output<S>> {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `${toolName}: the arguments are not valid JSON (${(error as Error).message}). Send a JSON object.` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, message: `${toolName}: invalid arguments: ${problems}.` };
}
