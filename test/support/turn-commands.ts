// Drives a turn in which the scripted model runs shell commands one after another, then answers;
// returns the completed `commandExecution` items of that turn in order.
import type { Daemon } from './daemon.js';
import { reply } from './model-script.js';
import type { ModelServer } from './model-server.js';

/** `exec_command`'s arguments: a command line, or the whole object. */
export type ExecCall = string | { cmd: string; workdir?: string; timeout_ms?: number; sandbox_permissions?: string; justification?: string };

export interface TurnCommandsResult {
  /** The turn as `turn/completed` reported it. */
  turn: any;
  /** The completed `commandExecution` items, in the order they completed. */
  items: any[];
}

export const textInput = (value: string) => [{ type: 'text', text: value, text_elements: [] }];

export async function runCommandsInTurn(
  env: { daemon: Daemon; model: ModelServer },
  threadId: string,
  calls: readonly ExecCall[],
  turnParams: Record<string, unknown> = {},
  opts: { timeoutMs?: number } = {},
): Promise<TurnCommandsResult> {
  const { daemon, model } = env;
  model.enqueue(...calls.map((call) => reply.toolCall('exec_command', typeof call === 'string' ? { cmd: call } : call)), reply.text('Done.'));
  const { turn } = await daemon.request('turn/start', { threadId, input: textInput('run the commands'), ...turnParams });
  const done = await daemon.nextNotification('turn/completed', {
    where: (p) => p.turn.id === turn.id,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  });
  const items = daemon.notifications
    .filter((n) => n.method === 'item/completed' && n.params.turnId === turn.id && n.params.item.type === 'commandExecution')
    .map((n) => n.params.item);
  return { turn: done.params.turn, items };
}
