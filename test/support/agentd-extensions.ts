// The one place that lists protocol methods agentd adds beyond the Codex app-server reference.
// The daemon driver accepts these without a reference schema (a method in neither the reference nor
// this list is a schema violation). Extension *fields* on reference messages need no entry: the
// reference schema tolerates unknown properties.
// Once @agentd/protocol exports its method table, derive these lists from it instead.

export interface ProtocolExtensions {
  /** Server → client notifications. */
  readonly notifications: readonly string[];
  /** Client → server requests; their results are not schema-checked. */
  readonly requests: readonly string[];
  /** Server → client requests. */
  readonly serverRequests: readonly string[];
}

export const AGENTD_EXTENSIONS: ProtocolExtensions = {
  notifications: [],
  requests: [],
  serverRequests: [],
};

/** The global list plus per-test additions (a stand-in daemon's test-only methods, say). */
export function mergeExtensions(extra: Partial<ProtocolExtensions> | undefined): ProtocolExtensions {
  return {
    notifications: [...AGENTD_EXTENSIONS.notifications, ...(extra?.notifications ?? [])],
    requests: [...AGENTD_EXTENSIONS.requests, ...(extra?.requests ?? [])],
    serverRequests: [...AGENTD_EXTENSIONS.serverRequests, ...(extra?.serverRequests ?? [])],
  };
}
