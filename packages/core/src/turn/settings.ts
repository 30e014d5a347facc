/**
 * A thread's settings: what every turn runs with until a turn changes them. A change is told to the
 * model as an appended message, never by editing an earlier one.
 */
import type { ApprovalPolicy, ReasoningEffort, ReasoningSummary } from '../config/config-schema.js';
import type { SandboxPolicy } from '../sandbox/sandbox-policy.js';

export interface ThreadSettings {
  model: string;
  modelProvider: string;
  cwd: string;
  approvalPolicy: ApprovalPolicy;
  /** Who answers approval requests: the user, or (not yet built) an automatic reviewer — which asks the user. */
  approvalsReviewer: 'user' | 'auto_review';
  sandboxPolicy: SandboxPolicy;
  effort: ReasoningEffort | null;
  summary: ReasoningSummary | null;
  serviceTier: string | null;
  baseInstructions: string | null;
  developerInstructions: string | null;
}

/** What a turn may change for itself and the turns after it. */
export type SettingsOverrides = Partial<
  Pick<ThreadSettings, 'model' | 'cwd' | 'approvalPolicy' | 'approvalsReviewer' | 'sandboxPolicy' | 'effort' | 'summary' | 'serviceTier'>
>;

/** Applies overrides; returns the new settings and the names of what actually changed. */
export function applySettings(current: ThreadSettings, overrides: SettingsOverrides): { settings: ThreadSettings; changed: (keyof ThreadSettings)[] } {
  const settings = { ...current };
  const changed: (keyof ThreadSettings)[] = [];
  for (const [key, value] of Object.entries(overrides) as [keyof SettingsOverrides, unknown][]) {
    if (value === undefined) continue;
    if (JSON.stringify(settings[key]) === JSON.stringify(value)) continue;
    (settings as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  return { settings, changed };
}
