/**
 * Core's approval questions, asked of a client: each becomes a server request
 * (`item/commandExecution/requestApproval`, `item/fileChange/requestApproval`,
 * `item/tool/requestUserInput`); the answer comes back to core, and `serverRequest/resolved`
 * tells every client the question is settled. When the turn is interrupted the request is
 * abandoned and resolved the same way.
 */
import type { ApprovalGateway, ReviewDecision, UserAnswers } from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import type { Connection } from './connection.js';

/** What the thread's channel does around each question: log it, and announce its settlement. */
export interface ApprovalHooks {
  /** The request went out and waits for its answer. */
  asked(requestId: number): void;
  /** The request was answered or withdrawn: `serverRequest/resolved` to the thread's followers. */
  resolved(threadId: string, requestId: number): void;
}

export class ClientApprovals implements ApprovalGateway {
  readonly #connection: Connection;
  readonly #hooks: ApprovalHooks;

  constructor(connection: Connection, hooks: ApprovalHooks) {
    this.#connection = connection;
    this.#hooks = hooks;
  }

  async approveCommand(threadId: string, request: Parameters<ApprovalGateway['approveCommand']>[1], signal: AbortSignal): Promise<ReviewDecision> {
    const answer = await this.#ask(
      'item/commandExecution/requestApproval',
      {
        threadId,
        turnId: request.turnId,
        itemId: request.itemId,
        startedAtMs: request.startedAtMs,
        kind: 'command',
        command: request.command,
        cwd: request.cwd,
        reason: request.reason,
        commandActions: request.commandActions.map((action) => ({ ...action })),
        availableDecisions: [...request.availableDecisions],
      },
      signal,
    );
    return commandDecision(answer.decision);
  }

  async approveFileChange(threadId: string, request: Parameters<ApprovalGateway['approveFileChange']>[1], signal: AbortSignal): Promise<ReviewDecision> {
    const answer = await this.#ask(
      'item/fileChange/requestApproval',
      { threadId, turnId: request.turnId, itemId: request.itemId, startedAtMs: request.startedAtMs, reason: request.reason, grantRoot: request.grantRoot },
      signal,
    );
    return answer.decision;
  }

  async askUser(threadId: string, request: Parameters<ApprovalGateway['askUser']>[1], signal: AbortSignal): Promise<UserAnswers> {
    const answer = await this.#ask(
      'item/tool/requestUserInput',
      {
        threadId,
        turnId: request.turnId,
        itemId: request.itemId,
        isBlocking: true,
        questions: request.questions.map((question) => ({ ...question, options: question.options ? question.options.map((option) => ({ ...option })) : null })),
      },
      signal,
    );
    return Object.fromEntries(Object.entries(answer.answers).map(([id, value]) => [id, { answers: [...value.answers] }]));
  }

  async #ask<M extends v2.ServerRequestMethod>(method: M, params: v2.ServerRequestParams<M>, signal: AbortSignal): Promise<v2.ServerRequestResult<M>> {
    signal.throwIfAborted();
    const threadId = (params as { threadId: string }).threadId;
    const { id, result } = this.#connection.request(method, params);
    this.#hooks.asked(id);
    const onAbort = () => this.#connection.abandonRequest(id, 'the turn was interrupted');
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await result;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#hooks.resolved(threadId, id);
    }
  }
}

function commandDecision(decision: v2.CommandExecutionApprovalDecision): ReviewDecision {
  if (typeof decision === 'string') return decision;
  // Persistent policy amendments are not supported yet: they count as a one-time approval.
  return 'accept';
}
