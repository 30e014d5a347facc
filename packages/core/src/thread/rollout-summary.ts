/**
 * A rollout's index row, read straight from the file. Only the lines a summary needs are parsed
 * (metadata, settings, the first user message of each turn, names, reverts); the type of every
 * other line is read from its first bytes, so summarising a 10 MB rollout stays cheap.
 */
import type { ThreadItem } from '../items/thread-item.js';
import { inputText } from '../items/user-input.js';
import type { ThreadSettings } from '../turn/settings.js';
import { readBytes, rolloutLines } from './rollout-reader.js';
import type { RolloutLine, ThreadMetaRecord } from './rollout-record.js';
import type { ThreadSummary } from './thread-index.js';

/** Lines are written as `{"timestamp":"…","type":"…",…}`: both fields can be read without parsing. */
const HEAD = /^\{"timestamp":"([^"]*)","type":"([a-z_]+)"/;

export async function summarizeRolloutFile(path: string, archived: boolean): Promise<ThreadSummary | undefined> {
  const bytes = await readBytes(path).catch(() => undefined);
  if (bytes === undefined) return undefined;
  return summarizeLines(
    Array.from(rolloutLines(bytes), (line) => line.text),
    { path, archived, size: bytes.length },
  );
}

export function summarizeRollout(text: string, file: { path: string; archived: boolean; size: number }): ThreadSummary | undefined {
  return summarizeLines(text.split('\n'), file);
}

function summarizeLines(lines: Iterable<string>, file: { path: string; archived: boolean; size: number }): ThreadSummary | undefined {
  let meta: ThreadMetaRecord | undefined;
  let lastContext: string | undefined;
  let name: string | null = null;
  let lastTimestamp = '';
  /** The first user message of each turn, in turn order. */
  const previews = new Map<string, string>();
  for (const line of lines) {
    if (line.length === 0) continue;
    const head = HEAD.exec(line);
    const type = head ? head[2] : undefined;
    if (head?.[1]) lastTimestamp = head[1];
    if (head && !NEEDED.has(type as string)) continue;
    // Most lines are items; only user messages matter here.
    if (type === 'item_completed' && !line.includes('"type":"userMessage"')) continue;
    const record = parseLine(line);
    if (!record) continue;
    if (!head) lastTimestamp = record.timestamp ?? lastTimestamp;
    switch (record.type) {
      case 'session_meta':
        meta ??= record.payload;
        break;
      case 'turn_context':
        lastContext = line;
        break;
      case 'turn_started':
        previews.set(record.payload.turnId, '');
        break;
      case 'item_completed':
        if (previews.get(record.payload.turnId) === '' && isUserMessage(record.payload.item)) {
          previews.set(record.payload.turnId, inputText(record.payload.item.content));
        }
        break;
      case 'thread_name':
        name = record.payload.name;
        break;
      case 'reverted':
        for (const turnId of record.payload.turnIds) previews.delete(turnId);
        break;
      default:
        break;
    }
  }
  if (!meta) return undefined;
  const settings = lastContext ? (parseLine(lastContext) as { payload: { settings: ThreadSettings } } | undefined)?.payload.settings : undefined;
  const lastAt = Date.parse(lastTimestamp);
  const preview = [...previews.values()].find((value) => value !== '') ?? '';
  return {
    id: meta.id,
    path: file.path,
    archived: file.archived,
    createdAt: meta.createdAt,
    updatedAt: Number.isNaN(lastAt) ? meta.createdAt : Math.max(meta.createdAt, Math.floor(lastAt / 1000)),
    updatedAtMs: Number.isNaN(lastAt) ? meta.createdAt * 1000 : Math.max(meta.createdAt * 1000, lastAt),
    cwd: settings?.cwd ?? meta.cwd,
    modelProvider: settings?.modelProvider ?? meta.modelProvider,
    model: settings?.model ?? meta.model,
    effort: settings?.effort ?? null,
    preview,
    name,
    forkedFromId: meta.forkedFromId,
    cliVersion: meta.cliVersion,
    originator: meta.originator,
    rolloutSize: file.size,
  };
}

const NEEDED = new Set(['session_meta', 'turn_context', 'turn_started', 'item_completed', 'thread_name', 'reverted']);

function parseLine(line: string): RolloutLine | undefined {
  try {
    const parsed = JSON.parse(line) as RolloutLine;
    return typeof parsed === 'object' && parsed !== null && typeof parsed.type === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isUserMessage(item: ThreadItem): item is Extract<ThreadItem, { type: 'userMessage' }> {
  return item.type === 'userMessage';
}
