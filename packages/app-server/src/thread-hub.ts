/**
 * Connects threads to the connections that follow them. Every core event of a thread becomes one
 * notification with a per-thread sequence number (`seq`), sent to each subscribed connection. The
 * most recent subscriber answers the thread's approval questions; the slowest subscriber paces it.
 */
import type { Thread } from '@agentd/core';
import { ClientApprovals } from './client-approvals.js';
import type { Connection } from './connection.js';
import { notificationFor } from './mapping/notifications.js';

interface Followers {
  readonly connections: Set<Connection>;
  readonly stopListening: () => void;
  seq: number;
}

export class ThreadHub {
  readonly #threads = new Map<string, Followers>();

  /** The connection starts receiving the thread's notifications (idempotent). */
  subscribe(thread: Thread, connection: Connection): void {
    let followers = this.#threads.get(thread.id);
    if (!followers) {
      const created: Followers = {
        connections: new Set(),
        seq: 0,
        stopListening: thread.subscribe((event) => {
          const notification = notificationFor(event);
          if (!notification) return;
          created.seq += 1;
          // Serialised once for every follower.
          const line = JSON.stringify({ method: notification.method, params: { ...notification.params, seq: created.seq }, emittedAtMs: Date.now() });
          for (const follower of created.connections) follower.notifySerialized(notification.method, line);
        }),
      };
      followers = created;
      this.#threads.set(thread.id, followers);
    }
    followers.connections.add(connection);
    thread.setApprovalGateway(new ClientApprovals(connection));
    const connections = followers.connections;
    thread.setPace(() => paceOf(connections));
  }

  /** Stops sending the thread's notifications to the connection. */
  unsubscribe(thread: Thread, connection: Connection): void {
    const followers = this.#threads.get(thread.id);
    if (!followers) return;
    followers.connections.delete(connection);
    if (followers.connections.size > 0) {
      const [next] = [...followers.connections].slice(-1);
      if (next) thread.setApprovalGateway(new ClientApprovals(next));
      return;
    }
    followers.stopListening();
    this.#threads.delete(thread.id);
    thread.setApprovalGateway(undefined);
    thread.setPace(() => undefined);
  }

  /** Forgets a connection everywhere (it closed). */
  dropConnection(connection: Connection, threadById: (id: string) => Thread | undefined): void {
    for (const [threadId, followers] of [...this.#threads]) {
      if (!followers.connections.has(connection)) continue;
      const thread = threadById(threadId);
      if (thread) this.unsubscribe(thread, connection);
    }
  }

  isSubscribed(threadId: string, connection: Connection): boolean {
    return this.#threads.get(threadId)?.connections.has(connection) ?? false;
  }

  subscriberCount(threadId: string): number {
    return this.#threads.get(threadId)?.connections.size ?? 0;
  }
}

/** A promise to wait for while any follower is behind; undefined (no wait) when none is. */
function paceOf(connections: ReadonlySet<Connection>): Promise<void> | undefined {
  let behind: Connection[] | undefined;
  for (const connection of connections) if (connection.behind) (behind ??= []).push(connection);
  if (!behind) return undefined;
  return Promise.all(behind.map((connection) => connection.whenWritable())).then(() => undefined);
}
