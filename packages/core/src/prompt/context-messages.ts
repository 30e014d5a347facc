/**
 * The layers of the prompt after the base instructions and the tools: one developer message (the
 * sandbox and approval rules, then the developer's instructions) and one user-role context message
 * (the AGENTS.md chain, then the environment). They open a thread's history and are never edited;
 * later changes of settings are appended as update messages.
 */
import type { ApprovalPolicy } from '../config/config-schema.js';
import { type MessageItem, messageText, type ResponseItem, textMessage } from '../model/response-item.js';
import { networkAllowed, type SandboxPolicy, writableRootsOf } from '../sandbox/sandbox-policy.js';
import type { ThreadSettings } from '../turn/settings.js';
import type { InstructionFile } from './instruction-chain.js';
import { localDate, localTimeZone } from './local-time.js';

export type { InstructionFile } from './instruction-chain.js';

export interface EnvironmentFacts {
  readonly shell: string;
  /** `YYYY-MM-DD`. */
  readonly currentDate: string;
  readonly timezone: string;
}

export function environmentFacts(now: Date = new Date(), env: NodeJS.ProcessEnv = process.env): EnvironmentFacts {
  return { shell: (env.SHELL ?? '/bin/bash').split('/').pop() || 'bash', currentDate: localDate(now), timezone: localTimeZone() };
}

export function developerMessage(settings: ThreadSettings): MessageItem {
  const sections = [permissionsText(settings.sandboxPolicy, settings.approvalPolicy, settings.cwd)];
  if (settings.developerInstructions?.trim()) {
    sections.push(`<developer_instructions>\n${settings.developerInstructions.trim()}\n</developer_instructions>`);
  }
  return textMessage('developer', sections.join('\n\n'));
}

export function contextMessage(cwd: string, instructions: readonly InstructionFile[], facts: EnvironmentFacts): MessageItem {
  const sections = instructions.map((file) => {
    const cut = file.truncatedFrom === undefined ? '' : `\n[… cut here: the file has ${file.truncatedFrom} bytes, more than the instructions budget allows]`;
    return `<agents_md path="${file.path}">\n${file.content.trimEnd()}${cut}\n</agents_md>`;
  });
  sections.push(environmentText(cwd, facts));
  return textMessage('user', sections.join('\n\n'));
}

/** Whether an item is the user-role context message (AGENTS.md and environment), not user input. */
export function isContextMessage(item: ResponseItem): boolean {
  if (item.type !== 'message' || item.role !== 'user') return false;
  const text = messageText(item);
  return text.startsWith('<agents_md ') || text.startsWith('<environment_context>');
}

/** Appended when settings change between turns, so the model knows without the prefix changing. */
export function settingsUpdateMessage(settings: ThreadSettings, changed: readonly (keyof ThreadSettings)[], facts: EnvironmentFacts): MessageItem | undefined {
  const parts: string[] = [];
  if (changed.includes('sandboxPolicy') || changed.includes('approvalPolicy') || changed.includes('cwd')) {
    parts.push(permissionsText(settings.sandboxPolicy, settings.approvalPolicy, settings.cwd));
  }
  if (changed.includes('cwd')) parts.push(environmentText(settings.cwd, facts));
  if (changed.includes('model')) parts.push(`The model for this conversation is now ${settings.model}.`);
  if (changed.includes('effort')) parts.push(`Reasoning effort is now ${settings.effort ?? 'the default'}.`);
  if (parts.length === 0) return undefined;
  return textMessage('developer', `<settings_update>\n${parts.join('\n\n')}\n</settings_update>`);
}

function environmentText(cwd: string, facts: EnvironmentFacts): string {
  return [
    '<environment_context>',
    `  <cwd>${cwd}</cwd>`,
    `  <shell>${facts.shell}</shell>`,
    `  <current_date>${facts.currentDate}</current_date>`,
    `  <timezone>${facts.timezone}</timezone>`,
    '</environment_context>',
  ].join('\n');
}

function permissionsText(policy: SandboxPolicy, approval: ApprovalPolicy, cwd: string): string {
  return `<permissions>\n${sandboxText(policy, cwd)}\n${approvalText(approval)}\n</permissions>`;
}

function sandboxText(policy: SandboxPolicy, cwd: string): string {
  const network = networkAllowed(policy) ? 'Network access is allowed.' : 'Network access is blocked.';
  switch (policy.type) {
    case 'dangerFullAccess':
      return 'Sandbox: danger-full-access. Commands run without a sandbox: they can read and write anywhere the user can, and use the network.';
    case 'readOnly':
      return `Sandbox: read-only. Commands can read files but not write them, and apply_patch cannot change files. ${network}`;
    case 'workspaceWrite': {
      const roots = (writableRootsOf(policy, cwd) ?? []).map((root) => `  - ${root}`).join('\n');
      return `Sandbox: workspace-write. Commands and patches may write only under:\n${roots}\n.git directories stay read-only. Everything else is read-only. ${network}`;
    }
  }
}

function approvalText(approval: ApprovalPolicy): string {
  switch (approval) {
    case 'untrusted':
      return 'Approval policy: untrusted. Commands that only read (ls, cat, rg, git status…) run at once; anything else, and every file edit, waits for the user to approve it.';
    case 'on-request':
      return 'Approval policy: on-request. Commands run in the sandbox without asking. When a command needs to run outside the sandbox, call exec_command with sandbox_permissions "require_escalated" and a justification; the user decides. If a command fails because of the sandbox, the user may be offered a retry outside it.';
    case 'on-failure':
      return 'Approval policy: on-failure. Commands run in the sandbox without asking; when one fails, the user may approve running it again outside the sandbox.';
    case 'never':
      return 'Approval policy: never. Nobody will be asked: never request escalation. When something fails because of the sandbox, work around it or explain the limitation in your final message.';
  }
}
