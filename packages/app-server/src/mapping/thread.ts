/** Core threads and settings → protocol `Thread` and the thread/start-like responses. */
import {
  inputText,
  type SandboxEnforcement as CoreSandboxEnforcement,
  type SandboxPolicy as CoreSandboxPolicy,
  type StoredThread,
  type Thread as CoreThread,
  type ThreadMetaRecord,
  type ThreadSettings,
  type ThreadStatus as CoreThreadStatus,
  type ThreadSummary,
  type Turn as CoreTurn,
} from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import { withArrayInParts } from '../transport/json-in-parts.js';
import { toProtocolTurn } from './items.js';

/** What the protocol shows of a thread, loaded (a core Thread) or read from disk. */
export interface ThreadView {
  readonly id: string;
  readonly meta: Readonly<ThreadMetaRecord>;
  readonly settings: Readonly<ThreadSettings>;
  readonly name: string | null;
  readonly preview: string;
  readonly updatedAt: number;
  readonly turns: readonly CoreTurn[];
  readonly status: CoreThreadStatus;
  readonly ephemeral: boolean;
  readonly path: string | null;
}

/** A thread read from its rollout without loading it. */
export function storedThreadView(stored: StoredThread): ThreadView {
  const { snapshot } = stored;
  return {
    id: snapshot.meta.id,
    meta: snapshot.meta,
    settings: snapshot.settings,
    name: snapshot.name,
    preview: previewOf(snapshot.turns),
    updatedAt: snapshot.updatedAt,
    turns: snapshot.turns,
    status: { type: 'notLoaded' },
    ephemeral: false,
    path: stored.path,
  };
}

/** A listed thread, from its index row. */
export function toProtocolThreadSummary(summary: ThreadSummary): v2.Thread {
  return {
    id: summary.id,
    sessionId: summary.id,
    forkedFromId: summary.forkedFromId,
    parentThreadId: null,
    preview: summary.preview,
    ephemeral: false,
    projectId: null,
    modelProvider: summary.modelProvider,
    model: summary.model,
    reasoningEffort: summary.effort,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
    recencyAt: summary.updatedAt,
    status: { type: 'notLoaded' },
    path: summary.path,
    cwd: summary.cwd,
    cliVersion: summary.cliVersion,
    originator: summary.originator,
    source: 'appServer',
    gitInfo: null,
    name: summary.name,
    turns: [],
  };
}

/** The first user message, as a thread's preview. */
function previewOf(turns: readonly CoreTurn[]): string {
  for (const turn of turns) {
    for (const item of turn.items) if (item.type === 'userMessage') return inputText(item.content);
  }
  return '';
}

export interface ThreadViewOptions {
  /** Include the turns with their items (thread/resume, thread/read with includeTurns). */
  readonly includeTurns: boolean;
  /** Version of agentd that writes the thread. */
  readonly source?: string;
}

export function toProtocolThread(thread: ThreadView, options: ThreadViewOptions): v2.Thread {
  const meta = thread.meta;
  return {
    id: thread.id,
    sessionId: thread.id,
    forkedFromId: meta.forkedFromId,
    parentThreadId: null,
    preview: thread.preview,
    ephemeral: thread.ephemeral,
    projectId: null,
    modelProvider: thread.settings.modelProvider,
    model: thread.settings.model,
    reasoningEffort: thread.settings.effort,
    createdAt: meta.createdAt,
    updatedAt: thread.updatedAt,
    recencyAt: thread.updatedAt,
    status: toProtocolStatus(thread.status),
    path: thread.path,
    cwd: thread.settings.cwd,
    cliVersion: meta.cliVersion,
    originator: meta.originator,
    source: 'appServer',
    gitInfo: null,
    name: thread.name,
    turns: options.includeTurns ? thread.turns.map((turn) => toProtocolTurn(turn, 'full')) : [],
  };
}

export function toProtocolStatus(status: CoreThreadStatus): v2.ThreadStatus {
  return status.type === 'active' ? { type: 'active', activeFlags: [...status.activeFlags] } : { type: status.type };
}

export function toProtocolSandboxPolicy(policy: CoreSandboxPolicy): v2.SandboxPolicy {
  switch (policy.type) {
    case 'dangerFullAccess':
      return { type: 'dangerFullAccess' };
    case 'readOnly':
      return { type: 'readOnly', networkAccess: policy.networkAccess };
    case 'workspaceWrite':
      return {
        type: 'workspaceWrite',
        writableRoots: [...policy.writableRoots],
        networkAccess: policy.networkAccess,
        excludeTmpdirEnvVar: policy.excludeTmpdirEnvVar,
        excludeSlashTmp: policy.excludeSlashTmp,
      };
  }
}

/** A protocol sandbox policy as core's; `externalSandbox` (something outside confines us) maps to full access. */
export function fromProtocolSandboxPolicy(policy: v2.SandboxPolicy): CoreSandboxPolicy {
  switch (policy.type) {
    case 'dangerFullAccess':
    case 'externalSandbox':
      return { type: 'dangerFullAccess' };
    case 'readOnly':
      return { type: 'readOnly', networkAccess: policy.networkAccess ?? false };
    case 'workspaceWrite':
      return {
        type: 'workspaceWrite',
        writableRoots: policy.writableRoots ?? [],
        networkAccess: policy.networkAccess ?? false,
        excludeSlashTmp: policy.excludeSlashTmp ?? false,
        excludeTmpdirEnvVar: policy.excludeTmpdirEnvVar ?? false,
      };
  }
}

/** What confines the thread's commands, as the client is told (agentd extension). */
export function toProtocolSandboxEnforcement(enforcement: CoreSandboxEnforcement): v2.SandboxEnforcement {
  return {
    mechanism: enforcement.mechanism,
    writableRoots: [...enforcement.writableRoots],
    readOnlyPaths: [...enforcement.readOnlyPaths],
    networkAccess: enforcement.networkAccess,
  };
}

/** The fields thread/start, thread/resume and thread/fork answer with besides the thread. */
export function threadSessionFields(thread: CoreThread) {
  const settings = thread.settings;
  const enforcement = thread.sandboxEnforcement;
  return {
    model: settings.model,
    modelProvider: settings.modelProvider,
    serviceTier: settings.serviceTier,
    cwd: settings.cwd,
    approvalPolicy: settings.approvalPolicy === 'on-failure' ? ('on-request' as const) : settings.approvalPolicy,
    approvalsReviewer: settings.approvalsReviewer,
    sandbox: toProtocolSandboxPolicy(settings.sandboxPolicy),
    ...(enforcement ? { sandboxEnforcement: toProtocolSandboxEnforcement(enforcement) } : {}),
    reasoningEffort: settings.effort,
    instructionSources: [...thread.meta.instructionSources],
    disabledPluginIds: [],
  };
}

/**
 * A response holding a whole thread: its turns (megabytes for a long one) are serialised a turn at
 * a time, as the client reads. A turn still running is copied as it is now: by the time it is
 * serialised it could show what the client is about to be told in notifications.
 */
export function withTurnsInParts<T extends { thread: v2.Thread }>(result: T): T {
  const turns = result.thread.turns;
  const last = turns.at(-1);
  if (last?.status === 'inProgress') turns[turns.length - 1] = structuredClone(last);
  return withArrayInParts(result, turns);
}
