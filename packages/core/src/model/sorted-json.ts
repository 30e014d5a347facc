/**
 * JSON with its object keys in one order (code-unit order), so that equal values serialise to
 * equal bytes however they were built — a tool schema from an MCP server may list its keys in a
 * different order after the server restarts, which would cost the provider's prompt cache.
 */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => sortedKeys(entry)) as T;
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return sorted as T;
}
