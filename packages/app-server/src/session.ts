/**
 * What one connection has negotiated: who the client is, whether it opted into the experimental
 * surface, and which notifications it does not want.
 */
import type { v2 } from '@agentd/protocol';

export class Session {
  #initialize: v2.InitializeParams | undefined;
  #initializedNotified = false;
  #optOut: ReadonlySet<string> = new Set();

  get initialized(): boolean {
    return this.#initialize !== undefined;
  }

  /** True once the client sent the `initialized` notification (some clients never do). */
  get initializedNotified(): boolean {
    return this.#initializedNotified;
  }

  get clientInfo(): v2.ClientInfo | undefined {
    return this.#initialize?.clientInfo;
  }

  get experimentalApi(): boolean {
    return this.#initialize?.capabilities?.experimentalApi === true;
  }

  begin(params: v2.InitializeParams): void {
    this.#initialize = params;
    this.#optOut = new Set(params.capabilities?.optOutNotificationMethods ?? []);
  }

  markInitializedNotified(): void {
    this.#initializedNotified = true;
  }

  wants(notificationMethod: string): boolean {
    return !this.#optOut.has(notificationMethod);
  }
}
