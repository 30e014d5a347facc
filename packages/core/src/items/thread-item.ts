/**
 * What a client sees of a thread: its items. Core owns these shapes (the app-server maps them to
 * the wire); they are also what the rollout records, so a resumed thread shows exactly what the
 * client saw live.
 */
import type { UserInput } from './user-input.js';

export type ItemStatus = 'inProgress' | 'completed' | 'failed' | 'declined';

export interface Timestamps {
  /** Epoch milliseconds. */
  startedAtMs: number;
  completedAtMs: number | null;
}

export interface UserMessageItem extends Timestamps {
  type: 'userMessage';
  id: string;
  content: UserInput[];
  /** The id the client gave this message, if any. */
  clientId: string | null;
}

export interface AgentMessageItem extends Timestamps {
  type: 'agentMessage';
  id: string;
  text: string;
  phase: 'commentary' | 'final_answer' | null;
}

export interface ReasoningItem extends Timestamps {
  type: 'reasoning';
  id: string;
  summary: string[];
  content: string[];
}

/** What a command does, for display: reading a file, listing, searching, or something else. */
export type CommandAction =
  | { type: 'read'; command: string; name: string; path: string }
  | { type: 'listFiles'; command: string; path: string | null }
  | { type: 'search'; command: string; query: string | null; path: string | null }
  | { type: 'unknown'; command: string };

export interface CommandExecutionItem extends Timestamps {
  type: 'commandExecution';
  id: string;
  command: string;
  cwd: string;
  status: ItemStatus;
  commandActions: CommandAction[];
  aggregatedOutput: string | null;
  exitCode: number | null;
  durationMs: number | null;
  processId: string | null;
  /** Who ran it: the model, or the user through `command/exec`-like paths. */
  source: 'agent' | 'userShell';
}

export type FileChangeKind = { type: 'add' } | { type: 'delete' } | { type: 'update'; move_path: string | null };

export interface FileChange {
  /** Absolute path. */
  path: string;
  kind: FileChangeKind;
  /** Unified diff of this file. */
  diff: string;
}

export interface FileChangeItem extends Timestamps {
  type: 'fileChange';
  id: string;
  changes: FileChange[];
  status: ItemStatus;
}

export interface McpToolCallItem extends Timestamps {
  type: 'mcpToolCall';
  id: string;
  server: string;
  tool: string;
  arguments: unknown;
  status: 'inProgress' | 'completed' | 'failed';
  result: { content: unknown[]; structuredContent?: unknown } | null;
  error: { message: string } | null;
  durationMs: number | null;
  readOnlyHint: boolean | null;
}

export interface PlanItem extends Timestamps {
  type: 'plan';
  id: string;
  text: string;
}

export interface ContextCompactionItem extends Timestamps {
  type: 'contextCompaction';
  id: string;
}

export interface ImageViewItem extends Timestamps {
  type: 'imageView';
  id: string;
  path: string;
}

export type ThreadItem =
  | UserMessageItem
  | AgentMessageItem
  | ReasoningItem
  | CommandExecutionItem
  | FileChangeItem
  | McpToolCallItem
  | PlanItem
  | ContextCompactionItem
  | ImageViewItem;
