/**
 * The `command/exec` processes a connection is running, by the `processId` the client gave them
 * (ids are connection-scoped). Follow-up requests (`/write`, `/terminate`, `/resize`) find their
 * process here. When the connection closes the daemon shuts down, which stops every command.
 */
import type { RunningProcess } from '@agentd/core';
import type { Connection } from './connection.js';
import { invalidRequest } from './errors.js';

export interface ExecSession {
  readonly process: RunningProcess;
  /** The client may write to stdin (`streamStdin`). */
  readonly streamStdin: boolean;
}

export class CommandExecSessions {
  /** A reserved id maps to undefined until its process has started. */
  readonly #byConnection = new Map<Connection, Map<string, ExecSession | undefined>>();

  /** Claims `processId` for a starting process; refuses one that is in use. */
  reserve(connection: Connection, processId: string): void {
    let sessions = this.#byConnection.get(connection);
    if (!sessions) this.#byConnection.set(connection, (sessions = new Map()));
    if (sessions.has(processId)) throw invalidRequest(`duplicate active command/exec process id: ${JSON.stringify(processId)}`);
    sessions.set(processId, undefined);
  }

  attach(connection: Connection, processId: string, session: ExecSession): void {
    this.#byConnection.get(connection)?.set(processId, session);
  }

  release(connection: Connection, processId: string): void {
    const sessions = this.#byConnection.get(connection);
    sessions?.delete(processId);
    if (sessions?.size === 0) this.#byConnection.delete(connection);
  }

  /** The running process with this id, or an error the client can read. */
  require(connection: Connection, processId: string): ExecSession {
    const session = this.#byConnection.get(connection)?.get(processId);
    if (!session) throw invalidRequest(`no active command/exec for process id ${JSON.stringify(processId)}`);
    return session;
  }
}
