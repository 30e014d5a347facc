/**
 * What a client written for the real server may send must parse. Each sample is first checked
 * against the reference schema (so it really is a valid client message), then parsed with ours.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatErrors, referenceValidator } from '../../test/reference.js';
import { clientRequests, serverRequests } from './index.js';

const threadId = '01a21390-c23c-7ab0-801a-a99d95b2769d';

const clientParams: { readonly [M in keyof typeof clientRequests]?: readonly unknown[] } = {
  'thread/start': [
    {},
    { cwd: '/repo', approvalPolicy: 'untrusted', sandbox: 'workspace-write', model: 'gpt-5.5' },
    {
      approvalPolicy: { granular: { sandbox_approval: true, rules: false, mcp_elicitations: true, skill_approval: true } },
      approvalsReviewer: 'user',
      config: { model_reasoning_effort: 'high' },
      ephemeral: null,
      personality: 'none',
      sessionStartSource: 'startup',
      developerInstructions: 'Answer in French.',
    },
  ],
  'thread/resume': [{ threadId, excludeTurns: true, sandbox: 'read-only', approvalPolicy: 'never' }],
  'thread/fork': [{ threadId, ephemeral: true, lastTurnId: null }],
  'thread/list': [{ limit: 20, cursor: null, sortKey: 'updated_at', cwd: ['/repo', '/other'], archived: false }],
  'turn/start': [
    {
      threadId,
      input: [
        { type: 'text', text: 'hi' },
        { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
        { type: 'image', fileId: 'file_1' },
        { type: 'localImage', path: '/repo/a.png' },
        { type: 'audio', url: 'https://example.com/a.mp3' },
        { type: 'localAudio', path: '/repo/a.wav' },
        { type: 'skill', name: 'notes', path: '/repo/.agents/skills/notes/SKILL.md' },
        { type: 'mention', name: 'app', path: 'app://calendar' },
      ],
      sandboxPolicy: { type: 'workspaceWrite', writableRoots: ['/data'], networkAccess: true },
      effort: 'high',
      summary: 'none',
      outputSchema: { type: 'object' },
      toolOutput: { name: 'lookup', output: [{ type: 'input_text', text: 'ok' }, { type: 'input_image', file_id: 'f' }] },
    },
    { threadId, input: [], sandboxPolicy: { type: 'externalSandbox', networkAccess: 'enabled' } },
    { threadId, input: [], sandboxPolicy: { type: 'dangerFullAccess' }, approvalPolicy: 'on-request' },
  ],
  'turn/steer': [{ threadId, expectedTurnId: 'turn-1', input: [{ type: 'text', text: 'also the tests' }] }],
  'command/exec': [
    { command: ['ls', '-a'] },
    {
      command: ['bash'],
      processId: 'p1',
      tty: true,
      size: { rows: 24, cols: 80 },
      env: { TERM: 'xterm', SECRET: null },
      timeoutMs: 5000,
      sandboxPolicy: { type: 'readOnly' },
    },
  ],
  'command/exec/write': [{ processId: 'p1', deltaBase64: 'bHMK', closeStdin: true }],
  'mcpServerStatus/list': [{ detail: 'toolsAndAuthOnly', serverName: 'docs', threadId: null }],
  'skills/list': [{ cwds: ['/repo'], forceReload: true }],
};

const serverRequestAnswers: { readonly [M in keyof typeof serverRequests]: readonly unknown[] } = {
  'item/commandExecution/requestApproval': [
    { decision: 'accept' },
    { decision: 'acceptForSession' },
    { decision: 'decline' },
    { decision: 'cancel' },
    { decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['touch'] } } },
    { decision: { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'pypi.org', action: 'allow' } } } },
  ],
  'item/fileChange/requestApproval': [{ decision: 'accept' }, { decision: 'acceptForSession' }, { decision: 'cancel' }],
  'item/tool/requestUserInput': [{ answers: { db: { answers: ['sqlite'] } } }, { answers: {} }],
};

function expectAccepted(schema: z.ZodType, sample: unknown, label: string): void {
  const name = z.globalRegistry.get(schema)?.id;
  const validate = referenceValidator(name!);
  expect(validate(sample), `${label}: the sample itself is invalid: ${formatErrors(validate.errors)}`).toBe(true);
  const parsed = schema.safeParse(sample);
  expect(parsed.success, `${label}: ${parsed.error?.message}`).toBe(true);
}

describe('inbound messages a reference client may send', () => {
  for (const [method, samples] of Object.entries(clientParams)) {
    it(`params of ${method}`, () => {
      const spec = clientRequests[method as keyof typeof clientRequests];
      samples!.forEach((sample, index) => expectAccepted(spec.params, sample, `${method} #${index}`));
    });
  }

  for (const [method, samples] of Object.entries(serverRequestAnswers)) {
    it(`answers to ${method}`, () => {
      const spec = serverRequests[method as keyof typeof serverRequests];
      samples.forEach((sample, index) => expectAccepted(spec.result, sample, `${method} #${index}`));
    });
  }

  it('unknown fields are tolerated and dropped', () => {
    const parsed = clientRequests['thread/start'].params.parse({ model: 'm', someFutureField: 1 });
    expect(parsed).toEqual({ model: 'm' });
  });

  it('an image needs a url or a file id', () => {
    const params = { threadId, input: [{ type: 'image', detail: 'low' }] };
    expect(clientRequests['turn/start'].params.safeParse(params).success).toBe(false);
  });
});
