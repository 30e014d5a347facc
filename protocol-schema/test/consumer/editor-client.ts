/**
 * What an editor integration writes with `@agentd/protocol` alone: typed requests checked by the
 * method table's zod validators, and typed handlers of notifications and server requests. It is
 * type-checked as an outside package would be (tsconfig.json here resolves the package through
 * node_modules and its `exports`), and run by src/client-package.test.ts.
 */
import { type RequestId, v2 } from '@agentd/protocol';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void; method: v2.ClientRequestMethod };

/** The tables seen as plain validators: cheap for the compiler, enough for checking messages. */
type Validator = { parse(value: unknown): unknown };
const requests: Readonly<Record<string, { params: Validator; result: Validator }>> = v2.clientRequests;
const notifications: Readonly<Record<string, { params: Validator }>> = v2.serverNotifications;
const serverRequests: Readonly<Record<string, { params: Validator }>> = v2.serverRequests;

export class EditorClient {
  readonly #write: (line: string) => void;
  readonly #pending = new Map<RequestId, Pending>();
  #nextId = 1;

  constructor(
    write: (line: string) => void,
    readonly notifications: v2.ServerNotificationHandlers = {},
    readonly serverRequests: v2.ServerRequestHandlers = {},
  ) {
    this.#write = write;
  }

  /** Sends a request whose params and result are typed by the method. */
  request<M extends v2.ClientRequestMethod>(method: M, params: v2.ClientRequestParams<M>): Promise<v2.ClientRequestResult<M>> {
    requests[method]!.params.parse(params);
    const id = this.#nextId++;
    this.#write(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject, method });
    });
  }

  /** Handles one line from the server. Unknown notifications are ignored, as the rules require. */
  async receive(line: string): Promise<void> {
    const message = JSON.parse(line) as { id?: RequestId; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
    if (message.method === undefined && message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else if (pending) pending.resolve(requests[pending.method]!.result.parse(message.result));
      return;
    }
    if (message.method !== undefined && message.id !== undefined) {
      if (!isServerRequest(message.method)) return;
      const result = await this.#answer(message.method, message.params);
      this.#write(JSON.stringify({ id: message.id, result }));
      return;
    }
    if (message.method !== undefined && isServerNotification(message.method)) this.#notify(message.method, message.params);
  }

  #notify<M extends v2.ServerNotificationMethod>(method: M, params: unknown): void {
    const handler = this.notifications[method] as ((params: v2.ServerNotificationParams<M>) => void) | undefined;
    handler?.(notifications[method]!.params.parse(params) as v2.ServerNotificationParams<M>);
  }

  async #answer<M extends v2.ServerRequestMethod>(method: M, params: unknown): Promise<unknown> {
    const handler = this.serverRequests[method] as ((params: v2.ServerRequestParams<M>) => unknown) | undefined;
    if (!handler) return undefined;
    return handler(serverRequests[method]!.params.parse(params) as v2.ServerRequestParams<M>);
  }
}

function isServerNotification(method: string): method is v2.ServerNotificationMethod {
  return Object.hasOwn(notifications, method);
}

function isServerRequest(method: string): method is v2.ServerRequestMethod {
  return Object.hasOwn(serverRequests, method);
}

/** A typed session: what the editor renders from the stream. */
export function renderTurn(client: EditorClient, output: string[]): v2.ServerNotificationHandlers {
  const handlers: v2.ServerNotificationHandlers = {
    'item/agentMessage/delta': (params) => output.push(params.delta),
    'turn/completed': (params) => output.push(`[${params.turn.status}]`),
    'item/completed': (params) => {
      if (params.item.type === 'commandExecution') output.push(`$ ${params.item.command} → ${params.item.exitCode ?? 'not run'}`);
    },
  };
  Object.assign(client.notifications, handlers);
  return handlers;
}

export const approveEverything: v2.ServerRequestHandlers = {
  'item/commandExecution/requestApproval': (params) => ({ decision: params.command?.startsWith('rm ') ? 'decline' : 'accept' }),
  'item/fileChange/requestApproval': () => ({ decision: 'accept' }),
};

// The types refuse what the protocol refuses; each line below must fail to type-check.
export function misuse(client: EditorClient): void {
  // @ts-expect-error `threadId` is required by turn/start.
  void client.request('turn/start', { input: [] });
  // @ts-expect-error there is no such method.
  void client.request('turn/begin', {});
  const handlers: v2.ServerNotificationHandlers = {
    // @ts-expect-error a delta has no `text`.
    'item/agentMessage/delta': (params) => params.text,
  };
  // @ts-expect-error "maybe" is not an approval decision.
  const answer: v2.ServerRequestResult<'item/commandExecution/requestApproval'> = { decision: 'maybe' };
  void handlers;
  void answer;
}
