import type { SettingsOverrides } from '@agentd/core';
import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';
import { toProtocolTurn } from '../mapping/items.js';
import { fromProtocolSandboxPolicy } from '../mapping/thread.js';
import { fromProtocolEffort, fromProtocolInput } from '../mapping/user-input.js';
import { approvalPolicyOf, approvalsReviewerOf } from './thread-overrides.js';

/** Accepts a turn and answers at once; the turn streams its events after the answer is written. */
export const turnStart: Handler<'turn/start'> = async (params, ctx) => {
  const thread = requireThreads(ctx.app).require(params.threadId);
  if (!ctx.app.hub.isSubscribed(thread.id, ctx.connection)) ctx.app.hub.subscribe(thread, ctx.connection).start();
  const overrides: SettingsOverrides = {};
  if (params.model) overrides.model = params.model;
  if (params.cwd) overrides.cwd = params.cwd;
  const approvalPolicy = approvalPolicyOf(params.approvalPolicy);
  if (approvalPolicy) overrides.approvalPolicy = approvalPolicy;
  const approvalsReviewer = approvalsReviewerOf(params.approvalsReviewer);
  if (approvalsReviewer) overrides.approvalsReviewer = approvalsReviewer;
  if (params.sandboxPolicy) overrides.sandboxPolicy = fromProtocolSandboxPolicy(params.sandboxPolicy);
  if (params.effort) overrides.effort = fromProtocolEffort(params.effort);
  if (params.summary) overrides.summary = params.summary;
  if (params.serviceTier) overrides.serviceTier = params.serviceTier;
  const pending = await thread.beginTurn(fromProtocolInput(params.input), overrides, {
    outputSchema: (params.outputSchema as Record<string, unknown> | null | undefined) ?? null,
    clientUserMessageId: params.clientUserMessageId ?? null,
  });
  ctx.afterResponse(() => pending.start());
  return { turn: toProtocolTurn(pending.turn, 'notLoaded') };
};
