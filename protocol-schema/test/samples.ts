/**
 * Realistic payloads agentd sends, one or more per outbound schema: the results of client requests,
 * the params of server requests and of server notifications, and one of every ThreadItem variant.
 * The mapped types make the compiler insist on samples for every method of the tables.
 */
import type { v2 } from '../src/index.js';

const threadId = '01a21390-c23c-7ab0-801a-a99d95b2769d';
const turnId = '01a21390-c2bb-76e0-9c4f-b37c1599810f';
const cwd = '/home/dev/repo';
const startedAtMs = 1795624584166;

export const threadItemSamples: readonly v2.ThreadItem[] = [
  {
    type: 'userMessage',
    id: 'item-1',
    clientId: null,
    content: [
      { type: 'text', text: 'List the files and add a README.', text_elements: [] },
      { type: 'localImage', path: `${cwd}/screenshot.png`, detail: 'high' },
      { type: 'image', url: 'https://example.com/diagram.png' },
      { type: 'skill', name: 'release-notes', path: `${cwd}/.agents/skills/release-notes/SKILL.md` },
      { type: 'mention', name: 'main.ts', path: `${cwd}/src/main.ts` },
    ],
    startedAtMs,
    completedAtMs: startedAtMs,
  },
  {
    type: 'agentMessage',
    id: 'msg_1',
    text: 'Done. I created README.md.',
    phase: 'final_answer',
    memoryCitation: null,
    delivery: null,
    moderation: null,
    questions: null,
    startedAtMs,
    completedAtMs: startedAtMs + 40,
  },
  { type: 'reasoning', id: 'rs_1', summary: ['**Inspecting the repo**'], content: [] },
  {
    type: 'commandExecution',
    id: 'call_1',
    command: "/bin/bash -lc 'ls -a'",
    cwd,
    status: 'completed',
    commandActions: [
      { type: 'listFiles', command: 'ls -a', path: null },
      { type: 'read', command: 'cat README.md', name: 'README.md', path: `${cwd}/README.md` },
      { type: 'search', command: 'rg TODO', query: 'TODO', path: null },
      { type: 'unknown', command: 'make' },
    ],
    source: 'agent',
    processId: '58334',
    aggregatedOutput: '.\n..\nREADME.md\n',
    exitCode: 0,
    durationMs: 12,
    startedAtMs,
    completedAtMs: startedAtMs + 12,
  },
  {
    type: 'commandExecution',
    id: 'call_2',
    command: "/bin/bash -lc 'rm -rf build'",
    cwd,
    status: 'declined',
    commandActions: [{ type: 'unknown', command: 'rm -rf build' }],
    aggregatedOutput: null,
    exitCode: null,
    durationMs: null,
  },
  {
    type: 'fileChange',
    id: 'call_3',
    status: 'completed',
    changes: [
      { path: `${cwd}/README.md`, kind: { type: 'add' }, diff: '# repo\n' },
      { path: `${cwd}/src/a.ts`, kind: { type: 'update', move_path: `${cwd}/src/b.ts` }, diff: '@@ -1 +1 @@\n-a\n+b\n' },
      { path: `${cwd}/old.txt`, kind: { type: 'delete' }, diff: '' },
    ],
  },
  {
    type: 'mcpToolCall',
    id: 'call_4',
    server: 'docs',
    tool: 'search',
    status: 'completed',
    arguments: { query: 'sandbox' },
    result: { content: [{ type: 'text', text: 'found 2 pages' }], structuredContent: { hits: 2 } },
    error: null,
    durationMs: 230,
  },
  {
    type: 'mcpToolCall',
    id: 'call_5',
    server: 'docs',
    tool: 'fetch',
    status: 'failed',
    arguments: null,
    error: { message: 'server exited' },
  },
  { type: 'plan', id: 'plan_1', text: '1. Read the code\n2. Write the README\n' },
  { type: 'contextCompaction', id: 'compact_1', startedAtMs, completedAtMs: startedAtMs + 900 },
  { type: 'imageView', id: 'call_6', path: `${cwd}/screenshot.png` },
  { type: 'hookPrompt', id: 'hook_1', fragments: [{ hookRunId: 'run-1', text: 'Remember the style guide.' }] },
  { type: 'functionCallOutput', id: 'fco_1', name: 'lookup', namespace: null, output: 'ok' },
  {
    type: 'dynamicToolCall',
    id: 'dyn_1',
    tool: 'open_ticket',
    arguments: { title: 'flaky test' },
    status: 'completed',
    contentItems: [{ type: 'inputText', text: 'ticket #12' }],
    success: true,
  },
  {
    type: 'collabAgentToolCall',
    id: 'collab_1',
    tool: 'spawnAgent',
    status: 'completed',
    senderThreadId: threadId,
    receiverThreadIds: ['child-thread'],
    agentsStates: { 'child-thread': { status: 'running', message: null } },
  },
  {
    type: 'subAgentActivity',
    id: 'sub_1',
    kind: 'started',
    agentPath: 'root/reviewer',
    agentThreadId: 'child-thread',
  },
  { type: 'webSearch', id: 'ws_1', query: 'zod 4 registry', action: { type: 'search', query: 'zod 4 registry' } },
  { type: 'sleep', id: 'sleep_1', durationMs: 1000 },
  {
    type: 'imageGeneration',
    id: 'img_1',
    status: 'completed',
    fileId: 'file_123',
    savedPath: `${cwd}/out.png`,
    inputImages: [],
  },
  { type: 'enteredReviewMode', id: 'review_1', review: 'current changes' },
  { type: 'exitedReviewMode', id: 'review_2', review: 'Looks good.' },
];

const thread: v2.Thread = {
  id: threadId,
  sessionId: threadId,
  preview: 'List the files and add a README.',
  ephemeral: false,
  modelProvider: 'openai',
  model: 'gpt-5.5',
  reasoningEffort: null,
  createdAt: 1795624583,
  updatedAt: 1795624584,
  recencyAt: 1795624584,
  status: { type: 'idle' },
  path: '/home/dev/.agentd/sessions/2026/11/25/01a21390-c23c-7ab0-801a-a99d95b2769d.jsonl',
  cwd,
  cliVersion: '0.1.0',
  source: 'appServer',
  threadSource: null,
  originator: 'agentd-reference-client',
  projectId: null,
  forkedFromId: null,
  parentThreadId: null,
  agentNickname: null,
  agentRole: null,
  gitInfo: { sha: 'da1e01f324e592a7cf1864343fdfc7ee18d3522d', branch: 'main', originUrl: null },
  name: null,
  turns: [],
};

const runningTurn: v2.Turn = { id: turnId, items: [], status: 'inProgress', error: null, startedAt: null };

const completedTurn: v2.Turn = {
  id: turnId,
  items: threadItemSamples.slice(0, 4),
  itemsView: 'full',
  status: 'completed',
  error: null,
  startedAt: 1795624583,
  completedAt: 1795624584,
  durationMs: 550,
  rootTurnId: turnId,
};

const failedTurn: v2.Turn = {
  id: turnId,
  items: [],
  status: 'failed',
  error: {
    message: 'The model provider answered 503 five times.',
    codexErrorInfo: { responseTooManyFailedAttempts: { httpStatusCode: 503 } },
    additionalDetails: null,
  },
};

const openedThread = {
  thread,
  model: 'gpt-5.5',
  modelProvider: 'openai',
  serviceTier: null,
  reasoningEffort: 'medium',
  cwd,
  approvalPolicy: 'on-request',
  approvalsReviewer: 'user',
  sandbox: { type: 'workspaceWrite', writableRoots: [], networkAccess: false },
  sandboxEnforcement: {
    mechanism: 'bubblewrap',
    writableRoots: [cwd, '/tmp'],
    readOnlyPaths: [`${cwd}/.git`],
    networkAccess: false,
  },
  instructionSources: [`${cwd}/AGENTS.md`],
  disabledPluginIds: [],
} as const satisfies v2.ThreadStartResponse;

type ResultSamples = { readonly [M in v2.ClientRequestMethod]: readonly v2.ClientRequestResult<M>[] };

export const clientRequestResultSamples: ResultSamples = {
  initialize: [
    {
      userAgent: 'agentd/0.1.0 (linux; x86_64) (my_client; 1.2.0)',
      codexHome: '/home/dev/.agentd',
      platformFamily: 'unix',
      platformOs: 'linux',
    },
  ],
  'thread/start': [
    openedThread,
    { ...openedThread, approvalPolicy: 'never', sandbox: { type: 'dangerFullAccess' }, sandboxEnforcement: undefined },
  ],
  'thread/resume': [
    {
      ...openedThread,
      thread: { ...thread, turns: [completedTurn, failedTurn] },
      approvalPolicy: { granular: { sandbox_approval: true, rules: true, mcp_elicitations: false } },
      collaborationMode: { mode: 'default', settings: { model: 'gpt-5.5', reasoning_effort: null } },
    },
  ],
  'thread/fork': [
    {
      ...openedThread,
      thread: { ...thread, id: 'forked-thread', forkedFromId: threadId, turns: [completedTurn] },
      sandbox: { type: 'readOnly', networkAccess: false },
      sandboxEnforcement: { mechanism: 'none', writableRoots: [], readOnlyPaths: [], networkAccess: true },
    },
  ],
  'thread/archive': [{}],
  'thread/unarchive': [{ thread }],
  'thread/unsubscribe': [{ status: 'unsubscribed' }, { status: 'notLoaded' }],
  'thread/name/set': [{}],
  'thread/compact/start': [{}],
  'thread/revert': [{ thread: { ...thread, turns: [] }, turnsBackwardsCursor: null }],
  'thread/list': [
    { data: [thread, { ...thread, id: 'other', name: 'Release notes', status: { type: 'notLoaded' } }], nextCursor: 'c2' },
    { data: [], nextCursor: null },
  ],
  'thread/loaded/list': [{ data: [threadId], nextCursor: null }],
  'thread/read': [{ thread: { ...thread, turns: [completedTurn] } }],
  'thread/turns/list': [
    { data: [completedTurn], nextCursor: `after:${completedTurn.id}`, backwardsCursor: `from:${completedTurn.id}` },
    { data: [{ ...completedTurn, items: [], itemsView: 'notLoaded' }], nextCursor: null, backwardsCursor: null },
    { data: [] },
  ],
  'turn/start': [{ turn: runningTurn }],
  'turn/steer': [{ turnId }],
  'turn/interrupt': [{}],
  'model/list': [
    {
      data: [
        {
          id: 'gpt-5.5',
          model: 'gpt-5.5',
          displayName: 'GPT-5.5',
          description: 'Frontier coding model.',
          hidden: false,
          isDefault: true,
          defaultReasoningEffort: 'medium',
          supportedReasoningEfforts: [
            { reasoningEffort: 'low', description: 'Fast answers.' },
            { reasoningEffort: 'medium', description: 'Balanced.' },
            { reasoningEffort: 'high', description: 'Thorough.' },
          ],
          inputModalities: ['text', 'image'],
          upgrade: null,
        },
      ],
      nextCursor: null,
    },
  ],
  'command/exec': [
    { exitCode: 0, stdout: 'hello\n', stderr: '' },
    { exitCode: 124, stdout: '', stderr: '' },
  ],
  'command/exec/write': [{}],
  'command/exec/terminate': [{}],
  'command/exec/resize': [{}],
  'config/read': [
    {
      config: {
        model: 'gpt-5.5',
        model_provider: 'openai',
        approval_policy: 'on-request',
        sandbox_mode: 'workspace-write',
        sandbox_workspace_write: { writable_roots: ['/data'], network_access: false },
        model_reasoning_effort: 'high',
        mcp_servers: { docs: { command: 'docs-mcp' } },
      },
      origins: {
        model: { name: { type: 'user', file: '/home/dev/.agentd/config.toml' }, version: 'sha256:1a2b' },
      },
      layers: [
        {
          name: { type: 'user', file: '/home/dev/.agentd/config.toml' },
          version: 'sha256:1a2b',
          config: { model: 'gpt-5.5' },
        },
        { name: { type: 'sessionFlags' }, version: 'sha256:0000', config: {}, disabledReason: null },
      ],
    },
  ],
  'account/read': [
    { account: { type: 'apiKey' }, requiresOpenaiAuth: false },
    { account: null, requiresOpenaiAuth: true, userId: null },
  ],
  'permissionProfile/list': [
    {
      data: [
        { id: 'workspace', allowed: true, description: 'Write inside the workspace, no network.' },
        { id: 'full-access', allowed: false, description: null },
      ],
      nextCursor: null,
    },
  ],
  'skills/list': [
    {
      data: [
        {
          cwd,
          skills: [
            {
              name: 'release-notes',
              description: 'Write release notes from the git log.',
              path: `${cwd}/.agents/skills/release-notes/SKILL.md`,
              scope: 'repo',
              enabled: true,
              interface: { displayName: 'Release notes' },
            },
          ],
          errors: [{ path: `${cwd}/.agents/skills/broken/SKILL.md`, message: 'missing front matter' }],
        },
      ],
    },
  ],
  'mcpServerStatus/list': [
    {
      data: [
        {
          name: 'docs',
          authStatus: 'unsupported',
          tools: {
            search: {
              name: 'search',
              description: 'Search the docs.',
              inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
            },
          },
          resources: [{ uri: 'docs://index', name: 'index', mimeType: 'text/markdown' }],
          resourceTemplates: [{ uriTemplate: 'docs://page/{slug}', name: 'page' }],
          runtimeStatus: 'connected',
          serverInfo: { name: 'docs-mcp', version: '1.0.0' },
          httpOrigin: null,
        },
      ],
      nextCursor: null,
    },
  ],
};

type ServerRequestSamples = { readonly [M in v2.ServerRequestMethod]: readonly v2.ServerRequestParams<M>[] };

export const serverRequestParamSamples: ServerRequestSamples = {
  'item/commandExecution/requestApproval': [
    {
      threadId,
      turnId,
      itemId: 'call_1',
      startedAtMs,
      kind: 'command',
      command: "/bin/bash -lc 'touch made-by-agent.txt'",
      cwd,
      commandActions: [{ type: 'unknown', command: 'touch made-by-agent.txt' }],
      reason: 'The command writes outside the sandbox.',
      proposedExecpolicyAmendment: ['touch', 'made-by-agent.txt'],
      availableDecisions: [
        'accept',
        'acceptForSession',
        { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['touch', 'made-by-agent.txt'] } },
        'decline',
        'cancel',
      ],
    },
    { threadId, turnId, itemId: 'call_2', startedAtMs },
  ],
  'item/fileChange/requestApproval': [
    { threadId, turnId, itemId: 'call_3', startedAtMs, reason: null, grantRoot: null },
  ],
  'item/tool/requestUserInput': [
    {
      threadId,
      turnId,
      itemId: 'call_7',
      isBlocking: true,
      questions: [
        {
          id: 'db',
          header: 'Database',
          question: 'Which database should the tests use?',
          options: [
            { label: 'sqlite', description: 'Fast, in memory.' },
            { label: 'postgres', description: 'Like production.' },
          ],
          isOther: true,
        },
      ],
    },
  ],
};

type NotificationSamples = {
  readonly [M in v2.ServerNotificationMethod]: readonly v2.ServerNotificationParams<M>[];
};

const inTurn = { threadId, turnId } as const;

export const serverNotificationParamSamples: NotificationSamples = {
  error: [
    { ...inTurn, error: { message: 'stream disconnected', codexErrorInfo: 'serverOverloaded' }, willRetry: true, seq: 7 },
    { ...inTurn, error: { message: 'context window exceeded', codexErrorInfo: 'contextWindowExceeded' }, willRetry: false },
  ],
  'thread/started': [{ thread }],
  'thread/status/changed': [
    { threadId, status: { type: 'active', activeFlags: ['waitingOnApproval'] }, seq: 3 },
    { threadId, status: { type: 'idle' } },
    { threadId, status: { type: 'systemError' } },
  ],
  'thread/archived': [{ threadId }],
  'thread/unarchived': [{ threadId, seq: 1 }],
  'thread/closed': [{ threadId }],
  'thread/reverted': [{ threadId, seq: 40 }],
  'thread/name/updated': [{ threadId, threadName: 'Release notes' }, { threadId, threadName: null }],
  'thread/tokenUsage/updated': [
    {
      ...inTurn,
      tokenUsage: {
        total: {
          totalTokens: 19874,
          inputTokens: 19839,
          cachedInputTokens: 9000,
          cacheWriteInputTokens: 0,
          outputTokens: 35,
          reasoningOutputTokens: 0,
        },
        last: { totalTokens: 9998, inputTokens: 9983, cachedInputTokens: 9000, outputTokens: 15, reasoningOutputTokens: 0 },
        modelContextWindow: 258400,
      },
      seq: 12,
    },
  ],
  'thread/compacted': [{ ...inTurn, seq: 20 }],
  'turn/started': [{ threadId, turn: { ...runningTurn, startedAt: 1795624583 }, seq: 2 }],
  'turn/completed': [
    { threadId, turn: completedTurn, seq: 30 },
    { threadId, turn: failedTurn },
    { threadId, turn: { ...runningTurn, status: 'interrupted', error: null, completedAt: 1795624590 } },
  ],
  'turn/diff/updated': [{ ...inTurn, diff: 'diff --git a/README.md b/README.md\n' }],
  'turn/plan/updated': [
    {
      ...inTurn,
      explanation: null,
      plan: [
        { step: 'Read the code', status: 'completed' },
        { step: 'Write the README', status: 'inProgress' },
        { step: 'Run the tests', status: 'pending' },
      ],
    },
  ],
  'item/started': threadItemSamples.map((item, index) => ({ ...inTurn, item, startedAtMs, seq: 100 + index })),
  'item/completed': threadItemSamples.map((item) => ({ ...inTurn, item, completedAtMs: startedAtMs + 50 })),
  'item/agentMessage/delta': [{ ...inTurn, itemId: 'msg_1', delta: 'Done. ', seq: 4 }],
  'item/plan/delta': [{ ...inTurn, itemId: 'plan_1', delta: '1. Read' }],
  'item/commandExecution/outputDelta': [{ ...inTurn, itemId: 'call_1', delta: 'README.md\n' }],
  'item/fileChange/outputDelta': [{ ...inTurn, itemId: 'call_3', delta: 'Success. Updated: README.md\n' }],
  'item/reasoning/summaryTextDelta': [{ ...inTurn, itemId: 'rs_1', delta: '**Inspecting', summaryIndex: 0 }],
  'item/reasoning/summaryPartAdded': [{ ...inTurn, itemId: 'rs_1', summaryIndex: 1 }],
  'item/reasoning/textDelta': [{ ...inTurn, itemId: 'rs_1', delta: 'The user wants', contentIndex: 0 }],
  'item/mcpToolCall/progress': [{ ...inTurn, itemId: 'call_4', message: 'indexing 3/10' }],
  'serverRequest/resolved': [
    { threadId, requestId: 0, seq: 9 },
    { threadId, requestId: 'req-7' },
  ],
  'mcpServer/startupStatus/updated': [
    { name: 'docs', status: 'ready', threadId: null },
    { name: 'github', status: 'failed', error: 'token expired', failureReason: 'reauthenticationRequired', threadId, seq: 1 },
  ],
  warning: [{ message: 'AGENTS.md was cut at 32 KiB.', threadId, seq: 5 }, { message: 'unknown config key' }],
  configWarning: [
    {
      summary: 'Unknown key `modle`.',
      details: null,
      path: '/home/dev/.agentd/config.toml',
      range: { start: { line: 3, column: 1 }, end: { line: 3, column: 6 } },
    },
  ],
  'command/exec/outputDelta': [
    { processId: 'proc-1', stream: 'stdout', deltaBase64: 'aGVsbG8K', capReached: false },
    { processId: 'proc-1', stream: 'stderr', deltaBase64: '', capReached: true },
  ],
};
