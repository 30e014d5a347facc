// The paths session fixtures use to name a field of a message: `params.turn.status`,
// `result.thread.turns[0].id`, `params.turn.items[type=agentMessage].text` (the first element whose
// `type` is "agentMessage"), `params.item.commandActions[*].type` (every element).

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'find'; key: string; value: string };

const SEGMENT = /([^.[\]]+)|\[(\d+)\]|\[\*\]|\[([^=\]]+)=([^\]]*)\]/y;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let at = 0;
  while (at < path.length) {
    if (path[at] === '.' && segments.length > 0) at++;
    SEGMENT.lastIndex = at;
    const match = SEGMENT.exec(path);
    if (!match || match[0] === '') throw new Error(`bad path ${JSON.stringify(path)} at character ${at}`);
    if (match[1] !== undefined) segments.push({ kind: 'key', key: match[1] });
    else if (match[2] !== undefined) segments.push({ kind: 'index', index: Number(match[2]) });
    else if (match[3] !== undefined) segments.push({ kind: 'find', key: match[3], value: match[4]! });
    else segments.push({ kind: 'all' });
    at = SEGMENT.lastIndex;
  }
  if (segments.length === 0) throw new Error('empty path');
  return segments;
}

/** One value a path selects, with the concrete path that reached it (`undefined` when missing). */
export interface Selected {
  readonly path: string;
  readonly value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The values `path` selects in `root`. A missing key or element selects `undefined` (so a matcher
 * can say what it expected); `[*]` selects every element, none of an empty array.
 */
export function select(root: unknown, path: string): Selected[] {
  let current: Selected[] = [{ path: '', value: root }];
  for (const segment of parsePath(path)) {
    const next: Selected[] = [];
    for (const { path: at, value } of current) {
      switch (segment.kind) {
        case 'key':
          next.push({ path: at ? `${at}.${segment.key}` : segment.key, value: isRecord(value) ? value[segment.key] : undefined });
          break;
        case 'index':
          next.push({ path: `${at}[${segment.index}]`, value: Array.isArray(value) ? value[segment.index] : undefined });
          break;
        case 'all':
          if (Array.isArray(value)) value.forEach((element, i) => next.push({ path: `${at}[${i}]`, value: element }));
          else next.push({ path: `${at}[*]`, value: undefined });
          break;
        case 'find': {
          const found = Array.isArray(value)
            ? value.findIndex((element) => isRecord(element) && String(element[segment.key]) === segment.value)
            : -1;
          next.push({
            path: found >= 0 ? `${at}[${found}]` : `${at}[${segment.key}=${segment.value}]`,
            value: found >= 0 ? (value as unknown[])[found] : undefined,
          });
          break;
        }
      }
    }
    current = next;
  }
  return current;
}

/** Every leaf of a JSON value with its path, objects and arrays descended (empty ones are leaves). */
export function leaves(value: unknown, path = ''): Selected[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ path, value }];
    return value.flatMap((element, i) => leaves(element, `${path}[${i}]`));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [{ path, value }];
    return entries.flatMap(([key, element]) => leaves(element, path ? `${path}.${key}` : key));
  }
  return [{ path, value }];
}
