/**
 * One loaded thread's stream of notifications: every one gets the thread's next `seq`, goes into
 * the thread's event log, then to the connections that follow the thread. A connection that
 * resumes with `afterSeq` first gets what it missed from the log, then the live stream.
 */
import type { Thread } from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import { ClientApprovals } from './client-approvals.js';
import type { Connection } from './connection.js';
import type { ThreadEventLog } from './events/thread-event-log.js';
import { type AnyNotification, notificationFor } from './mapping/notifications.js';
import { NumberedLines } from './transport/numbered-line.js';

/** What a channel asks of its hub. */
export interface ChannelHooks {
  /** A log has buffered lines: write them soon. */
  scheduleFlush(): void;
  /** The thread became unused (no follower, no turn). */
  unused(): void;
}

export class ThreadChannel {
  readonly thread: Thread;
  readonly #connections = new Set<Connection>();
  /** The event log; undefined for an ephemeral thread (its `seq` lives in memory only). */
  readonly #log: ThreadEventLog | undefined;
  readonly #stopListening: () => void;
  readonly #hooks: ChannelHooks;
  readonly #lines = new NumberedLines();
  #seq: number;
  /** Server requests left unanswered by a daemon that died: settled on the first subscription. */
  #orphanedRequests: (string | number)[];
  /** When the thread last became unused (no subscriber, no turn), for the idle sweeper. */
  #idleSince: number | undefined;

  constructor(thread: Thread, log: ThreadEventLog | undefined, hooks: ChannelHooks) {
    this.thread = thread;
    this.#log = log;
    this.#seq = log?.lastSeq ?? 0;
    this.#orphanedRequests = log && !log.closedCleanly ? log.unresolvedRequests() : [];
    this.#hooks = hooks;
    this.#stopListening = thread.subscribe((event) => {
      const notification = notificationFor(event);
      if (notification) this.emit(notification);
      if (event.type === 'statusChanged') this.#updateIdle();
    });
    this.#updateIdle();
  }

  get seq(): number {
    return this.#seq;
  }

  get connections(): ReadonlySet<Connection> {
    return this.#connections;
  }

  /** When the thread became unused, or undefined while it is followed or running a turn. */
  get idleSince(): number | undefined {
    return this.#idleSince;
  }

  /**
   * Gives a notification the next `seq`, logs it, and sends it to the followers (or `to`). It is
   * serialised once: the same line goes to the log and to every connection.
   */
  emit(notification: AnyNotification, to: Iterable<Connection> = this.#connections): void {
    const seq = ++this.#seq;
    const line = this.#lines.line(notification.method, notification.params, seq, Date.now());
    if (this.#log) {
      this.#log.append(notification.method, seq, line);
      this.#hooks.scheduleFlush();
    }
    for (const connection of to) connection.notifySerialized(notification.method, line);
  }

  /**
   * Adds a follower. With `afterSeq`, it gets nothing live until `start()` — called once the
   * response is written — replays every logged notification after `afterSeq`, and then follows.
   */
  subscribe(connection: Connection, afterSeq: number | undefined): { start(): void } {
    this.thread.setApprovalGateway(this.#approvals(connection));
    if (afterSeq === undefined) {
      this.#add(connection);
      return { start: () => this.#settleOrphanedRequests() };
    }
    this.#connections.delete(connection);
    return {
      start: () => {
        this.#replay(connection, afterSeq);
        this.#add(connection);
        this.#settleOrphanedRequests();
      },
    };
  }

  /** Removes a follower; false if it was not one. */
  unsubscribe(connection: Connection): boolean {
    if (!this.#connections.delete(connection)) return false;
    const [next] = [...this.#connections].slice(-1);
    this.thread.setApprovalGateway(next ? this.#approvals(next) : undefined);
    this.#setPace();
    this.#updateIdle();
    return true;
  }

  /** Writes the log's buffer. */
  flush(): void {
    this.#log?.flush();
  }

  /** Stops following the thread and closes its log (the thread was unloaded). */
  close(): void {
    this.#stopListening();
    this.thread.setApprovalGateway(undefined);
    this.thread.setPace(() => undefined);
    this.#connections.clear();
    this.#log?.close();
  }

  #add(connection: Connection): void {
    this.#connections.add(connection);
    this.#setPace();
    this.#updateIdle();
  }

  #replay(connection: Connection, afterSeq: number): void {
    if (!this.#log) return;
    const replay = this.#log.readSince(afterSeq);
    if (!replay.complete) {
      connection.notify('warning', {
        threadId: this.thread.id,
        message: `Notifications ${afterSeq + 1}–${replay.firstKeptSeq - 1} of this thread are no longer kept; its turns, as returned by thread/resume, are complete.`,
      });
    }
    // Sent as logged, with the time each was first emitted.
    for (const { method, line } of replay.notifications) connection.notifySerialized(method as v2.ServerNotificationMethod, line);
  }

  /** A request the previous daemon never got an answer to is over: tell the followers. */
  #settleOrphanedRequests(): void {
    const orphans = this.#orphanedRequests;
    this.#orphanedRequests = [];
    for (const requestId of orphans) this.emit({ method: 'serverRequest/resolved', params: { threadId: this.thread.id, requestId } });
  }

  #approvals(connection: Connection): ClientApprovals {
    return new ClientApprovals(connection, {
      asked: (requestId) => {
        this.#log?.appendPendingRequest(requestId);
        this.#hooks.scheduleFlush();
      },
      // The connection asked is told even if it stopped following the thread meanwhile.
      resolved: (threadId, requestId) => this.emit({ method: 'serverRequest/resolved', params: { threadId, requestId } }, new Set([...this.#connections, connection])),
    });
  }

  #setPace(): void {
    const connections = this.#connections;
    this.thread.setPace(() => paceOf(connections));
  }

  #updateIdle(): void {
    const unused = this.#connections.size === 0 && this.thread.activeTurnId === undefined;
    if (!unused) {
      this.#idleSince = undefined;
    } else if (this.#idleSince === undefined) {
      this.#idleSince = Date.now();
      this.#hooks.unused();
    }
  }
}

/** A promise to wait for while any follower is behind; undefined (no wait) when none is. */
function paceOf(connections: ReadonlySet<Connection>): Promise<void> | undefined {
  let behind: Connection[] | undefined;
  for (const connection of connections) if (connection.behind) (behind ??= []).push(connection);
  if (!behind) return undefined;
  return Promise.all(behind.map((connection) => connection.whenWritable())).then(() => undefined);
}
