/**
 * The settings thread/start, thread/resume and thread/fork share, from their params to core's
 * overrides. Unknown `config` keys are ignored with a log line, never an error.
 */
import type { Logger, Thread, ThreadManager, ThreadOverrides } from '@agentd/core';

interface ThreadSettingsParams {
  model?: string | null;
  modelProvider?: string | null;
  cwd?: string | null;
  approvalPolicy?: unknown;
  approvalsReviewer?: string | null;
  sandbox?: 'read-only' | 'workspace-write' | 'danger-full-access' | null;
  baseInstructions?: string | null;
  developerInstructions?: string | null;
  serviceTier?: string | null;
  config?: Record<string, unknown> | null;
}

export function threadOverrides(params: ThreadSettingsParams, log: Logger): ThreadOverrides {
  const overrides: ThreadOverrides = {
    model: params.model ?? null,
    modelProvider: params.modelProvider ?? null,
    cwd: params.cwd ?? null,
    approvalPolicy: approvalPolicyOf(params.approvalPolicy),
    approvalsReviewer: params.approvalsReviewer === 'auto_review' ? 'auto_review' : params.approvalsReviewer === 'user' ? 'user' : null,
    sandbox: params.sandbox ?? null,
    baseInstructions: params.baseInstructions ?? null,
    developerInstructions: params.developerInstructions ?? null,
    serviceTier: params.serviceTier ?? null,
  };
  const config = params.config ?? {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'model_reasoning_effort' && typeof value === 'string') overrides.effort = value as ThreadOverrides['effort'];
    else log.info({ key }, 'ignored an unknown thread config override');
  }
  return overrides;
}

/** A protocol approval policy as core's; the granular form counts as on-request. */
export function approvalPolicyOf(value: unknown): ThreadOverrides['approvalPolicy'] {
  if (value === 'untrusted' || value === 'on-request' || value === 'never' || value === 'on-failure') return value;
  if (typeof value === 'object' && value !== null) return 'on-request';
  return null;
}

/**
 * Applies thread/resume's overrides to a loaded thread: only what the client named changes, and
 * each change reaches the model as an appended message on the next turn.
 */
export function applyThreadOverrides(threads: ThreadManager, thread: Thread, params: ThreadSettingsParams, log: Logger): void {
  const overrides = threadOverrides(params, log);
  const named = Object.values(overrides).some((value) => value !== null && value !== undefined);
  if (!named) return;
  thread.updateSettings(threads.resolveSettings(overrides, thread.settings));
}
