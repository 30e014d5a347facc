/**
 * The settings thread/start, thread/resume and thread/fork share, from their params to core's
 * overrides. The `config` map applies first and the typed params win over it; unknown `config` keys
 * are ignored with a log line, never an error (see thread-config.ts).
 */
import type { Config, Logger, Thread, ThreadManager, ThreadOverrides } from '@agentd/core';
import { threadConfigOverrides } from './thread-config.js';

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

/** `defaults` is the daemon's configuration, which the `config` map refines. */
export function threadOverrides(params: ThreadSettingsParams, defaults: Config, log: Logger): ThreadOverrides {
  const fromConfig = threadConfigOverrides(params.config ?? {}, defaults, log);
  const typed: ThreadOverrides = {
    model: params.model ?? null,
    modelProvider: params.modelProvider ?? null,
    cwd: params.cwd ?? null,
    approvalPolicy: approvalPolicyOf(params.approvalPolicy),
    approvalsReviewer: approvalsReviewerOf(params.approvalsReviewer),
    sandbox: params.sandbox ?? null,
    baseInstructions: params.baseInstructions ?? null,
    developerInstructions: params.developerInstructions ?? null,
    serviceTier: params.serviceTier ?? null,
  };
  const overrides: ThreadOverrides = { ...fromConfig };
  for (const [key, value] of Object.entries(typed) as [keyof ThreadOverrides, unknown][]) {
    if (value !== null && value !== undefined) (overrides as Record<string, unknown>)[key] = value;
  }
  // A typed `sandbox` outranks a sandbox the config map asked for (core prefers sandboxPolicy).
  if (typed.sandbox) delete overrides.sandboxPolicy;
  return overrides;
}

/** `guardian_subagent` is the reference's legacy name for `auto_review`. */
export function approvalsReviewerOf(value: string | null | undefined): ThreadOverrides['approvalsReviewer'] {
  if (value === 'user') return 'user';
  if (value === 'auto_review' || value === 'guardian_subagent') return 'auto_review';
  return null;
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
  const overrides = threadOverrides(params, threads.config, log);
  const named = Object.values(overrides).some((value) => value !== null && value !== undefined);
  if (!named) return;
  thread.updateSettings(threads.resolveSettings(overrides, thread.settings));
}
