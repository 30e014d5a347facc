/**
 * Which notifications a client gets: none it opted out of (`optOutNotificationMethods`), and no
 * experimental one unless it opted in to the experimental surface (./experimental-gate.ts).
 */
import type { NotificationTable } from '@agentd/protocol';

/** What a connection knows about its client when deciding whether to send a notification. */
export interface NotificationAudience {
  readonly experimentalApi: boolean;
  wants(method: string): boolean;
}

/**
 * Whether a notification goes to this client: not when it opted out of the method
 * (`optOutNotificationMethods`), and never an experimental one to a client that did not opt in.
 */
export function isDeliverable(method: string, audience: NotificationAudience, table: NotificationTable): boolean {
  if (!audience.wants(method)) return false;
  const spec = Object.hasOwn(table, method) ? table[method] : undefined;
  return !spec?.experimental || audience.experimentalApi;
}
