/**
 * How core asks a person. The app-server implements this by sending the client a server request
 * and waiting for its answer; core only knows it asked and what was decided. When the signal
 * aborts (the turn was interrupted), the implementation stops waiting and throws.
 */
import type { CommandAction } from '../items/thread-item.js';

export type ReviewDecision = 'accept' | 'acceptForSession' | 'decline' | 'cancel';

export interface CommandApprovalRequest {
  readonly turnId: string;
  readonly itemId: string;
  readonly command: string;
  readonly cwd: string;
  /** Why the agent wants this (the model's justification), or why approval is needed. */
  readonly reason: string | null;
  readonly commandActions: readonly CommandAction[];
  /** The answers that make sense here, so a client can offer the right buttons. */
  readonly availableDecisions: readonly ReviewDecision[];
  readonly startedAtMs: number;
}

export interface FileChangeApprovalRequest {
  readonly turnId: string;
  readonly itemId: string;
  readonly reason: string | null;
  /** Set when the patch writes outside the writable roots: the root the user would be granting. */
  readonly grantRoot: string | null;
  readonly startedAtMs: number;
}

export interface UserQuestion {
  readonly id: string;
  readonly header: string;
  readonly question: string;
  readonly options: ReadonlyArray<{ label: string; description: string }> | null;
  readonly isOther: boolean;
  readonly isSecret: boolean;
}

export interface UserInputRequest {
  readonly turnId: string;
  readonly itemId: string;
  readonly questions: readonly UserQuestion[];
}

export type UserAnswers = Record<string, { answers: string[] }>;

export interface ApprovalGateway {
  approveCommand(threadId: string, request: CommandApprovalRequest, signal: AbortSignal): Promise<ReviewDecision>;
  approveFileChange(threadId: string, request: FileChangeApprovalRequest, signal: AbortSignal): Promise<ReviewDecision>;
  askUser(threadId: string, request: UserInputRequest, signal: AbortSignal): Promise<UserAnswers>;
}

/** Used when no client is listening: nobody can approve, so everything is declined. */
export const nobodyToAsk: ApprovalGateway = {
  approveCommand: async () => 'decline',
  approveFileChange: async () => 'decline',
  askUser: async () => ({}),
};
