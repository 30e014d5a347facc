/**
 * The names the model calls MCP tools by: `mcp__<server>__<tool>`. Function names may only hold
 * `[A-Za-z0-9_-]` and at most 64 characters, so other characters become `_` and a name too long is
 * cut and given a hash of the real server and tool names. Two tools whose names come out the same
 * are told apart the same way: the one first in (server, tool) order keeps the plain name, later
 * ones get the hash. The result depends only on the set of tools, never on the order a server
 * lists them in.
 */
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME_LENGTH = 64;
const HASH_LENGTH = 8;

export interface McpToolRef {
  /** The server's key under `mcp_servers`. */
  readonly server: string;
  /** The tool's name on that server. */
  readonly tool: string;
}

/** Every tool's function name, in (server, tool) order; duplicate refs get one name. */
export function qualifyToolNames(refs: readonly McpToolRef[]): Map<string, McpToolRef> {
  const unique = new Map<string, McpToolRef>();
  for (const ref of refs) unique.set(refKey(ref), ref);
  const sorted = [...unique.values()].sort(compareRefs);
  const byName = new Map<string, McpToolRef>();
  for (const ref of sorted) {
    const plain = `mcp__${sanitize(ref.server)}__${sanitize(ref.tool)}`;
    let name = plain.length <= MAX_TOOL_NAME_LENGTH ? plain : hashed(plain, ref, HASH_LENGTH);
    for (let length = HASH_LENGTH; byName.has(name); length += 4) name = hashed(plain, ref, length);
    byName.set(name, ref);
  }
  return byName;
}

/** Replaces every character a function name may not hold with `_`. */
export function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function hashed(plain: string, ref: McpToolRef, length: number): string {
  const digest = createHash('sha256').update(refKey(ref)).digest('hex').slice(0, length);
  return `${plain.slice(0, MAX_TOOL_NAME_LENGTH - 1 - digest.length)}_${digest}`;
}

function refKey(ref: McpToolRef): string {
  return `${ref.server}\u0000${ref.tool}`;
}

function compareRefs(a: McpToolRef, b: McpToolRef): number {
  if (a.server !== b.server) return a.server < b.server ? -1 : 1;
  if (a.tool !== b.tool) return a.tool < b.tool ? -1 : 1;
  return 0;
}
