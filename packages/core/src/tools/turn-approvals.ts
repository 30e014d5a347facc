/**
 * Asking the user during a turn: sets the thread's waiting flag while a question is open, skips
 * questions already answered "for this session", and remembers new session answers.
 */
import type {
  ApprovalGateway,
  CommandApprovalRequest,
  FileChangeApprovalRequest,
  ReviewDecision,
  UserAnswers,
  UserInputRequest,
} from '../approvals/approval-gateway.js';
import type { ActiveFlag } from '../turn/events.js';

/** What the user allowed for the rest of the thread ("yes, for this session"). */
export class SessionApprovals {
  readonly #commands = new Set<string>();
  readonly #paths = new Set<string>();
  readonly #mcpTools = new Set<string>();

  allowsCommand(command: string): boolean {
    return this.#commands.has(command);
  }

  allowCommand(command: string): void {
    this.#commands.add(command);
  }

  allowsPaths(paths: readonly string[]): boolean {
    return paths.length > 0 && paths.every((path) => this.#paths.has(path));
  }

  allowPaths(paths: readonly string[]): void {
    for (const path of paths) this.#paths.add(path);
  }

  allowsMcpTool(server: string, tool: string): boolean {
    return this.#mcpTools.has(JSON.stringify([server, tool]));
  }

  allowMcpTool(server: string, tool: string): void {
    this.#mcpTools.add(JSON.stringify([server, tool]));
  }
}

export class TurnApprovals {
  readonly #threadId: string;
  readonly #gateway: ApprovalGateway;
  readonly #session: SessionApprovals;
  readonly #setFlag: (flag: ActiveFlag, on: boolean) => void;
  readonly #signal: AbortSignal;

  constructor(options: {
    threadId: string;
    gateway: ApprovalGateway;
    session: SessionApprovals;
    setFlag: (flag: ActiveFlag, on: boolean) => void;
    signal: AbortSignal;
  }) {
    this.#threadId = options.threadId;
    this.#gateway = options.gateway;
    this.#session = options.session;
    this.#setFlag = options.setFlag;
    this.#signal = options.signal;
  }

  get session(): SessionApprovals {
    return this.#session;
  }

  /** Marks the thread as waiting; call before announcing the item the question is about. */
  beginWaiting(flag: ActiveFlag = 'waitingOnApproval'): void {
    this.#setFlag(flag, true);
  }

  async command(request: CommandApprovalRequest): Promise<ReviewDecision> {
    try {
      const decision = await this.#gateway.approveCommand(this.#threadId, request, this.#signal);
      if (decision === 'acceptForSession') this.#session.allowCommand(request.command);
      return decision;
    } finally {
      this.#setFlag('waitingOnApproval', false);
    }
  }

  async fileChange(request: FileChangeApprovalRequest, paths: readonly string[]): Promise<ReviewDecision> {
    try {
      const decision = await this.#gateway.approveFileChange(this.#threadId, request, this.#signal);
      if (decision === 'acceptForSession') this.#session.allowPaths(paths);
      return decision;
    } finally {
      this.#setFlag('waitingOnApproval', false);
    }
  }

  async userInput(request: UserInputRequest): Promise<UserAnswers> {
    try {
      return await this.#gateway.askUser(this.#threadId, request, this.#signal);
    } finally {
      this.#setFlag('waitingOnUserInput', false);
    }
  }
}
