/**
 * Connects threads to the connections that follow them. Each loaded thread has a channel (see
 * thread-channel.ts) that numbers its notifications with `seq`, logs them, and sends them to its
 * followers; the channel lives as long as the thread stays loaded, followed or not, so nothing a
 * thread does while nobody listens is lost. The most recent follower answers the thread's approval
 * questions; the slowest follower paces it.
 */
import type { Thread } from '@agentd/core';
import type { Connection } from './connection.js';
import { ThreadEventLog } from './events/thread-event-log.js';
import type { AnyNotification } from './mapping/notifications.js';
import { ThreadChannel } from './thread-channel.js';
import { numberedNotificationLine } from './transport/numbered-line.js';

export interface ThreadHubOptions {
  /** `AGENTD_HOME`: event logs live under `events/`. */
  readonly home: string;
  /** A loaded thread became unused: the idle sweeper may have work. */
  readonly onUnused?: () => void;
}

export class ThreadHub {
  readonly #home: string;
  readonly #onUnused: () => void;
  readonly #channels = new Map<string, ThreadChannel>();
  /** Every open connection: thread lifecycle notifications (archived, closed…) go to all of them. */
  readonly #connections = new Set<Connection>();
  #flushScheduled = false;

  constructor(options: ThreadHubOptions) {
    this.#home = options.home;
    this.#onUnused = options.onUnused ?? (() => undefined);
  }

  addConnection(connection: Connection): void {
    this.#connections.add(connection);
  }

  /** The thread's channel, opened (with its event log) on first use. */
  attach(thread: Thread): ThreadChannel {
    let channel = this.#channels.get(thread.id);
    // A channel of an earlier load of the thread (unloaded while this one loaded) is done.
    if (channel && channel.thread !== thread) {
      channel.close();
      channel = undefined;
    }
    if (!channel) {
      const log = thread.ephemeral ? undefined : ThreadEventLog.open(ThreadEventLog.dirFor(this.#home, thread.id));
      channel = new ThreadChannel(thread, log, { scheduleFlush: () => this.#scheduleFlush(), unused: () => queueMicrotask(this.#onUnused) });
      this.#channels.set(thread.id, channel);
    }
    return channel;
  }

  /**
   * The connection follows the thread. `start()` must be called once the response is written:
   * with `afterSeq` it replays what the connection missed before live notifications flow.
   */
  subscribe(thread: Thread, connection: Connection, options: { afterSeq?: number } = {}): { start(): void } {
    return this.attach(thread).subscribe(connection, options.afterSeq);
  }

  /** Stops sending the thread's notifications to the connection; false if it did not follow it. */
  unsubscribe(threadId: string, connection: Connection): boolean {
    return this.#channels.get(threadId)?.unsubscribe(connection) ?? false;
  }

  isSubscribed(threadId: string, connection: Connection): boolean {
    return this.#channels.get(threadId)?.connections.has(connection) ?? false;
  }

  subscriberCount(threadId: string): number {
    return this.#channels.get(threadId)?.connections.size ?? 0;
  }

  /** The thread's current `seq` (0 before its first notification). */
  seqOf(threadId: string): number {
    return this.#channels.get(threadId)?.seq ?? 0;
  }

  /** Sends a notification about a loaded thread to its followers and `also`, numbered and logged. */
  notify(threadId: string, notification: AnyNotification, also?: Connection): void {
    const channel = this.#channels.get(threadId);
    if (!channel) return;
    const to = new Set(channel.connections);
    if (also) to.add(also);
    channel.emit(notification, to);
  }

  /**
   * Tells every connection about a thread that is not loaded (archived, unarchived): the
   * notification still takes the thread's next `seq` and goes into its log.
   */
  broadcastStored(threadId: string, notification: AnyNotification): void {
    const channel = this.#channels.get(threadId);
    if (channel) {
      channel.emit(notification, this.#connections);
      return;
    }
    const log = ThreadEventLog.open(ThreadEventLog.dirFor(this.#home, threadId));
    const seq = log.lastSeq + 1;
    const line = numberedNotificationLine(notification.method, notification.params, seq, Date.now());
    log.append(notification.method, seq, line);
    log.close();
    for (const connection of this.#connections) connection.notifySerialized(notification.method, line);
  }

  /** The thread was unloaded: `thread/closed` to every connection, then its channel closes. */
  release(thread: Thread): void {
    const channel = this.#channels.get(thread.id);
    if (!channel || channel.thread !== thread) return;
    const threadId = thread.id;
    channel.emit({ method: 'thread/closed', params: { threadId } }, this.#connections);
    this.#channels.delete(threadId);
    channel.close();
  }

  /** Loaded threads nobody has followed, and that ran nothing, for `idleMs` or longer. */
  idleThreads(now: number, idleMs: number): string[] {
    const idle: string[] = [];
    for (const [threadId, channel] of this.#channels) {
      const since = channel.idleSince;
      if (since !== undefined && now - since >= idleMs) idle.push(threadId);
    }
    return idle;
  }

  /** Whether the thread is still unused since `idleMs` ago. */
  isIdle(threadId: string, now: number, idleMs: number): boolean {
    const since = this.#channels.get(threadId)?.idleSince;
    return since !== undefined && now - since >= idleMs;
  }

  /** Whether some loaded thread is unused (the idle sweeper runs only then). */
  get hasUnusedThreads(): boolean {
    for (const channel of this.#channels.values()) if (channel.idleSince !== undefined) return true;
    return false;
  }

  /** Writes every buffered log line; runs before the wire is written, so the log is never behind it. */
  flushLogs(): void {
    this.#flushScheduled = false;
    for (const channel of this.#channels.values()) channel.flush();
  }

  /** Closes every log (daemon shutdown: the threads were closed first). */
  close(): void {
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => this.flushLogs());
  }
}
