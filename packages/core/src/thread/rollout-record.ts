/**
 * The lines of a rollout file: one JSON object per line, `{timestamp, type, payload}`. Append-only;
 * a thread is rebuilt by reading its lines in order. Types are added, never changed, so every
 * rollout written by an earlier version keeps resuming.
 */
import type { ThreadItem } from '../items/thread-item.js';
import type { TokenUsage, TurnError, TurnStatus } from '../items/turn.js';
import type { ResponseItem } from '../model/response-item.js';
import type { ThreadSettings } from '../turn/settings.js';

export interface ThreadMetaRecord {
  id: string;
  /** Epoch seconds. */
  createdAt: number;
  cwd: string;
  modelProvider: string;
  model: string;
  forkedFromId: string | null;
  cliVersion: string;
  /** Who created it (the client's name). */
  originator: string | null;
  /** Paths of the instruction files (AGENTS.md) loaded at the start. */
  instructionSources: string[];
  /**
   * The thread's own `mcp_servers` table (thread/start's `config`), as given, so that a resumed
   * or forked thread gets its servers (and the same tools) back. Absent when it had none.
   */
  mcpServers?: unknown;
}

export type RolloutRecord =
  | { type: 'session_meta'; payload: ThreadMetaRecord }
  /** The settings a turn ran with. */
  | { type: 'turn_context'; payload: { turnId: string; settings: ThreadSettings } }
  | { type: 'turn_started'; payload: { turnId: string; startedAt: number } }
  /** Something the model sees (history), in order. */
  | { type: 'response_item'; payload: ResponseItem }
  /** Something the client saw, as it was when completed. */
  | { type: 'item_completed'; payload: { turnId: string; item: ThreadItem } }
  /**
   * An item still running, as it was when it started; written at the next flush point, so a crash
   * mid-stream keeps what the client saw. `item_completed` supersedes it.
   */
  | { type: 'item_started'; payload: { turnId: string; item: ThreadItem } }
  /** Text streamed into a running item since the last flush point, deltas of one part joined. */
  | { type: 'item_delta'; payload: { turnId: string; itemId: string; part: StreamedPart; delta: string } }
  | {
      type: 'turn_completed';
      payload: { turnId: string; status: TurnStatus; error: TurnError | null; completedAt: number; durationMs: number | null };
    }
  | { type: 'token_usage'; payload: { turnId: string; usage: TokenUsage } }
  /** A compaction checkpoint: the history from here on starts with exactly these items. */
  | { type: 'compacted'; payload: { turnId: string; history: ResponseItem[] } }
  | { type: 'thread_name'; payload: { name: string | null } }
  /** Turns dropped from the model's context (thread/revert): history is cut back to `historyLength`. */
  | { type: 'reverted'; payload: { turnIds: string[]; historyLength: number } };

export type RolloutLine = RolloutRecord & { timestamp: string };

/** Which part of a running item a delta extends. */
export type StreamedPart =
  | { kind: 'text' }
  | { kind: 'summary'; index: number }
  | { kind: 'reasoning'; index: number }
  | { kind: 'output' };
