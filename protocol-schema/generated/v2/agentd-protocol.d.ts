/* eslint-disable */
/**
 * agentd protocol v2: TypeScript declarations generated from agentd-protocol.schema.json.
 * Do not edit by hand; change the zod schemas in protocol-schema/src/v2 and run `npm run generate`.
 */

/**
 * An absolute, normalized filesystem path on the server host.
 */
export type AbsolutePathBuf = string;
/**
 * How the server authenticates to its model provider.
 */
export type Account =
  | {
      type: 'apiKey';
    }
  | {
      type: 'chatgpt';
      /**
       * Email of the account, if known.
       */
      email: string | null;
      planType: PlanType;
      /**
       * Selected workspace, if any.
       */
      workspaceName?: string | null;
    }
  | {
      type: 'amazonBedrock';
      /**
       * Whether the server manages the credentials.
       */
      usesCodexManagedCredentials?: boolean;
    }
  | {
      type: 'gcp';
    };
/**
 * A ChatGPT subscription plan.
 */
export type PlanType =
  | 'free'
  | 'go'
  | 'plus'
  | 'pro'
  | 'prolite'
  | 'promax'
  | 'team'
  | 'self_serve_business_prolite'
  | 'self_serve_business_usage_based'
  | 'business'
  | 'ent26'
  | 'enterprise_cbp_automation'
  | 'enterprise_cbp_usage_based'
  | 'enterprise'
  | 'edu'
  | 'edu_plus'
  | 'edu_pro'
  | 'sci'
  | 'sci_plus'
  | 'unknown';
/**
 * How the message reaches the user, when not inline.
 */
export type AgentMessageDelivery = 'async';
/**
 * What kind of assistant text this is: progress narration, an answer more output may follow, or the final answer. Absent when the model does not say.
 */
export type MessagePhase = 'commentary' | 'partial_answer' | 'final_answer';
/**
 * Position of a sub-agent in its agent tree.
 */
export type AgentPath = string;
/**
 * Who decides approval requests. agentd routes every request to the user (`user`); the other values are accepted for compatibility.
 */
export type ApprovalsReviewer = 'user' | 'auto_review' | 'guardian_subagent';
/**
 * When the user is asked before the agent acts: `untrusted` asks for everything except known-safe reads, `on-request` lets the model ask to leave the sandbox, `never` never asks (failures go back to the model). The object form sets each category separately.
 */
export type AskForApproval =
  | ('untrusted' | 'on-request' | 'never')
  | {
      /**
       * Per-category switches: `true` means the user is asked, `false` means it is refused.
       */
      granular: {
        /**
         * Ask before a command leaves the sandbox.
         */
        sandbox_approval: boolean;
        /**
         * Ask when a command-policy rule says to prompt.
         */
        rules: boolean;
        /**
         * Forward MCP servers’ elicitation requests to the user.
         */
        mcp_elicitations: boolean;
        /**
         * Ask when the model requests extra permissions.
         */
        request_permissions?: boolean;
        /**
         * Ask before a skill runs.
         */
        skill_approval?: boolean;
      };
    };
/**
 * Machine-readable category of a turn error, so clients can react (retry, re-login, compact).
 */
export type CodexErrorInfo =
  | (
      | 'contextWindowExceeded'
      | 'sessionBudgetExceeded'
      | 'usageLimitExceeded'
      | 'rateLimitExceeded'
      | 'flexUnavailable'
      | 'serverOverloaded'
      | 'modelNotFound'
      | 'policyCapacityUnavailable'
      | 'cyberPolicy'
      | 'misalignmentPolicyViolation'
      | 'tooManyDenials'
      | 'internalServerError'
      | 'unauthorized'
      | 'badRequest'
      | 'threadRollbackFailed'
      | 'sandboxError'
      | 'other'
      | 'inferenceHookDenied'
    )
  | {
      /**
       * Upstream HTTP detail.
       */
      httpConnectionFailed: {
        /**
         * HTTP status of the upstream reply, if any.
         */
        httpStatusCode?: number | null;
      };
    }
  | {
      /**
       * Upstream HTTP detail.
       */
      responseStreamConnectionFailed: {
        /**
         * HTTP status of the upstream reply, if any.
         */
        httpStatusCode?: number | null;
      };
    }
  | {
      /**
       * Upstream HTTP detail.
       */
      responseStreamDisconnected: {
        /**
         * HTTP status of the upstream reply, if any.
         */
        httpStatusCode?: number | null;
      };
    }
  | {
      /**
       * Upstream HTTP detail.
       */
      responseTooManyFailedAttempts: {
        /**
         * HTTP status of the upstream reply, if any.
         */
        httpStatusCode?: number | null;
      };
    }
  | {
      activeTurnNotSteerable: {
        turnKind: NonSteerableTurnKind;
      };
    }
  | string
  | {
      [k: string]: unknown | undefined;
    };
/**
 * A kind of turn that does not accept extra input while running.
 */
export type NonSteerableTurnKind = 'review' | 'compact';
/**
 * Lifecycle state of a sub-agent.
 */
export type CollabAgentStatus =
  'pendingInit' | 'running' | 'interrupted' | 'completed' | 'errored' | 'shutdown' | 'notFound';
/**
 * The multi-agent operation called.
 */
export type CollabAgentTool =
  | 'spawnAgent'
  | 'sendInput'
  | 'resumeAgent'
  | 'wait'
  | 'closeAgent'
  | 'sendMessage'
  | 'followupTask'
  | 'interruptAgent'
  | 'listAgents';
/**
 * Progress of a multi-agent tool call.
 */
export type CollabAgentToolCallStatus = 'inProgress' | 'completed' | 'failed' | 'interrupted';
/**
 * How hard the model should think, as a model-defined name such as `low`, `medium` or `high`.
 */
export type ReasoningEffort = string;
/**
 * A collaboration mode: plan first, or act directly.
 */
export type ModeKind = 'plan' | 'default';
/**
 * A best-effort reading of what a command does, for display.
 */
export type CommandAction =
  | {
      type: 'read';
      /**
       * The part of the command line doing it.
       */
      command: string;
      /**
       * Short name of the file read.
       */
      name: string;
      /**
       * The file read.
       */
      path: LegacyAppPathString;
    }
  | {
      type: 'listFiles';
      /**
       * The part of the command line doing it.
       */
      command: string;
      /**
       * The directory listed, if known.
       */
      path?: string | null;
    }
  | {
      type: 'search';
      /**
       * The part of the command line doing it.
       */
      command: string;
      /**
       * What is searched for, if known.
       */
      query?: string | null;
      /**
       * Where it is searched, if known.
       */
      path?: string | null;
    }
  | {
      type: 'unknown';
      /**
       * The command line.
       */
      command: string;
    };
/**
 * A filesystem path as the server reports it, not guaranteed to be normalized.
 */
export type LegacyAppPathString = string;
/**
 * Which output stream bytes came from.
 */
export type CommandExecOutputStream = 'stdout' | 'stderr';
/**
 * The detailed sandbox a command or turn runs under.
 */
export type SandboxPolicy =
  | {
      type: 'dangerFullAccess';
    }
  | {
      type: 'readOnly';
      /**
       * Allow network access (default false).
       */
      networkAccess?: boolean;
    }
  | {
      type: 'externalSandbox';
      /**
       * Network access (default `restricted`).
       */
      networkAccess?: NetworkAccess;
    }
  | {
      type: 'workspaceWrite';
      /**
       * Extra writable directories besides the working directory (default none).
       */
      writableRoots?: AbsolutePathBuf[];
      /**
       * Allow network access (default false).
       */
      networkAccess?: boolean;
      /**
       * Do not make `$TMPDIR` writable (default false).
       */
      excludeTmpdirEnvVar?: boolean;
      /**
       * Do not make `/tmp` writable (default false).
       */
      excludeSlashTmp?: boolean;
    };
/**
 * Whether commands in an externally provided sandbox may use the network.
 */
export type NetworkAccess = 'restricted' | 'enabled';
/**
 * The user’s answer: `accept` runs it once, `acceptForSession` also allows it for the rest of the session, `decline` refuses (the model is told and goes on), `cancel` refuses and stops the turn.
 */
export type CommandExecutionApprovalDecision =
  | ('accept' | 'acceptForSession' | 'decline' | 'cancel')
  | {
      acceptWithExecpolicyAmendment: {
        /**
         * Command prefix to allow from now on.
         */
        execpolicy_amendment: string[];
      };
    }
  | {
      applyNetworkPolicyAmendment: {
        network_policy_amendment: NetworkPolicyAmendment;
      };
    };
/**
 * Whether a network rule lets traffic through.
 */
export type NetworkPolicyRuleAction = 'allow' | 'deny';
/**
 * What is to be approved: running a command, writing to a running one, or a user-typed command.
 */
export type CommandExecutionApprovalKind = 'command' | 'writeStdin' | 'humanCommand';
/**
 * The protocol of a blocked connection.
 */
export type NetworkApprovalProtocol = 'http' | 'https' | 'socks5Tcp' | 'socks5Udp';
/**
 * Who started the command and how.
 */
export type CommandExecutionSource = 'agent' | 'userShell' | 'unifiedExecStartup' | 'unifiedExecInteraction';
/**
 * Running, exited with 0, failed (non-zero exit, timeout, sandbox denial), or refused by the user.
 */
export type CommandExecutionStatus = 'inProgress' | 'completed' | 'failed' | 'declined';
/**
 * How much of its reasoning the model summarizes for the user; `none` turns summaries off.
 */
export type ReasoningSummary = 'auto' | 'concise' | 'detailed' | 'none';
/**
 * How long and detailed the model’s answers should be, for models that support it.
 */
export type Verbosity = 'low' | 'medium' | 'high';
/**
 * The coarse sandbox setting, as in `sandbox_mode` of config.toml: read everything and write nothing, write inside the workspace, or no sandbox at all.
 */
export type SandboxMode = 'read-only' | 'workspace-write' | 'danger-full-access';
/**
 * Where a config layer comes from.
 */
export type ConfigLayerSource =
  | {
      type: 'packagedDefaults';
      /**
       * The defaults file.
       */
      file: AbsolutePathBuf;
    }
  | {
      type: 'mdm';
      /**
       * Preference domain.
       */
      domain: string;
      /**
       * Preference key.
       */
      key: string;
    }
  | {
      type: 'system';
      /**
       * The system config file.
       */
      file: AbsolutePathBuf;
    }
  | {
      type: 'enterpriseManaged';
      /**
       * Identifier of the layer.
       */
      id: string;
      /**
       * Name of the layer, for administrators.
       */
      name: string;
    }
  | {
      type: 'user';
      /**
       * The user’s config.toml.
       */
      file: AbsolutePathBuf;
      /**
       * Profile applied on top, if any.
       */
      profile?: string | null;
    }
  | {
      type: 'project';
      /**
       * The project folder.
       */
      dotCodexFolder: AbsolutePathBuf;
    }
  | {
      type: 'sessionFlags';
    }
  | {
      type: 'legacyManagedConfigTomlFromFile';
      /**
       * The file.
       */
      file: AbsolutePathBuf;
    }
  | {
      type: 'legacyManagedConfigTomlFromMdm';
    };
/**
 * A provider access program for security work.
 */
export type CyberAccessProgram = 'standard' | 'daybreakBlue' | 'daybreakRed';
/**
 * A content part of a client-side tool result.
 */
export type DynamicToolCallOutputContentItem =
  | {
      type: 'inputText';
      /**
       * Text output.
       */
      text: string;
    }
  | {
      type: 'inputImage';
      /**
       * Image URL.
       */
      imageUrl: string;
    }
  | {
      type: 'inputAudio';
      /**
       * Audio URL.
       */
      audioUrl: string;
    };
/**
 * Progress of a client-side tool call.
 */
export type DynamicToolCallStatus = 'inProgress' | 'completed' | 'failed';
/**
 * The user’s answer: apply once, apply and allow such writes for the session, refuse (the model is told), or refuse and stop the turn.
 */
export type FileChangeApprovalDecision = 'accept' | 'acceptForSession' | 'decline' | 'cancel';
/**
 * What a patch does to one file.
 */
export type PatchChangeKind =
  | {
      type: 'add';
    }
  | {
      type: 'delete';
    }
  | {
      type: 'update';
      /**
       * New path when the file is also renamed.
       */
      move_path?: string | null;
    };
/**
 * Pending or being applied, applied, failed to apply, or refused by the user.
 */
export type PatchApplyStatus = 'inProgress' | 'completed' | 'failed' | 'declined';
/**
 * A tool result: plain text or content parts.
 */
export type FunctionCallOutputBody = string | FunctionCallOutputContentItem[];
/**
 * A content part of a tool result, in the Responses API’s shape.
 */
export type FunctionCallOutputContentItem =
  | {
      type: 'input_text';
      /**
       * Text output.
       */
      text: string;
    }
  | {
      type: 'input_image';
      /**
       * Image URL (http(s) or data URL).
       */
      image_url?: string;
      /**
       * Uploaded file of the model provider.
       */
      file_id?: string;
      /**
       * Resolution hint for the model.
       */
      detail?: ImageDetail | null;
    }
  | {
      type: 'input_audio';
      /**
       * Audio URL (http(s) or data URL).
       */
      audio_url?: string;
      /**
       * Uploaded file of the model provider.
       */
      file_id?: string;
    }
  | {
      type: 'encrypted_content';
      /**
       * Opaque content only the provider can read.
       */
      encrypted_content: string;
    };
/**
 * The resolution the model should look at an image with.
 */
export type ImageDetail = 'auto' | 'low' | 'high' | 'original';
/**
 * Why image generation failed.
 */
export type ImageGenerationFailure = {
  type: 'usageLimitExceeded';
  /**
   * The limit reached.
   */
  limitId: string;
  /**
   * When it resets, in epoch seconds.
   */
  resetsAt?: number | null;
};
/**
 * A kind of input a model accepts.
 */
export type InputModality = 'text' | 'image' | 'audio';
/**
 * One unit of a turn, tagged by `type`.
 */
export type ThreadItem =
  | UserMessageThreadItem
  | HookPromptThreadItem
  | AgentMessageThreadItem
  | FunctionCallOutputThreadItem
  | PlanThreadItem
  | ReasoningThreadItem
  | CommandExecutionThreadItem
  | FileChangeThreadItem
  | McpToolCallThreadItem
  | DynamicToolCallThreadItem
  | CollabAgentToolCallThreadItem
  | SubAgentActivityThreadItem
  | WebSearchThreadItem
  | ImageViewThreadItem
  | SleepThreadItem
  | ImageGenerationThreadItem
  | EnteredReviewModeThreadItem
  | ExitedReviewModeThreadItem
  | ContextCompactionThreadItem;
/**
 * One piece of what the user sends in a turn.
 */
export type UserInput =
  | {
      type: 'text';
      /**
       * The text the user typed.
       */
      text: string;
      /**
       * Spans of `text` the client renders specially (default none).
       */
      text_elements?: TextElement[];
    }
  | {
      type: 'image';
      /**
       * Where to fetch the image (http(s) or data URL).
       */
      url?: string;
      /**
       * An uploaded file of the model provider.
       */
      fileId?: string;
      /**
       * Resolution hint for the model.
       */
      detail?: ImageDetail | null;
    }
  | {
      type: 'localImage';
      /**
       * Path of an image file on the server host.
       */
      path: string;
      /**
       * Resolution hint for the model.
       */
      detail?: ImageDetail | null;
    }
  | {
      type: 'audio';
      /**
       * Where to fetch the audio (http(s) or data URL).
       */
      url?: string;
      /**
       * An uploaded file of the model provider.
       */
      fileId?: string;
    }
  | {
      type: 'localAudio';
      /**
       * Path of an audio file on the server host.
       */
      path: string;
    }
  | {
      type: 'skill';
      /**
       * Name of the skill.
       */
      name: string;
      /**
       * Path of the skill’s SKILL.md.
       */
      path: string;
    }
  | {
      type: 'mention';
      /**
       * Display name of the mentioned thing.
       */
      name: string;
      /**
       * What is mentioned, as a path or URI.
       */
      path: string;
    };
/**
 * Progress of an MCP tool call.
 */
export type McpToolCallStatus = 'inProgress' | 'completed' | 'failed';
/**
 * How an MCP app UI prefers to be shown.
 */
export type McpAppDisplayMode = 'inline' | 'fullscreen';
/**
 * What happened to a sub-agent.
 */
export type SubAgentActivityKind = 'started' | 'interacted' | 'interrupted' | 'completed';
/**
 * What a web search step did.
 */
export type WebSearchAction =
  | {
      type: 'search';
      /**
       * The query, if a single one.
       */
      query?: string | null;
      /**
       * The queries, if several.
       */
      queries?: string[] | null;
    }
  | {
      type: 'openPage';
      /**
       * The page opened.
       */
      url?: string | null;
    }
  | {
      type: 'findInPage';
      /**
       * The page searched.
       */
      url?: string | null;
      /**
       * What was looked for.
       */
      pattern?: string | null;
    }
  | {
      type: 'other';
    };
/**
 * Identifies a request so its response can be matched to it: a string or an integer. Each side numbers its own requests; the ids of the two directions are unrelated.
 */
export type RequestId = string | number;
/**
 * How much to report per server: everything, or only tools and login state.
 */
export type McpServerStatusDetail = 'full' | 'toolsAndAuthOnly';
/**
 * How the server authenticates to an MCP server.
 */
export type McpAuthStatus = 'unknown' | 'unsupported' | 'notLoggedIn' | 'bearerToken' | 'oAuth';
/**
 * State of the connection to an MCP server.
 */
export type McpServerConnectionStatus =
  'notStarted' | 'starting' | 'connected' | 'authenticationRequired' | 'failed' | 'cancelled' | 'disabled';
/**
 * A failure the user can fix.
 */
export type McpServerStartupFailureReason = 'reauthenticationRequired';
/**
 * Progress of starting an MCP server.
 */
export type McpServerStartupState = 'starting' | 'ready' | 'failed' | 'cancelled';
/**
 * Which multi-agent runtime a model supports.
 */
export type MultiAgentVersion = 'disabled' | 'v1' | 'v2';
/**
 * A legacy response-style setting; accepted for compatibility, it has no effect.
 */
export type Personality = 'none' | 'friendly' | 'pragmatic';
/**
 * Which kind of client created a thread.
 */
export type SessionSource =
  | ('cli' | 'vscode' | 'exec' | 'appServer' | 'unknown')
  | {
      custom: string;
    }
  | {
      subAgent: SubAgentSource;
    };
/**
 * Why a sub-agent thread exists.
 */
export type SubAgentSource =
  | ('review' | 'compact' | 'memory_consolidation')
  | {
      thread_spawn: {
        /**
         * The thread that spawned it.
         */
        parent_thread_id: ThreadId;
        /**
         * Nesting depth below the root thread.
         */
        depth: number;
        /**
         * Position in the agent tree.
         */
        agent_path?: AgentPath | null;
        /**
         * Nickname of the sub-agent.
         */
        agent_nickname?: string | null;
        /**
         * Role of the sub-agent.
         */
        agent_role?: string | null;
      };
    }
  | {
      other: string;
    };
/**
 * The opaque identifier of a thread (a UUID in practice).
 */
export type ThreadId = string;
/**
 * Where a skill is installed.
 */
export type SkillScope = 'user' | 'repo' | 'system' | 'admin';
/**
 * Ascending or descending order.
 */
export type SortDirection = 'asc' | 'desc';
/**
 * Runtime state of a thread in this server.
 */
export type ThreadStatus =
  | {
      type: 'notLoaded';
    }
  | {
      type: 'idle';
    }
  | {
      type: 'systemError';
    }
  | {
      type: 'active';
      /**
       * What the running turn waits for; empty if nothing.
       */
      activeFlags: ThreadActiveFlag[];
    };
/**
 * Why an active thread is waiting for the client.
 */
export type ThreadActiveFlag = 'waitingOnApproval' | 'waitingOnUserInput';
/**
 * A free-form label saying which product surface created a thread, for analytics.
 */
export type ThreadSource = string;
/**
 * How the thread’s history is stored and paged.
 */
export type ThreadHistoryMode = 'legacy' | 'paginated';
/**
 * How many of a turn’s items `items` holds: none, a summary (e.g. the final answer), or all.
 */
export type TurnItemsView = 'notLoaded' | 'summary' | 'full';
/**
 * Whether a turn is running, finished normally, was interrupted, or failed.
 */
export type TurnStatus = 'completed' | 'interrupted' | 'failed' | 'inProgress';
/**
 * One working directory, or several, to filter by.
 */
export type ThreadListCwdFilter = string | string[];
/**
 * What to order a thread listing by.
 */
export type ThreadSortKey = 'created_at' | 'updated_at' | 'recency_at' | 'section_position';
/**
 * A kind of thread origin to filter a listing by.
 */
export type ThreadSourceKind =
  | 'cli'
  | 'vscode'
  | 'exec'
  | 'appServer'
  | 'subAgent'
  | 'subAgentReview'
  | 'subAgentCompact'
  | 'subAgentThreadSpawn'
  | 'subAgentOther'
  | 'unknown';
/**
 * Why a client starts a thread: at its own startup, or because the user cleared the previous one.
 */
export type ThreadStartSource = 'startup' | 'clear';
/**
 * What unsubscribing did: nothing (thread not loaded, or not subscribed), or unsubscribed.
 */
export type ThreadUnsubscribeStatus = 'notLoaded' | 'notSubscribed' | 'unsubscribed';
/**
 * Progress of a plan step.
 */
export type TurnPlanStepStatus = 'pending' | 'inProgress' | 'completed';

/**
 * More text of an `agentMessage` item.
 */
export interface AgentMessageDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A display instruction attached by moderation.
 */
export interface AgentMessageDisplay {
  /**
   * What the client should do with the answer; unknown actions are left alone.
   */
  action: string;
  /**
   * Kind of block, when the action hides the answer.
   */
  blockType?: string | null;
  /**
   * Provider-specific display hint.
   */
  checkTrustedContacts?: boolean | null;
  /**
   * Provider-specific display hint.
   */
  cyberTrustedAccess?: boolean | null;
}
/**
 * Moderation outcome for an answer.
 */
export interface AgentMessageModeration {
  /**
   * Whether moderation changed or flagged the answer.
   */
  moderated: boolean;
  /**
   * How to present it, if special.
   */
  display?: AgentMessageDisplay | null;
}
/**
 * Text the model wrote to the user.
 */
export interface AgentMessageThreadItem {
  type: 'agentMessage';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The message text; empty in `item/started`, complete in `item/completed`.
   */
  text: string;
  /**
   * What kind of text this is, when the model says.
   */
  phase?: MessagePhase | null;
  /**
   * Non-inline delivery, if any.
   */
  delivery?: AgentMessageDelivery | null;
  /**
   * Memories the message relied on.
   */
  memoryCitation?: MemoryCitation | null;
  /**
   * Moderation outcome, if any.
   */
  moderation?: AgentMessageModeration | null;
  /**
   * Follow-up questions for the user.
   */
  questions?: AsyncUserInputQuestion[] | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * Stored memories an answer relied on.
 */
export interface MemoryCitation {
  /**
   * The cited passages.
   */
  entries: MemoryCitationEntry[];
  /**
   * Threads the cited memories came from.
   */
  threadIds: string[];
}
/**
 * One cited passage of a memory file.
 */
export interface MemoryCitationEntry {
  /**
   * The memory file.
   */
  path: string;
  /**
   * First cited line.
   */
  lineStart: number;
  /**
   * Last cited line.
   */
  lineEnd: number;
  /**
   * Why it is cited.
   */
  note: string;
}
/**
 * A question the answer leaves for the user.
 */
export interface AsyncUserInputQuestion {
  /**
   * The question.
   */
  title: string;
  /**
   * Suggested answers, if any.
   */
  options?: string[] | null;
}
/**
 * A span of bytes in a UTF-8 string.
 */
export interface ByteRange {
  /**
   * First byte, inclusive.
   */
  start: number;
  /**
   * Last byte, exclusive.
   */
  end: number;
}
/**
 * Who is connecting.
 */
export interface ClientInfo {
  /**
   * Machine-readable name of the client, e.g. `zed` or `my_script`.
   */
  name: string;
  /**
   * Human-readable name of the client.
   */
  title?: string | null;
  /**
   * Version of the client.
   */
  version: string;
}
/**
 * What a sub-agent is doing.
 */
export interface CollabAgentState {
  status: CollabAgentStatus;
  /**
   * Latest message of the sub-agent, if any.
   */
  message?: string | null;
}
/**
 * A call that manages sub-agents.
 */
export interface CollabAgentToolCallThreadItem {
  type: 'collabAgentToolCall';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  tool: CollabAgentTool;
  status: CollabAgentToolCallStatus;
  /**
   * The thread that made the call.
   */
  senderThreadId: string;
  /**
   * The sub-agent threads addressed.
   */
  receiverThreadIds: string[];
  /**
   * State of each sub-agent, by thread id.
   */
  agentsStates: {
    [k: string]: CollabAgentState | undefined;
  };
  /**
   * What the sub-agent was asked, if anything.
   */
  prompt?: string | null;
  /**
   * Model of the sub-agent, if set.
   */
  model?: string | null;
  /**
   * Reasoning effort of the sub-agent, if set.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * The collaboration mode of a thread and its settings.
 */
export interface CollaborationMode {
  mode: ModeKind;
  settings: Settings;
}
/**
 * The settings a collaboration mode applies.
 */
export interface Settings {
  /**
   * Model used in this mode.
   */
  model: string;
  /**
   * Reasoning effort used in this mode.
   */
  reasoning_effort?: ReasoningEffort | null;
  /**
   * Extra developer instructions of this mode.
   */
  developer_instructions?: string | null;
}
/**
 * Output of a streaming `command/exec`.
 */
export interface CommandExecOutputDeltaNotification {
  /**
   * The `processId` the client gave in `command/exec`.
   */
  processId: string;
  stream: CommandExecOutputStream;
  /**
   * The new bytes, base64-encoded.
   */
  deltaBase64: string;
  /**
   * True once the stream hit its byte cap; later bytes are dropped.
   */
  capReached: boolean;
}
/**
 * Run one command; the response comes when it exits, after all of its output notifications.
 */
export interface CommandExecParams {
  /**
   * Program and arguments; must not be empty.
   */
  command: string[];
  /**
   * Working directory; defaults to the server’s.
   */
  cwd?: string | null;
  /**
   * Environment changes: a string sets a variable, null removes it.
   */
  env?: {
    [k: string]: string | null | undefined;
  } | null;
  /**
   * Sandbox to run in; defaults to the configured one.
   */
  sandboxPolicy?: SandboxPolicy | null;
  /**
   * A connection-scoped id the client picks; needed for streaming, stdin, tty and the follow-up requests.
   */
  processId?: string | null;
  /**
   * Run in a pseudo-terminal (implies streaming stdin and output).
   */
  tty?: boolean;
  /**
   * Initial terminal size when `tty` is set.
   */
  size?: CommandExecTerminalSize | null;
  /**
   * Accept stdin through `command/exec/write`.
   */
  streamStdin?: boolean;
  /**
   * Send output as `command/exec/outputDelta` notifications instead of in the response.
   */
  streamStdoutStderr?: boolean;
  /**
   * Kill the command after this long; the server has a default.
   */
  timeoutMs?: number | null;
  /**
   * Never time out (not with `timeoutMs`).
   */
  disableTimeout?: boolean;
  /**
   * Keep at most this many bytes of each stream.
   */
  outputBytesCap?: number | null;
  /**
   * Keep all output (not with `outputBytesCap`).
   */
  disableOutputCap?: boolean;
}
/**
 * Size of a pseudo-terminal.
 */
export interface CommandExecTerminalSize {
  /**
   * Height in character cells.
   */
  rows: number;
  /**
   * Width in character cells.
   */
  cols: number;
}
/**
 * Resize the pseudo-terminal of a running command.
 */
export interface CommandExecResizeParams {
  /**
   * The `processId` the client gave in `command/exec`.
   */
  processId: string;
  /**
   * The new size.
   */
  size: CommandExecTerminalSize;
}
/**
 * The terminal was resized.
 */
export interface CommandExecResizeResponse {}
/**
 * How the command ended and what it printed.
 */
export interface CommandExecResponse {
  /**
   * Exit code of the process.
   */
  exitCode: number;
  /**
   * Captured stdout; empty when it was streamed.
   */
  stdout: string;
  /**
   * Captured stderr; empty when it was streamed.
   */
  stderr: string;
}
/**
 * Kill a running command.
 */
export interface CommandExecTerminateParams {
  /**
   * The `processId` the client gave in `command/exec`.
   */
  processId: string;
}
/**
 * The command is being killed; its `command/exec` response follows.
 */
export interface CommandExecTerminateResponse {}
/**
 * Write to the stdin of a running command, or close it.
 */
export interface CommandExecWriteParams {
  /**
   * The `processId` the client gave in `command/exec`.
   */
  processId: string;
  /**
   * Bytes to write to stdin, base64-encoded.
   */
  deltaBase64?: string | null;
  /**
   * Close stdin after writing.
   */
  closeStdin?: boolean;
}
/**
 * The bytes were written.
 */
export interface CommandExecWriteResponse {}
/**
 * A network rule to add for later requests.
 */
export interface NetworkPolicyAmendment {
  /**
   * The host the rule is about.
   */
  host: string;
  action: NetworkPolicyRuleAction;
}
/**
 * More output of a running command.
 */
export interface CommandExecutionOutputDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Ask the user whether a command may run.
 */
export interface CommandExecutionRequestApprovalParams {
  /**
   * The thread of the waiting turn.
   */
  threadId: string;
  /**
   * The waiting turn.
   */
  turnId: string;
  /**
   * The item awaiting the decision (sent in `item/started` just before).
   */
  itemId: string;
  /**
   * When the server started waiting, in epoch milliseconds.
   */
  startedAtMs: number;
  /**
   * What is to be approved (default `command`).
   */
  kind?: CommandExecutionApprovalKind;
  /**
   * Distinguishes several approvals for one item; null for one.
   */
  approvalId?: string | null;
  /**
   * The command line.
   */
  command?: string | null;
  /**
   * Where it would run.
   */
  cwd?: LegacyAppPathString | null;
  /**
   * What the command does, for display.
   */
  commandActions?: CommandAction[] | null;
  /**
   * Why approval is needed, e.g. the sandbox refused it.
   */
  reason?: string | null;
  /**
   * The environment it would run in.
   */
  environmentId?: string | null;
  /**
   * For a network approval: the connection.
   */
  networkApprovalContext?: NetworkApprovalContext | null;
  /**
   * A prefix rule the user could allow.
   */
  proposedExecpolicyAmendment?: string[] | null;
  /**
   * Network rules the user could add.
   */
  proposedNetworkPolicyAmendments?: NetworkPolicyAmendment[] | null;
  /**
   * The decisions the client may offer (sent by the reference server, not in its schema).
   */
  availableDecisions?: CommandExecutionApprovalDecision[];
}
/**
 * The connection a network approval is about.
 */
export interface NetworkApprovalContext {
  /**
   * The host the command tried to reach.
   */
  host: string;
  protocol: NetworkApprovalProtocol;
}
/**
 * The user’s decision on a command.
 */
export interface CommandExecutionRequestApprovalResponse {
  decision: CommandExecutionApprovalDecision;
}
/**
 * A shell command the agent runs.
 */
export interface CommandExecutionThreadItem {
  type: 'commandExecution';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The command line as it is run.
   */
  command: string;
  /**
   * Where it runs.
   */
  cwd: LegacyAppPathString;
  status: CommandExecutionStatus;
  /**
   * What the command does, for display.
   */
  commandActions: CommandAction[];
  /**
   * Who started it (default `agent`).
   */
  source?: CommandExecutionSource;
  /**
   * Operating-system process id once it runs.
   */
  processId?: string | null;
  /**
   * Interleaved stdout and stderr, once it finished.
   */
  aggregatedOutput?: string | null;
  /**
   * Exit code; null while running or when it never ran.
   */
  exitCode?: number | null;
  /**
   * How long it ran, in milliseconds.
   */
  durationMs?: number | null;
  /**
   * The plugin that ran it, if any.
   */
  pluginId?: string | null;
  /**
   * The script file run, if any.
   */
  scriptPath?: string | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * The effective configuration, keyed as in config.toml; other keys are passed through as they are.
 */
export interface Config {
  /**
   * Default model.
   */
  model?: string | null;
  /**
   * Default model provider (a key of `model_providers`).
   */
  model_provider?: string | null;
  /**
   * Default reasoning effort.
   */
  model_reasoning_effort?: ReasoningEffort | null;
  /**
   * Default reasoning summary setting.
   */
  model_reasoning_summary?: ReasoningSummary | null;
  /**
   * Default answer verbosity.
   */
  model_verbosity?: Verbosity | null;
  /**
   * Context window of the model, in tokens.
   */
  model_context_window?: number | null;
  /**
   * Compact the history beyond this many tokens.
   */
  model_auto_compact_token_limit?: number | null;
  /**
   * Model used for code review.
   */
  review_model?: string | null;
  /**
   * Default service tier.
   */
  service_tier?: string | null;
  /**
   * Default approval policy.
   */
  approval_policy?: AskForApproval | null;
  /**
   * Default approval reviewer.
   */
  approvals_reviewer?: ApprovalsReviewer | null;
  /**
   * Default sandbox mode.
   */
  sandbox_mode?: SandboxMode | null;
  /**
   * Settings of `workspace-write`.
   */
  sandbox_workspace_write?: SandboxWorkspaceWrite | null;
  /**
   * Replacement base instructions.
   */
  instructions?: string | null;
  /**
   * Extra developer instructions.
   */
  developer_instructions?: string | null;
  /**
   * Replacement prompt used to summarize history.
   */
  compact_prompt?: string | null;
  [k: string]: unknown | undefined;
}
/**
 * The `[sandbox_workspace_write]` table of config.toml.
 */
export interface SandboxWorkspaceWrite {
  /**
   * Extra writable directories.
   */
  writable_roots?: string[];
  /**
   * Allow network access.
   */
  network_access?: boolean;
  /**
   * Do not make `$TMPDIR` writable.
   */
  exclude_tmpdir_env_var?: boolean;
  /**
   * Do not make `/tmp` writable.
   */
  exclude_slash_tmp?: boolean;
}
/**
 * One layer of configuration.
 */
export interface ConfigLayer {
  name: ConfigLayerSource;
  /**
   * Version (content hash) of the layer.
   */
  version: string;
  /**
   * The layer’s own settings.
   */
  config: {
    [k: string]: unknown | undefined;
  };
  /**
   * Why the layer is ignored, if it is.
   */
  disabledReason?: string | null;
}
/**
 * Which layer a value came from.
 */
export interface ConfigLayerMetadata {
  name: ConfigLayerSource;
  /**
   * Version (content hash) of the layer.
   */
  version: string;
}
/**
 * Read the effective configuration.
 */
export interface ConfigReadParams {
  /**
   * Resolve project config layers as seen from this directory.
   */
  cwd?: string | null;
  /**
   * Also return each config layer separately.
   */
  includeLayers?: boolean;
}
/**
 * The effective configuration and where it came from.
 */
export interface ConfigReadResponse {
  config: Config;
  /**
   * For each dotted key: the layer that set it.
   */
  origins: {
    [k: string]: ConfigLayerMetadata | undefined;
  };
  /**
   * The layers, highest precedence first, if asked for.
   */
  layers?: ConfigLayer[] | null;
}
/**
 * Something in the configuration was ignored or is suspicious.
 */
export interface ConfigWarningNotification {
  /**
   * The problem in one line.
   */
  summary: string;
  /**
   * More detail, if any.
   */
  details?: string | null;
  /**
   * The config file concerned, if any.
   */
  path?: string | null;
  /**
   * Where in the file, if known.
   */
  range?: TextRange | null;
}
/**
 * A span of a text file.
 */
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}
/**
 * A position in a text file.
 */
export interface TextPosition {
  /**
   * Line, counted from 1.
   */
  line: number;
  /**
   * Column, counted from 1 in characters.
   */
  column: number;
}
/**
 * The thread’s history was compacted.
 */
export interface ContextCompactedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * The history before this point was replaced by a summary to free context.
 */
export interface ContextCompactionThreadItem {
  type: 'contextCompaction';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A call to a tool the client implements.
 */
export interface DynamicToolCallThreadItem {
  type: 'dynamicToolCall';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * Name of the tool.
   */
  tool: string;
  /**
   * Namespace of the tool, if any.
   */
  namespace?: string | null;
  /**
   * The arguments the model passed, as JSON.
   */
  arguments: {
    [k: string]: unknown | undefined;
  };
  status: DynamicToolCallStatus;
  /**
   * The result, once known.
   */
  contentItems?: DynamicToolCallOutputContentItem[] | null;
  /**
   * Whether the client reported success.
   */
  success?: boolean | null;
  /**
   * How long the call took, in milliseconds.
   */
  durationMs?: number | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A code review started.
 */
export interface EnteredReviewModeThreadItem {
  type: 'enteredReviewMode';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * What is being reviewed.
   */
  review: string;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A turn hit an error (final unless `willRetry`).
 */
export interface ErrorNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  error: TurnError;
  /**
   * True when the server retries on its own; the turn goes on.
   */
  willRetry: boolean;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Why a turn failed or was cut short.
 */
export interface TurnError {
  /**
   * What went wrong, for people.
   */
  message: string;
  /**
   * What went wrong, for programs.
   */
  codexErrorInfo?: CodexErrorInfo | null;
  /**
   * More detail, e.g. the upstream error body.
   */
  additionalDetails?: string | null;
  /**
   * Details of a policy block, if that was it.
   */
  misalignment?: MisalignmentErrorDetails | null;
}
/**
 * Details of a provider policy block.
 */
export interface MisalignmentErrorDetails {
  /**
   * Open-ended category of the block.
   */
  errorType?: string | null;
  /**
   * Explanation to show before offering to continue.
   */
  detailedExplanation?: string | null;
  /**
   * Opaque target of the block.
   */
  reviewTarget?: string | null;
  /**
   * How to continue, if allowed.
   */
  steer?: MisalignmentSteer | null;
}
/**
 * How to continue after a policy block, if confirmed.
 */
export interface MisalignmentSteer {
  /**
   * Text to send as the next user input to continue.
   */
  message: string;
}
/**
 * A code review ended.
 */
export interface ExitedReviewModeThreadItem {
  type: 'exitedReviewMode';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The review’s result.
   */
  review: string;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * More output of applying a patch.
 */
export interface FileChangeOutputDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Ask the user whether a patch may be applied; the changes are in the `fileChange` item.
 */
export interface FileChangeRequestApprovalParams {
  /**
   * The thread of the waiting turn.
   */
  threadId: string;
  /**
   * The waiting turn.
   */
  turnId: string;
  /**
   * The item awaiting the decision (sent in `item/started` just before).
   */
  itemId: string;
  /**
   * When the server started waiting, in epoch milliseconds.
   */
  startedAtMs: number;
  /**
   * Why approval is needed.
   */
  reason?: string | null;
  /**
   * A directory the user could make writable for the session.
   */
  grantRoot?: string | null;
}
/**
 * The user’s decision on a patch.
 */
export interface FileChangeRequestApprovalResponse {
  decision: FileChangeApprovalDecision;
}
/**
 * A patch the agent applies to files.
 */
export interface FileChangeThreadItem {
  type: 'fileChange';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The files the patch touches.
   */
  changes: FileUpdateChange[];
  status: PatchApplyStatus;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * One file of a patch.
 */
export interface FileUpdateChange {
  /**
   * Absolute path of the file.
   */
  path: string;
  kind: PatchChangeKind;
  /**
   * The change as a unified diff (the whole content for added files).
   */
  diff: string;
}
/**
 * A tool output the client supplied.
 */
export interface FunctionCallOutputThreadItem {
  type: 'functionCallOutput';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The tool whose output this is.
   */
  name: string;
  /**
   * Namespace of the tool, if any.
   */
  namespace?: string | null;
  output: FunctionCallOutputBody;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * Read the account the server uses for model requests.
 */
export interface GetAccountParams {
  /**
   * Refresh the login token before answering, where that applies.
   */
  refreshToken?: boolean;
}
/**
 * The account and whether a login is needed.
 */
export interface GetAccountResponse {
  /**
   * The account in use; null when none is configured.
   */
  account?: Account | null;
  /**
   * Whether the configured provider needs an OpenAI login to work.
   */
  requiresOpenaiAuth: boolean;
  /**
   * User id of a ChatGPT account, if any.
   */
  userId?: string | null;
}
/**
 * Git state of the working directory when the thread was created.
 */
export interface GitInfo {
  /**
   * Commit checked out.
   */
  sha?: string | null;
  /**
   * Branch checked out.
   */
  branch?: string | null;
  /**
   * URL of the `origin` remote.
   */
  originUrl?: string | null;
}
/**
 * A piece of prompt a hook injected.
 */
export interface HookPromptFragment {
  /**
   * The hook run that produced the text.
   */
  hookRunId: string;
  /**
   * The text the hook contributed.
   */
  text: string;
}
/**
 * Prompt text injected by hooks.
 */
export interface HookPromptThreadItem {
  type: 'hookPrompt';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The injected pieces, in order.
   */
  fragments: HookPromptFragment[];
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A local image given to image generation.
 */
export interface ImageGenerationInputImage {
  /**
   * The input image file.
   */
  path: AbsolutePathBuf;
  /**
   * Lowercase hex SHA-256 of the bytes read.
   */
  sha256: string;
}
/**
 * An image the model provider generated.
 */
export interface ImageGenerationThreadItem {
  type: 'imageGeneration';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * Progress of the generation, as the provider reports it.
   */
  status: string;
  /**
   * Where the image is kept in the attachment store.
   */
  fileId?: string;
  /**
   * The image itself, inline (base64).
   */
  result?: string;
  /**
   * The prompt as the provider rewrote it.
   */
  revisedPrompt?: string | null;
  /**
   * Where the image was saved.
   */
  savedPath?: AbsolutePathBuf | null;
  /**
   * Local images used as input.
   */
  inputImages?: ImageGenerationInputImage[];
  /**
   * Provider identifier of the generation.
   */
  generationId?: string | null;
  /**
   * Why it failed, if it did.
   */
  failure?: ImageGenerationFailure | null;
  /**
   * Whether the background is transparent.
   */
  transparentBackground?: boolean | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * The model looked at a local image.
 */
export interface ImageViewThreadItem {
  type: 'imageView';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The image file the model looked at.
   */
  path: LegacyAppPathString;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * What the client declares it can do.
 */
export interface InitializeCapabilities {
  /**
   * Opt into experimental methods and fields. Without it they are refused.
   */
  experimentalApi?: boolean;
  /**
   * Notification methods this connection never wants to receive, by exact name.
   */
  optOutNotificationMethods?: string[] | null;
}
/**
 * The first request of every connection.
 */
export interface InitializeParams {
  clientInfo: ClientInfo;
  capabilities?: InitializeCapabilities | null;
}
/**
 * The server introduces itself.
 */
export interface InitializeResponse {
  /**
   * The server and client names and versions, for logs.
   */
  userAgent: string;
  /**
   * Absolute path of the server home directory (`AGENTD_HOME`).
   */
  codexHome: string;
  /**
   * `unix` or `windows`.
   */
  platformFamily: string;
  /**
   * `linux`, `macos` or `windows`.
   */
  platformOs: string;
}
/**
 * An item finished.
 */
export interface ItemCompletedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The finished item; this version is authoritative.
   */
  item: ThreadItem;
  /**
   * When it completed, in epoch milliseconds.
   */
  completedAtMs: number;
  /**
   * Tokens of an assistant message, if known.
   */
  contentTokenCount?: number | null;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A message from the user.
 */
export interface UserMessageThreadItem {
  type: 'userMessage';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * What the user sent, as given to `turn/start`.
   */
  content: UserInput[];
  /**
   * The `clientUserMessageId` the client attached, if any.
   */
  clientId?: string | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A client-defined span inside user text (a mention, a pasted block); the server keeps it as is.
 */
export interface TextElement {
  /**
   * Where the element sits in the surrounding text.
   */
  byteRange: ByteRange;
  /**
   * Text a client may show in place of the element.
   */
  placeholder?: string | null;
}
/**
 * A plan the model proposes (streamed by `item/plan/delta`).
 */
export interface PlanThreadItem {
  type: 'plan';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The proposed plan as Markdown.
   */
  text: string;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * What the model reasoned before acting.
 */
export interface ReasoningThreadItem {
  type: 'reasoning';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * Reasoning summary parts, in order (default none).
   */
  summary?: string[];
  /**
   * Raw reasoning text parts, when the model exposes them.
   */
  content?: string[];
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A call to a tool of an MCP server.
 */
export interface McpToolCallThreadItem {
  type: 'mcpToolCall';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * Name of the MCP server (its key under `mcp_servers`).
   */
  server: string;
  /**
   * Name of the tool on that server.
   */
  tool: string;
  status: McpToolCallStatus;
  /**
   * The arguments the model passed, as JSON.
   */
  arguments: {
    [k: string]: unknown | undefined;
  };
  /**
   * What the tool returned, once it completed.
   */
  result?: McpToolCallResult | null;
  /**
   * Why it failed, if it did.
   */
  error?: McpToolCallError | null;
  /**
   * How long the call took, in milliseconds.
   */
  durationMs?: number | null;
  /**
   * The plugin providing the server, if any.
   */
  pluginId?: string | null;
  /**
   * Whether the tool declares itself read-only.
   */
  readOnlyHint?: boolean | null;
  /**
   * App metadata, for connector tools.
   */
  appContext?: McpToolCallAppContext | null;
  /**
   * UI resource of the tool, if any.
   */
  mcpAppResourceUri?: string | null;
  /**
   * UI preference of the tool, if any.
   */
  mcpAppUi?: McpAppUi | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * What an MCP tool returned.
 */
export interface McpToolCallResult {
  /**
   * MCP content blocks the tool returned.
   */
  content: unknown[];
  /**
   * Structured result, if the tool returned one.
   */
  structuredContent?: {
    [k: string]: unknown | undefined;
  };
  /**
   * The MCP `_meta` of the result.
   */
  _meta?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * Why an MCP tool call failed.
 */
export interface McpToolCallError {
  /**
   * What went wrong.
   */
  message: string;
}
/**
 * App metadata of a tool that belongs to a connector app.
 */
export interface McpToolCallAppContext {
  /**
   * The connector the tool belongs to.
   */
  connectorId: string;
  /**
   * Display name of the app.
   */
  appName?: string | null;
  /**
   * Display name of the action.
   */
  actionName?: string | null;
  /**
   * Link identifier, if any.
   */
  linkId?: string | null;
  /**
   * UI resource of the app, if any.
   */
  resourceUri?: string | null;
}
/**
 * A UI an MCP tool offers for its result.
 */
export interface McpAppUi {
  /**
   * The UI resource to render.
   */
  resourceUri: string;
  preferredModelDisplayMode: McpAppDisplayMode;
}
/**
 * A sub-agent changed state.
 */
export interface SubAgentActivityThreadItem {
  type: 'subAgentActivity';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  kind: SubAgentActivityKind;
  /**
   * Path of the sub-agent in the agent tree.
   */
  agentPath: string;
  /**
   * Thread of the sub-agent.
   */
  agentThreadId: string;
  /**
   * Model of the sub-agent, if set.
   */
  model?: string | null;
  /**
   * Reasoning effort of the sub-agent, if set.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * A web search run by the model provider.
 */
export interface WebSearchThreadItem {
  type: 'webSearch';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * The search query.
   */
  query: string;
  /**
   * The step taken, if known.
   */
  action?: WebSearchAction | null;
  /**
   * Results, in the provider’s shape.
   */
  results?: unknown[] | null;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * The agent paused.
 */
export interface SleepThreadItem {
  type: 'sleep';
  /**
   * Identifier of the item, unique within its thread.
   */
  id: string;
  /**
   * How long the agent waited, in milliseconds.
   */
  durationMs: number;
  /**
   * When the item started, in epoch milliseconds, if known.
   */
  startedAtMs?: number | null;
  /**
   * When the item completed, in epoch milliseconds; null while running.
   */
  completedAtMs?: number | null;
}
/**
 * An item began; deltas may follow.
 */
export interface ItemStartedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item as far as it is known when it starts.
   */
  item: ThreadItem;
  /**
   * When it started, in epoch milliseconds.
   */
  startedAtMs: number;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * The failed answer to a request.
 */
export interface JSONRPCError {
  id: RequestId;
  error: JSONRPCErrorError;
}
/**
 * What went wrong.
 */
export interface JSONRPCErrorError {
  /**
   * One of the JSON-RPC error codes, e.g. -32602 for invalid params.
   */
  code: number;
  /**
   * A short human-readable explanation.
   */
  message: string;
  /**
   * Machine-readable detail, e.g. the validation issues.
   */
  data?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A one-way message: no id, no response.
 */
export interface JSONRPCNotification {
  /**
   * The notification method, e.g. `turn/started`.
   */
  method: string;
  /**
   * The notification payload.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
  /**
   * When the server emitted the notification, in epoch milliseconds (server to client only).
   */
  emittedAtMs?: number;
}
/**
 * A call that expects a response with the same id.
 */
export interface JSONRPCRequest {
  id: RequestId;
  /**
   * The method to call, e.g. `thread/start`.
   */
  method: string;
  /**
   * The method parameters; absent for methods that take none.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * The successful answer to a request.
 */
export interface JSONRPCResponse {
  id: RequestId;
  /**
   * The method result.
   */
  result: {
    [k: string]: unknown | undefined;
  };
}
/**
 * List the configured MCP servers and what they offer.
 */
export interface ListMcpServerStatusParams {
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
  /**
   * How much to report (default `full`).
   */
  detail?: McpServerStatusDetail | null;
  /**
   * Report only this server.
   */
  serverName?: string | null;
  /**
   * Use the MCP connections of this thread.
   */
  threadId?: string | null;
}
/**
 * A page of MCP servers.
 */
export interface ListMcpServerStatusResponse {
  /**
   * This page of servers.
   */
  data: McpServerStatus[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
}
/**
 * One MCP server and what it offers.
 */
export interface McpServerStatus {
  /**
   * Name of the server (its key under `mcp_servers`).
   */
  name: string;
  authStatus: McpAuthStatus;
  /**
   * Its tools, by name.
   */
  tools: {
    [k: string]: Tool | undefined;
  };
  /**
   * Its resources.
   */
  resources: Resource[];
  /**
   * Its resource templates.
   */
  resourceTemplates: ResourceTemplate[];
  /**
   * Connection state, if known.
   */
  runtimeStatus?: McpServerConnectionStatus | null;
  /**
   * What it said about itself, once connected.
   */
  serverInfo?: McpServerInfo | null;
  /**
   * MCP capabilities it announced, if connected.
   */
  serverCapabilities?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Why listing its tools failed, if it did.
   */
  toolsError?: string | null;
  /**
   * MCP `_meta` of its tool list.
   */
  toolListMeta?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Origin of its HTTP endpoint; null for stdio servers.
   */
  httpOrigin?: string | null;
  /**
   * The plugin providing it, if any.
   */
  pluginId?: string | null;
}
/**
 * A tool an MCP server offers.
 */
export interface Tool {
  /**
   * Name of the tool.
   */
  name: string;
  /**
   * Display name.
   */
  title?: string | null;
  /**
   * What the tool does.
   */
  description?: string | null;
  /**
   * JSON Schema of its arguments.
   */
  inputSchema: {
    [k: string]: unknown | undefined;
  };
  /**
   * JSON Schema of its structured result, if any.
   */
  outputSchema?: {
    [k: string]: unknown | undefined;
  };
  /**
   * MCP behaviour hints.
   */
  annotations?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Icons.
   */
  icons?: unknown[] | null;
  /**
   * MCP `_meta`.
   */
  _meta?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A resource an MCP server offers.
 */
export interface Resource {
  /**
   * Address of the resource.
   */
  uri: string;
  /**
   * Name of the resource.
   */
  name: string;
  /**
   * Display name.
   */
  title?: string | null;
  /**
   * What it contains.
   */
  description?: string | null;
  /**
   * Media type.
   */
  mimeType?: string | null;
  /**
   * Size in bytes, if known.
   */
  size?: number | null;
  /**
   * MCP hints.
   */
  annotations?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Icons.
   */
  icons?: unknown[] | null;
  /**
   * MCP `_meta`.
   */
  _meta?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * A family of resources an MCP server offers.
 */
export interface ResourceTemplate {
  /**
   * RFC 6570 template of resource addresses.
   */
  uriTemplate: string;
  /**
   * Name of the template.
   */
  name: string;
  /**
   * Display name.
   */
  title?: string | null;
  /**
   * What the resources contain.
   */
  description?: string | null;
  /**
   * Media type.
   */
  mimeType?: string | null;
  /**
   * MCP hints.
   */
  annotations?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * What an MCP server says about itself at initialization.
 */
export interface McpServerInfo {
  /**
   * Name the MCP server reports.
   */
  name: string;
  /**
   * Version it reports.
   */
  version: string;
  /**
   * Display name, if any.
   */
  title?: string | null;
  /**
   * Description, if any.
   */
  description?: string | null;
  /**
   * Home page, if any.
   */
  websiteUrl?: string | null;
  /**
   * Icons, as MCP describes them.
   */
  icons?: unknown[] | null;
}
/**
 * An MCP server is starting, ready or failed.
 */
export interface McpServerStatusUpdatedNotification {
  /**
   * The MCP server.
   */
  name: string;
  status: McpServerStartupState;
  /**
   * Why it failed, if it did.
   */
  error?: string | null;
  /**
   * A failure the user can fix, if so.
   */
  failureReason?: McpServerStartupFailureReason | null;
  /**
   * The thread that started it, if any.
   */
  threadId?: string | null;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * An MCP tool call reported progress.
 */
export interface McpToolCallProgressNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Progress message of the MCP server.
   */
  message: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A model the client can select.
 */
export interface Model {
  /**
   * Identifier of the entry.
   */
  id: string;
  /**
   * The name to pass as `model`.
   */
  model: string;
  /**
   * Name to show.
   */
  displayName: string;
  /**
   * What the model is good at.
   */
  description: string;
  /**
   * Whether pickers should hide it.
   */
  hidden: boolean;
  /**
   * Whether it is the default model.
   */
  isDefault: boolean;
  /**
   * Reasoning effort used when none is given.
   */
  defaultReasoningEffort: ReasoningEffort;
  /**
   * Reasoning efforts it accepts.
   */
  supportedReasoningEfforts: ReasoningEffortOption[];
  /**
   * Inputs it accepts (default text and image).
   */
  inputModalities?: InputModality[];
  /**
   * Service tiers it offers.
   */
  serviceTiers?: ModelServiceTier[];
  /**
   * Service tier used when none is given.
   */
  defaultServiceTier?: string | null;
  /**
   * Legacy list of tier ids; use `serviceTiers`.
   */
  additionalSpeedTiers?: string[];
  /**
   * Legacy flag; always false.
   */
  supportsPersonality?: boolean;
  /**
   * A specialty label, if any.
   */
  modelSpecialty?: string | null;
  /**
   * Multi-agent runtime, if any.
   */
  multiAgentVersion?: MultiAgentVersion | null;
  /**
   * A newer model to suggest, if any.
   */
  upgrade?: string | null;
  /**
   * Details of the suggested upgrade.
   */
  upgradeInfo?: ModelUpgradeInfo | null;
  /**
   * Availability notice, if any.
   */
  availabilityNux?: ModelAvailabilityNux | null;
  /**
   * Access programs, when known.
   */
  availableAccessPrograms?: ModelAccessPrograms | null;
}
/**
 * A reasoning effort a model supports.
 */
export interface ReasoningEffortOption {
  reasoningEffort: ReasoningEffort;
  /**
   * What this effort level is good for.
   */
  description: string;
}
/**
 * A service tier a model offers.
 */
export interface ModelServiceTier {
  /**
   * Identifier to pass as `serviceTier`.
   */
  id: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * What the tier trades off.
   */
  description: string;
}
/**
 * A suggested newer model.
 */
export interface ModelUpgradeInfo {
  /**
   * The model to upgrade to.
   */
  model: string;
  /**
   * Text recommending the upgrade.
   */
  upgradeCopy?: string | null;
  /**
   * Migration notes as Markdown.
   */
  migrationMarkdown?: string | null;
  /**
   * Link to more information.
   */
  modelLink?: string | null;
  /**
   * When the old model retires, in epoch seconds, if known.
   */
  retirementAt?: number | null;
}
/**
 * A notice about a model’s availability.
 */
export interface ModelAvailabilityNux {
  /**
   * Text to show the user.
   */
  message: string;
}
/**
 * Special access programs of a model.
 */
export interface ModelAccessPrograms {
  /**
   * Security access programs available.
   */
  cyber: CyberAccessProgram[];
}
/**
 * List the available models.
 */
export interface ModelListParams {
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
  /**
   * Also list models hidden from pickers.
   */
  includeHidden?: boolean | null;
  /**
   * List the models of this provider instead of the default one.
   */
  modelProvider?: string | null;
}
/**
 * A page of models.
 */
export interface ModelListResponse {
  /**
   * This page of models.
   */
  data: Model[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
}
/**
 * List the named permission profiles.
 */
export interface PermissionProfileListParams {
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
  /**
   * Resolve project config as seen from this directory.
   */
  cwd?: string | null;
}
/**
 * A page of permission profiles.
 */
export interface PermissionProfileListResponse {
  /**
   * This page of profiles.
   */
  data: PermissionProfileSummary[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
}
/**
 * A named set of sandbox and approval settings.
 */
export interface PermissionProfileSummary {
  /**
   * Name of the profile.
   */
  id: string;
  /**
   * Whether the active requirements allow choosing it.
   */
  allowed: boolean;
  /**
   * What the profile permits, for display.
   */
  description?: string | null;
}
/**
 * More text of a `plan` item.
 */
export interface PlanDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A new reasoning summary part began.
 */
export interface ReasoningSummaryPartAddedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Which summary part, counted from 0.
   */
  summaryIndex: number;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * More text of a reasoning summary part.
 */
export interface ReasoningSummaryTextDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
  /**
   * Which summary part, counted from 0.
   */
  summaryIndex: number;
}
/**
 * More raw reasoning text.
 */
export interface ReasoningTextDeltaNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The item concerned.
   */
  itemId: string;
  /**
   * Text to append.
   */
  delta: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
  /**
   * Which raw reasoning part, counted from 0.
   */
  contentIndex: number;
}
/**
 * agentd extension: the sandbox the server actually enforces for this thread, which may be weaker than the requested policy when the host cannot provide it.
 */
export interface SandboxEnforcement {
  /**
   * What enforces the sandbox: `bubblewrap` on Linux, `none` when nothing does.
   */
  mechanism: 'bubblewrap' | 'none';
  /**
   * Directories commands can write to, as enforced.
   */
  writableRoots: string[];
  /**
   * Paths kept read-only even inside a writable root (for example `.git`).
   */
  readOnlyPaths: string[];
  /**
   * Whether commands can reach the network.
   */
  networkAccess: boolean;
}
/**
 * A server request was answered or withdrawn; clients can dismiss its prompt.
 */
export interface ServerRequestResolvedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The server request that no longer waits.
   */
  requestId: RequestId;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * What a skill needs to work.
 */
export interface SkillDependencies {
  /**
   * Tools the skill needs.
   */
  tools: SkillToolDependency[];
}
/**
 * A tool a skill needs.
 */
export interface SkillToolDependency {
  /**
   * Kind of dependency, e.g. an MCP server.
   */
  type: string;
  /**
   * What is needed.
   */
  value: string;
  /**
   * Why it is needed.
   */
  description?: string | null;
  /**
   * Transport, for an MCP server.
   */
  transport?: string | null;
  /**
   * Command to start it, if local.
   */
  command?: string | null;
  /**
   * URL, if remote.
   */
  url?: string | null;
}
/**
 * A skill that could not be loaded.
 */
export interface SkillErrorInfo {
  /**
   * The skill file that failed to load.
   */
  path: string;
  /**
   * Why.
   */
  message: string;
}
/**
 * How a client presents a skill.
 */
export interface SkillInterface {
  /**
   * Name to show.
   */
  displayName?: string | null;
  /**
   * One line to show.
   */
  shortDescription?: string | null;
  /**
   * Prompt to prefill when the skill is picked.
   */
  defaultPrompt?: string | null;
  /**
   * Accent color.
   */
  brandColor?: string | null;
  /**
   * Small icon file.
   */
  iconSmall?: AbsolutePathBuf | null;
  /**
   * Large icon file.
   */
  iconLarge?: AbsolutePathBuf | null;
  /**
   * Small icon URL.
   */
  iconSmallUrl?: string | null;
  /**
   * Large icon URL.
   */
  iconLargeUrl?: string | null;
}
/**
 * A skill.
 */
export interface SkillMetadata {
  /**
   * Name of the skill.
   */
  name: string;
  /**
   * What the skill does; the model reads this.
   */
  description: string;
  /**
   * The skill’s SKILL.md.
   */
  path: LegacyAppPathString;
  scope: SkillScope;
  /**
   * Whether the skill is offered to the model.
   */
  enabled: boolean;
  /**
   * Legacy one-line description.
   */
  shortDescription?: string | null;
  /**
   * Presentation hints, if any.
   */
  interface?: SkillInterface | null;
  /**
   * Requirements, if any.
   */
  dependencies?: SkillDependencies | null;
  /**
   * The plugin providing it, if any.
   */
  pluginId?: string | null;
}
/**
 * The skills of one directory.
 */
export interface SkillsListEntry {
  /**
   * The directory this entry is for.
   */
  cwd: string;
  /**
   * Skills visible from it.
   */
  skills: SkillMetadata[];
  /**
   * Skills that failed to load.
   */
  errors: SkillErrorInfo[];
}
/**
 * List the skills visible from some directories.
 */
export interface SkillsListParams {
  /**
   * Directories to list skills for; default the server’s cwd.
   */
  cwds?: string[];
  /**
   * Scan the disk again instead of using the cache.
   */
  forceReload?: boolean;
}
/**
 * Skills by directory.
 */
export interface SkillsListResponse {
  /**
   * One entry per requested directory.
   */
  data: SkillsListEntry[];
}
/**
 * A conversation with the agent, persisted across restarts.
 */
export interface Thread {
  /**
   * Identifier of the thread.
   */
  id: string;
  /**
   * Shared by a thread and the sub-agent threads it spawned.
   */
  sessionId: string;
  /**
   * Short text to list the thread by, usually its first user message.
   */
  preview: string;
  /**
   * True when the thread is kept in memory only, never written to disk.
   */
  ephemeral: boolean;
  /**
   * The model provider the thread uses.
   */
  modelProvider: string;
  /**
   * The model the thread uses, if known.
   */
  model?: string | null;
  /**
   * The configured reasoning effort, if any.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * Creation time, in epoch seconds.
   */
  createdAt: number;
  /**
   * Time of the last change, in epoch seconds.
   */
  updatedAt: number;
  /**
   * Time used to sort threads by recency, in epoch seconds.
   */
  recencyAt?: number | null;
  status: ThreadStatus;
  /**
   * Where the thread file is stored; may change between versions.
   */
  path?: string | null;
  /**
   * Working directory of the thread.
   */
  cwd: AbsolutePathBuf;
  /**
   * Version of the server that created the thread.
   */
  cliVersion: string;
  /**
   * Which kind of client created the thread.
   */
  source: SessionSource;
  /**
   * Analytics label given at creation, if any.
   */
  threadSource?: ThreadSource | null;
  /**
   * Name of the client that created the thread, if recorded.
   */
  originator?: string | null;
  /**
   * Project the thread is assigned to; null when none.
   */
  projectId: string | null;
  /**
   * The thread this one was forked from, if any.
   */
  forkedFromId?: string | null;
  /**
   * For a sub-agent thread: the thread that spawned it.
   */
  parentThreadId?: string | null;
  /**
   * For a sub-agent thread: its nickname.
   */
  agentNickname?: string | null;
  /**
   * For a sub-agent thread: its role.
   */
  agentRole?: string | null;
  /**
   * Git state at creation, if the directory is a repository.
   */
  gitInfo?: GitInfo | null;
  /**
   * Title the user gave the thread, if any.
   */
  name?: string | null;
  /**
   * How history is served (default `legacy`).
   */
  historyMode?: ThreadHistoryMode;
  /**
   * Section the thread is filed under, if any.
   */
  section?: ThreadSection | null;
  /**
   * When it was filed there, in epoch seconds.
   */
  sectionEnteredAt?: number | null;
  /**
   * The turns, filled only by `thread/resume`, `thread/fork` and `thread/read`; otherwise empty.
   */
  turns: Turn[];
}
/**
 * A user-defined group of threads.
 */
export interface ThreadSection {
  /**
   * Stable identifier of the section.
   */
  id: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * Color and icon, if set.
   */
  appearance?: ThreadSectionAppearance | null;
}
/**
 * How a thread section looks.
 */
export interface ThreadSectionAppearance {
  /**
   * Color of the section.
   */
  color?: string | null;
  /**
   * Icon of the section.
   */
  icon?: string | null;
}
/**
 * One exchange: the user’s input and everything the agent did in response.
 */
export interface Turn {
  /**
   * Identifier of the turn, unique within its thread.
   */
  id: string;
  /**
   * The turn’s items, as far as `itemsView` says they are included; empty in `turn/start`.
   */
  items: ThreadItem[];
  /**
   * How complete `items` is (default `full`).
   */
  itemsView?: TurnItemsView;
  status: TurnStatus;
  /**
   * Why the turn failed or was interrupted, if it did.
   */
  error?: TurnError | null;
  /**
   * When the turn started, in epoch seconds.
   */
  startedAt?: number | null;
  /**
   * When the turn ended, in epoch seconds.
   */
  completedAt?: number | null;
  /**
   * How long the turn ran, in milliseconds.
   */
  durationMs?: number | null;
  /**
   * The first turn of the chain of work this turn belongs to.
   */
  rootTurnId?: string | null;
}
/**
 * Move a thread out of the default listing; it is kept on disk.
 */
export interface ThreadArchiveParams {
  /**
   * The thread.
   */
  threadId: string;
}
/**
 * The thread is archived.
 */
export interface ThreadArchiveResponse {}
/**
 * A thread was archived.
 */
export interface ThreadArchivedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A thread was unloaded from the server.
 */
export interface ThreadClosedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Summarize the history now to free context.
 */
export interface ThreadCompactStartParams {
  /**
   * The thread.
   */
  threadId: string;
}
/**
 * Compaction has started; it runs as a turn and ends with `thread/compacted`.
 */
export interface ThreadCompactStartResponse {}
/**
 * Copy a thread’s history into a new thread with a new id.
 */
export interface ThreadForkParams {
  /**
   * The thread to copy.
   */
  threadId: string;
  /**
   * Use this model instead of the configured one.
   */
  model?: string | null;
  /**
   * Use this model provider (a key of `model_providers`).
   */
  modelProvider?: string | null;
  /**
   * Ask the provider for this service tier.
   */
  serviceTier?: string | null;
  /**
   * Working directory of the thread; defaults to the server’s.
   */
  cwd?: string | null;
  /**
   * When to ask the user before acting.
   */
  approvalPolicy?: AskForApproval | null;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer?: ApprovalsReviewer | null;
  /**
   * The sandbox commands of this thread run in.
   */
  sandbox?: SandboxMode | null;
  /**
   * Config overrides as dotted keys of config.toml, e.g. `{"model_reasoning_effort": "high"}`.
   */
  config?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * Replace the built-in base instructions.
   */
  baseInstructions?: string | null;
  /**
   * Extra instructions sent as a developer message.
   */
  developerInstructions?: string | null;
  /**
   * Keep the copy in memory only.
   */
  ephemeral?: boolean;
  /**
   * Answer with an empty `turns` list to save bandwidth.
   */
  excludeTurns?: boolean;
  /**
   * Copy history up to and including this turn only.
   */
  lastTurnId?: string | null;
  /**
   * Analytics label stored with the copy.
   */
  threadSource?: ThreadSource | null;
}
/**
 * The new copy and its effective settings.
 */
export interface ThreadForkResponse {
  thread: Thread;
  /**
   * Model the next turn uses.
   */
  model: string;
  /**
   * Model provider the next turn uses.
   */
  modelProvider: string;
  /**
   * Service tier requested from the provider, if any.
   */
  serviceTier?: string | null;
  /**
   * Reasoning effort, if set.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * Working directory of the thread.
   */
  cwd: AbsolutePathBuf;
  /**
   * Approval policy in force.
   */
  approvalPolicy: AskForApproval;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer: ApprovalsReviewer;
  /**
   * Sandbox policy in force.
   */
  sandbox: SandboxPolicy;
  /**
   * agentd extension: the sandbox actually enforced, which can be weaker than `sandbox` on this host.
   */
  sandboxEnforcement?: SandboxEnforcement;
  /**
   * The instruction files (AGENTS.md and friends) loaded into the prompt.
   */
  instructionSources?: LegacyAppPathString[];
  /**
   * Plugins turned off for this thread.
   */
  disabledPluginIds?: string[];
}
/**
 * List stored threads, newest first, page by page.
 */
export interface ThreadListParams {
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
  /**
   * List archived threads instead of the others.
   */
  archived?: boolean | null;
  /**
   * Only threads started in these directories.
   */
  cwd?: ThreadListCwdFilter | null;
  /**
   * Only threads whose title (name or first message) contains this, ignoring case.
   */
  searchTerm?: string | null;
  /**
   * Order by this (default: creation time, as the reference does; `recency_at` orders by last update).
   */
  sortKey?: ThreadSortKey | null;
  /**
   * Order direction (default: newest first).
   */
  sortDirection?: SortDirection | null;
  /**
   * Only threads of these origins.
   */
  sourceKinds?: ThreadSourceKind[] | null;
  /**
   * Only threads of these model providers.
   */
  modelProviders?: string[] | null;
  /**
   * Only threads created by these clients.
   */
  originators?: string[] | null;
  /**
   * Leave these threads out.
   */
  excludedThreadIds?: string[] | null;
  /**
   * Only threads filed under this section.
   */
  sectionId?: string | null;
  /**
   * Only threads of the signed-in account.
   */
  currentAccountOnly?: boolean;
  /**
   * Answer from the index only, without scanning files.
   */
  useStateDbOnly?: boolean;
}
/**
 * A page of stored threads.
 */
export interface ThreadListResponse {
  /**
   * This page of threads, without their turns.
   */
  data: Thread[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
  /**
   * Cursor for the previous page, where supported.
   */
  backwardsCursor?: string | null;
}
/**
 * List the threads currently loaded in this server.
 */
export interface ThreadLoadedListParams {
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
}
/**
 * A page of loaded thread ids.
 */
export interface ThreadLoadedListResponse {
  /**
   * Ids of the loaded threads on this page.
   */
  data: string[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
}
/**
 * A thread’s title changed.
 */
export interface ThreadNameUpdatedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The new title; null when removed.
   */
  threadName?: string | null;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Read a thread without loading or subscribing to it.
 */
export interface ThreadReadParams {
  /**
   * The thread.
   */
  threadId: string;
  /**
   * Also return the turns and their items (default false).
   */
  includeTurns?: boolean;
}
/**
 * The thread, with turns if asked for.
 */
export interface ThreadReadResponse {
  thread: Thread;
}
/**
 * Load a stored thread (or attach to a loaded one) and subscribe to its events.
 */
export interface ThreadResumeParams {
  /**
   * The thread to load.
   */
  threadId: string;
  /**
   * Use this model instead of the configured one.
   */
  model?: string | null;
  /**
   * Use this model provider (a key of `model_providers`).
   */
  modelProvider?: string | null;
  /**
   * Ask the provider for this service tier.
   */
  serviceTier?: string | null;
  /**
   * Working directory of the thread; defaults to the server’s.
   */
  cwd?: string | null;
  /**
   * When to ask the user before acting.
   */
  approvalPolicy?: AskForApproval | null;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer?: ApprovalsReviewer | null;
  /**
   * The sandbox commands of this thread run in.
   */
  sandbox?: SandboxMode | null;
  /**
   * Config overrides as dotted keys of config.toml, e.g. `{"model_reasoning_effort": "high"}`.
   */
  config?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * Replace the built-in base instructions.
   */
  baseInstructions?: string | null;
  /**
   * Extra instructions sent as a developer message.
   */
  developerInstructions?: string | null;
  /**
   * Legacy style setting; ignored.
   */
  personality?: Personality | null;
  /**
   * Answer with an empty `turns` list to save bandwidth.
   */
  excludeTurns?: boolean;
  /**
   * agentd extension: replay, after the response, every notification of this thread whose `seq` is greater than this value, so a reconnecting client misses nothing.
   */
  afterSeq?: number;
}
/**
 * The loaded thread with its turns, and its effective settings.
 */
export interface ThreadResumeResponse {
  thread: Thread;
  /**
   * Model the next turn uses.
   */
  model: string;
  /**
   * Model provider the next turn uses.
   */
  modelProvider: string;
  /**
   * Service tier requested from the provider, if any.
   */
  serviceTier?: string | null;
  /**
   * Reasoning effort, if set.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * Working directory of the thread.
   */
  cwd: AbsolutePathBuf;
  /**
   * Approval policy in force.
   */
  approvalPolicy: AskForApproval;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer: ApprovalsReviewer;
  /**
   * Sandbox policy in force.
   */
  sandbox: SandboxPolicy;
  /**
   * agentd extension: the sandbox actually enforced, which can be weaker than `sandbox` on this host.
   */
  sandboxEnforcement?: SandboxEnforcement;
  /**
   * The instruction files (AGENTS.md and friends) loaded into the prompt.
   */
  instructionSources?: LegacyAppPathString[];
  /**
   * Plugins turned off for this thread.
   */
  disabledPluginIds?: string[];
  /**
   * Collaboration mode of the thread, if any.
   */
  collaborationMode?: CollaborationMode | null;
  /**
   * Cursor for paging older turns, where supported.
   */
  turnsBackwardsCursor?: string | null;
  /**
   * Cursor for paging older items, where supported.
   */
  itemsBackwardsCursor?: string | null;
}
/**
 * Drop the latest turns of a thread, back to before a given turn.
 */
export interface ThreadRevertParams {
  /**
   * The thread.
   */
  threadId: string;
  /**
   * The earliest turn to drop; it and every later turn are removed.
   */
  beforeTurnId: string;
}
/**
 * The reverted thread.
 */
export interface ThreadRevertResponse {
  /**
   * The thread as it is after the revert, with its remaining turns.
   */
  thread: Thread;
  /**
   * Cursor for paging older turns, where supported.
   */
  turnsBackwardsCursor?: string | null;
  /**
   * Cursor for paging older items, where supported.
   */
  itemsBackwardsCursor?: string | null;
}
/**
 * Turns were dropped from a thread by `thread/revert`.
 */
export interface ThreadRevertedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Give a thread a title.
 */
export interface ThreadSetNameParams {
  /**
   * The thread.
   */
  threadId: string;
  /**
   * The new title.
   */
  name: string;
}
/**
 * The title is stored; `thread/name/updated` follows.
 */
export interface ThreadSetNameResponse {}
/**
 * Create a new thread; settings not given come from config.
 */
export interface ThreadStartParams {
  /**
   * Use this model instead of the configured one.
   */
  model?: string | null;
  /**
   * Use this model provider (a key of `model_providers`).
   */
  modelProvider?: string | null;
  /**
   * Ask the provider for this service tier.
   */
  serviceTier?: string | null;
  /**
   * Working directory of the thread; defaults to the server’s.
   */
  cwd?: string | null;
  /**
   * When to ask the user before acting.
   */
  approvalPolicy?: AskForApproval | null;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer?: ApprovalsReviewer | null;
  /**
   * The sandbox commands of this thread run in.
   */
  sandbox?: SandboxMode | null;
  /**
   * Config overrides as dotted keys of config.toml, e.g. `{"model_reasoning_effort": "high"}`.
   */
  config?: {
    [k: string]: unknown | undefined;
  } | null;
  /**
   * Replace the built-in base instructions.
   */
  baseInstructions?: string | null;
  /**
   * Extra instructions sent as a developer message.
   */
  developerInstructions?: string | null;
  /**
   * Keep the thread in memory only; it is never written to disk.
   */
  ephemeral?: boolean | null;
  /**
   * Legacy style setting; ignored.
   */
  personality?: Personality | null;
  /**
   * Name of the calling service, for logs.
   */
  serviceName?: string | null;
  /**
   * Why the client starts this thread.
   */
  sessionStartSource?: ThreadStartSource | null;
  /**
   * Analytics label stored with the thread.
   */
  threadSource?: ThreadSource | null;
}
/**
 * The new thread and its effective settings.
 */
export interface ThreadStartResponse {
  thread: Thread;
  /**
   * Model the next turn uses.
   */
  model: string;
  /**
   * Model provider the next turn uses.
   */
  modelProvider: string;
  /**
   * Service tier requested from the provider, if any.
   */
  serviceTier?: string | null;
  /**
   * Reasoning effort, if set.
   */
  reasoningEffort?: ReasoningEffort | null;
  /**
   * Working directory of the thread.
   */
  cwd: AbsolutePathBuf;
  /**
   * Approval policy in force.
   */
  approvalPolicy: AskForApproval;
  /**
   * Who reviews approval requests.
   */
  approvalsReviewer: ApprovalsReviewer;
  /**
   * Sandbox policy in force.
   */
  sandbox: SandboxPolicy;
  /**
   * agentd extension: the sandbox actually enforced, which can be weaker than `sandbox` on this host.
   */
  sandboxEnforcement?: SandboxEnforcement;
  /**
   * The instruction files (AGENTS.md and friends) loaded into the prompt.
   */
  instructionSources?: LegacyAppPathString[];
  /**
   * Plugins turned off for this thread.
   */
  disabledPluginIds?: string[];
}
/**
 * A thread was created (by start or fork) and loaded.
 */
export interface ThreadStartedNotification {
  thread: Thread;
}
/**
 * A thread became idle, active, or waiting.
 */
export interface ThreadStatusChangedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  status: ThreadStatus;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Token usage of a thread.
 */
export interface ThreadTokenUsage {
  /**
   * Everything the thread used so far.
   */
  total: TokenUsageBreakdown;
  /**
   * The latest model request.
   */
  last: TokenUsageBreakdown;
  /**
   * Context window of the model, in tokens, if known.
   */
  modelContextWindow?: number | null;
}
/**
 * Token counts of one or more model requests.
 */
export interface TokenUsageBreakdown {
  /**
   * Input plus output tokens.
   */
  totalTokens: number;
  /**
   * Prompt tokens, cached ones included.
   */
  inputTokens: number;
  /**
   * Prompt tokens served from the provider’s cache.
   */
  cachedInputTokens: number;
  /**
   * Prompt tokens written to the cache (default 0).
   */
  cacheWriteInputTokens?: number;
  /**
   * Generated tokens, reasoning included.
   */
  outputTokens: number;
  /**
   * Generated reasoning tokens.
   */
  reasoningOutputTokens: number;
}
/**
 * A model request finished; usage grew.
 */
export interface ThreadTokenUsageUpdatedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  tokenUsage: ThreadTokenUsage;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * A thread's turns, page by page: with `excludeTurns` on resume, how a client loads a long thread.
 */
export interface ThreadTurnsListParams {
  /**
   * The thread.
   */
  threadId: string;
  /**
   * Continue after the page that returned this cursor.
   */
  cursor?: string | null;
  /**
   * Largest number of entries to return.
   */
  limit?: number | null;
  /**
   * How much of each turn's items to include (default: `summary`).
   */
  itemsView?: TurnItemsView | null;
  /**
   * Order direction (default: newest first).
   */
  sortDirection?: SortDirection | null;
}
/**
 * A page of turns.
 */
export interface ThreadTurnsListResponse {
  /**
   * This page of turns, in the order asked for.
   */
  data: Turn[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   */
  nextCursor?: string | null;
  /**
   * Pass as `cursor` with the opposite `sortDirection` to page back from this page's first turn (included again); null on an empty page.
   */
  backwardsCursor?: string | null;
}
/**
 * Bring an archived thread back into the default listing.
 */
export interface ThreadUnarchiveParams {
  /**
   * The thread.
   */
  threadId: string;
}
/**
 * The restored thread.
 */
export interface ThreadUnarchiveResponse {
  thread: Thread;
}
/**
 * A thread was brought back from the archive.
 */
export interface ThreadUnarchivedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Stop receiving this thread’s notifications on this connection.
 */
export interface ThreadUnsubscribeParams {
  /**
   * The thread.
   */
  threadId: string;
}
/**
 * The outcome of unsubscribing.
 */
export interface ThreadUnsubscribeResponse {
  status: ThreadUnsubscribeStatus;
}
/**
 * The answer to one question.
 */
export interface ToolRequestUserInputAnswer {
  /**
   * The chosen option labels and/or typed text.
   */
  answers: string[];
}
/**
 * A suggested answer.
 */
export interface ToolRequestUserInputOption {
  /**
   * The answer as shown and returned.
   */
  label: string;
  /**
   * What choosing it means.
   */
  description: string;
}
/**
 * The model asks the user questions.
 */
export interface ToolRequestUserInputParams {
  /**
   * The thread of the waiting turn.
   */
  threadId: string;
  /**
   * The waiting turn.
   */
  turnId: string;
  /**
   * The tool call asking.
   */
  itemId: string;
  /**
   * The questions, in order.
   */
  questions: ToolRequestUserInputQuestion[];
  /**
   * Whether the turn waits for the answer.
   */
  isBlocking: boolean;
  /**
   * Resolve without the user after this long, if set.
   */
  autoResolutionMs?: number | null;
}
/**
 * One question for the user.
 */
export interface ToolRequestUserInputQuestion {
  /**
   * Key of the answer in the response.
   */
  id: string;
  /**
   * A short heading.
   */
  header: string;
  /**
   * The question.
   */
  question: string;
  /**
   * Suggested answers, if any.
   */
  options?: ToolRequestUserInputOption[] | null;
  /**
   * Whether a free-text answer besides the options is allowed.
   */
  isOther?: boolean;
  /**
   * Whether the answer should be masked while typed.
   */
  isSecret?: boolean;
}
/**
 * The user’s answers.
 */
export interface ToolRequestUserInputResponse {
  /**
   * Answers by question id.
   */
  answers: {
    [k: string]: ToolRequestUserInputAnswer | undefined;
  };
}
/**
 * A turn ended: completed, interrupted or failed.
 */
export interface TurnCompletedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn with its final status and error.
   */
  turn: Turn;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * The turn’s combined diff changed.
 */
export interface TurnDiffUpdatedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * Unified diff of every file the turn changed.
   */
  diff: string;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Stop a running turn, including the commands it runs.
 */
export interface TurnInterruptParams {
  /**
   * The thread of the turn.
   */
  threadId: string;
  /**
   * The turn to stop.
   */
  turnId: string;
}
/**
 * The turn is being stopped; `turn/completed` with status `interrupted` follows.
 */
export interface TurnInterruptResponse {}
/**
 * One step of the agent’s to-do list.
 */
export interface TurnPlanStep {
  /**
   * What the step does.
   */
  step: string;
  status: TurnPlanStepStatus;
}
/**
 * The agent updated its to-do list (`update_plan`).
 */
export interface TurnPlanUpdatedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  /**
   * The turn concerned.
   */
  turnId: string;
  /**
   * The whole list, in order.
   */
  plan: TurnPlanStep[];
  /**
   * Why the plan changed, if the model said.
   */
  explanation?: string | null;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Send user input and run the agent until it answers. Settings given here stick for later turns.
 */
export interface TurnStartParams {
  /**
   * The thread to run the turn in.
   */
  threadId: string;
  /**
   * What the user says.
   */
  input: UserInput[];
  /**
   * Client id echoed in the `userMessage` item’s `clientId`.
   */
  clientUserMessageId?: string | null;
  /**
   * Working directory from this turn on.
   */
  cwd?: string | null;
  /**
   * Model from this turn on.
   */
  model?: string | null;
  /**
   * Reasoning effort from this turn on.
   */
  effort?: ReasoningEffort | null;
  /**
   * Reasoning summaries from this turn on.
   */
  summary?: ReasoningSummary | null;
  /**
   * Approval policy from this turn on.
   */
  approvalPolicy?: AskForApproval | null;
  /**
   * Approval reviewer from this turn on.
   */
  approvalsReviewer?: ApprovalsReviewer | null;
  /**
   * Sandbox policy from this turn on.
   */
  sandboxPolicy?: SandboxPolicy | null;
  /**
   * Service tier from this turn on.
   */
  serviceTier?: string | null;
  /**
   * Service tier for this turn only.
   */
  serviceTierForTurn?: string | null;
  /**
   * Legacy style setting; ignored.
   */
  personality?: Personality | null;
  /**
   * A JSON Schema the final answer of this turn must follow.
   */
  outputSchema?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Replace the thread’s disabled plugins; [] clears.
   */
  disabledPluginIds?: string[] | null;
  /**
   * The turn, maybe of another thread, this one works for.
   */
  parentTurnId?: string | null;
  /**
   * The first turn of the chain of work; defaults to this turn.
   */
  rootTurnId?: string | null;
  /**
   * A tool result to add to the history before the input.
   */
  toolOutput?: TurnToolOutput | null;
  /**
   * Free-form label of what triggered the turn, for analytics.
   */
  turnTrigger?: string | null;
}
/**
 * A tool result the client supplies as the input of a turn.
 */
export interface TurnToolOutput {
  /**
   * The tool the output belongs to.
   */
  name: string;
  /**
   * Namespace of the tool, if any.
   */
  namespace?: string | null;
  output: FunctionCallOutputBody;
  /**
   * Keep the output in the history the model sees later.
   */
  retain?: boolean;
}
/**
 * The turn has started; progress follows as notifications.
 */
export interface TurnStartResponse {
  /**
   * The new turn, `inProgress` with no items yet.
   */
  turn: Turn;
}
/**
 * A turn began running.
 */
export interface TurnStartedNotification {
  /**
   * The thread concerned.
   */
  threadId: string;
  turn: Turn;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
/**
 * Add user input to the running turn without starting a new one.
 */
export interface TurnSteerParams {
  /**
   * The thread of the running turn.
   */
  threadId: string;
  /**
   * The turn the client believes is running; the request fails otherwise.
   */
  expectedTurnId: string;
  /**
   * What the user adds.
   */
  input: UserInput[];
  /**
   * Client id echoed in the `userMessage` item’s `clientId`.
   */
  clientUserMessageId?: string | null;
}
/**
 * The input was queued into the running turn.
 */
export interface TurnSteerResponse {
  /**
   * The turn that received the input.
   */
  turnId: string;
}
/**
 * Something went wrong that does not stop the work.
 */
export interface WarningNotification {
  /**
   * What the user should know.
   */
  message: string;
  /**
   * The thread concerned, if any.
   */
  threadId?: string | null;
  /**
   * agentd extension: position of this notification in its thread’s event stream, increasing by one; pass the last one seen as `afterSeq` to `thread/resume` to replay what came after it.
   */
  seq?: number;
}
