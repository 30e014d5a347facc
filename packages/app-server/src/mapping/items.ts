/**
 * Core items and turns → protocol items and turns. Core's shapes are close to the wire; this adds
 * the fields the protocol requires that core has no notion of (always null here).
 */
import type { Turn as CoreTurn, TurnError as CoreTurnError, ThreadItem as CoreItem } from '@agentd/core';
import type { v2 } from '@agentd/protocol';

export function toProtocolItem(item: CoreItem): v2.ThreadItem {
  switch (item.type) {
    case 'agentMessage':
      return withFields(item, { moderation: null, memoryCitation: null, delivery: null, questions: null });
    case 'commandExecution':
      return withFields(item, { pluginId: null, scriptPath: null });
    case 'mcpToolCall':
      return withFields(item, { appContext: null, mcpAppResourceUri: null, pluginId: null });
    case 'userMessage':
      return withFields(item, {
        content: item.content.map((part) => (part.type === 'text' ? withFields(part, { text_elements: (part.text_elements ?? []) as never[] }) : part)),
      });
    default:
      return item;
  }
}

/**
 * A copy of `item` with `fields` added, as `{ ...item, ...fields }` makes it. Object.assign, because
 * V8 copies objects read from JSON many times faster that way than by spreading them (thousands of
 * items on a resume).
 */
function withFields<T extends object, F extends object>(item: T, fields: F): Omit<T, keyof F> & F {
  return Object.assign({}, item, fields);
}

export function toProtocolTurn(turn: CoreTurn, itemsView: 'full' | 'summary' | 'notLoaded' = 'full'): v2.Turn {
  const items = itemsView === 'notLoaded' ? [] : itemsView === 'summary' ? summaryItems(turn.items) : turn.items;
  return {
    id: turn.id,
    rootTurnId: turn.id,
    items: items.map(toProtocolItem),
    itemsView,
    status: turn.status,
    error: turn.error ? toProtocolTurnError(turn.error) : null,
    startedAt: turn.startedAt,
    completedAt: turn.completedAt,
    durationMs: turn.durationMs,
  };
}

export function toProtocolTurnError(error: CoreTurnError): v2.TurnError {
  return { message: error.message, codexErrorInfo: codexErrorInfo(error), additionalDetails: error.additionalDetails };
}

/** The turn's final answer, as the reference server summarises a completed turn. */
function summaryItems(items: readonly CoreItem[]): CoreItem[] {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as CoreItem;
    if (item.type === 'agentMessage') return [item];
  }
  return [];
}

function codexErrorInfo(error: CoreTurnError): v2.CodexErrorInfo | null {
  const status = { httpStatusCode: error.httpStatusCode };
  switch (error.kind) {
    case null:
      return null;
    case 'responseStreamDisconnected':
      return { responseStreamDisconnected: status };
    case 'responseTooManyFailedAttempts':
      return { responseTooManyFailedAttempts: status };
    case 'httpConnectionFailed':
      return { httpConnectionFailed: status };
    default:
      return error.kind;
  }
}
