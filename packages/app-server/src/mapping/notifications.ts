/**
 * Core thread events → protocol notifications: one method and params per event, or nothing for
 * events the protocol does not carry.
 */
import type { ThreadEventEnvelope } from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import { toProtocolItem, toProtocolTurn, toProtocolTurnError } from './items.js';
import { toProtocolStatus } from './thread.js';

export type AnyNotification = {
  [M in v2.ServerNotificationMethod]: { method: M; params: v2.ServerNotificationParams<M> };
}[v2.ServerNotificationMethod];

export function notificationFor(event: ThreadEventEnvelope): AnyNotification | undefined {
  const { threadId } = event;
  switch (event.type) {
    case 'statusChanged':
      return { method: 'thread/status/changed', params: { threadId, status: toProtocolStatus(event.status) } };
    case 'turnStarted':
      return { method: 'turn/started', params: { threadId, turn: toProtocolTurn(event.turn, 'notLoaded') } };
    case 'turnCompleted':
      return { method: 'turn/completed', params: { threadId, turn: toProtocolTurn(event.turn, 'full') } };
    case 'itemStarted':
      return {
        method: 'item/started',
        params: { threadId, turnId: event.turnId, item: toProtocolItem(event.item), startedAtMs: event.item.startedAtMs },
      };
    case 'itemCompleted':
      return {
        method: 'item/completed',
        params: {
          threadId,
          turnId: event.turnId,
          item: toProtocolItem(event.item),
          completedAtMs: event.item.completedAtMs ?? Date.now(),
          contentTokenCount: null,
        },
      };
    case 'agentMessageDelta':
      return { method: 'item/agentMessage/delta', params: { threadId, turnId: event.turnId, itemId: event.itemId, delta: event.delta } };
    case 'reasoningSummaryPartAdded':
      return {
        method: 'item/reasoning/summaryPartAdded',
        params: { threadId, turnId: event.turnId, itemId: event.itemId, summaryIndex: event.summaryIndex },
      };
    case 'reasoningSummaryDelta':
      return {
        method: 'item/reasoning/summaryTextDelta',
        params: { threadId, turnId: event.turnId, itemId: event.itemId, summaryIndex: event.summaryIndex, delta: event.delta },
      };
    case 'reasoningTextDelta':
      return {
        method: 'item/reasoning/textDelta',
        params: { threadId, turnId: event.turnId, itemId: event.itemId, contentIndex: event.contentIndex, delta: event.delta },
      };
    case 'commandOutputDelta':
      return {
        method: 'item/commandExecution/outputDelta',
        params: { threadId, turnId: event.turnId, itemId: event.itemId, delta: event.delta },
      };
    case 'fileChangeOutputDelta':
      return { method: 'item/fileChange/outputDelta', params: { threadId, turnId: event.turnId, itemId: event.itemId, delta: event.delta } };
    case 'mcpToolCallProgress':
      return { method: 'item/mcpToolCall/progress', params: { threadId, turnId: event.turnId, itemId: event.itemId, message: event.message } };
    case 'planUpdated':
      return {
        method: 'turn/plan/updated',
        params: { threadId, turnId: event.turnId, explanation: event.explanation, plan: event.plan.map((step) => ({ ...step })) },
      };
    case 'diffUpdated':
      return { method: 'turn/diff/updated', params: { threadId, turnId: event.turnId, diff: event.diff } };
    case 'tokenUsageUpdated':
      return {
        method: 'thread/tokenUsage/updated',
        params: {
          threadId,
          turnId: event.turnId,
          tokenUsage: {
            last: { ...event.usage.last, cacheWriteInputTokens: 0 },
            total: { ...event.usage.total, cacheWriteInputTokens: 0 },
            modelContextWindow: event.usage.modelContextWindow,
          },
        },
      };
    case 'error':
      return {
        method: 'error',
        params: { threadId, turnId: event.turnId, willRetry: event.willRetry, error: toProtocolTurnError(event.error) },
      };
    case 'warning':
      return { method: 'warning', params: { threadId, message: event.message } };
    case 'mcpServerStartupUpdated':
      return {
        method: 'mcpServer/startupStatus/updated',
        params: { threadId, name: event.name, status: event.status, error: event.error, failureReason: null },
      };
    case 'compacted':
      return { method: 'thread/compacted', params: { threadId, turnId: event.turnId } };
    case 'nameUpdated':
      return { method: 'thread/name/updated', params: { threadId, threadName: event.name } };
  }
}
