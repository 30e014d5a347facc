import { parseOverride } from '@agentd/core/startup';
import { describe, expect, it } from 'vitest';
import { ExecUsageError, parseExecArgs } from './exec-args.js';

describe('parseExecArgs', () => {
  it('defaults to approval policy never and the workspace-write sandbox', () => {
    expect(parseExecArgs(['fix it'], [])).toEqual({
      prompt: 'fix it',
      json: false,
      resume: undefined,
      cwd: undefined,
      model: undefined,
      sandbox: 'workspace-write',
      approvalPolicy: 'never',
    });
  });

  it('reads every option, long and short', () => {
    const args = parseExecArgs(['--json', '--resume', 't-1', '-C', '/w', '-m', 'gpt-x', '-s', 'read-only', 'go'], []);
    expect(args).toMatchObject({ prompt: 'go', json: true, resume: 't-1', cwd: '/w', model: 'gpt-x', sandbox: 'read-only' });
    expect(parseExecArgs(['--cd', '/v', '--model', 'm', '--sandbox', 'danger-full-access', 'go'], [])).toMatchObject({ cwd: '/v', model: 'm', sandbox: 'danger-full-access' });
  });

  it('leaves the choice to -c approval_policy= and -c sandbox_mode= when they are given', () => {
    const overrides = [parseOverride('approval_policy=on-request'), parseOverride('sandbox_mode=read-only')];
    expect(parseExecArgs(['go'], overrides)).toMatchObject({ approvalPolicy: undefined, sandbox: undefined });
    // An explicit -s still wins over -c sandbox_mode.
    expect(parseExecArgs(['-s', 'workspace-write', 'go'], overrides)).toMatchObject({ sandbox: 'workspace-write' });
  });

  it('takes "-" as "read the prompt from stdin" and anything after -- as the prompt', () => {
    expect(parseExecArgs(['-'], []).prompt).toBe('-');
    expect(parseExecArgs(['--json', '--', '--not-an-option'], [])).toMatchObject({ json: true, prompt: '--not-an-option' });
    expect(parseExecArgs([], []).prompt).toBeUndefined();
  });

  it('refuses unknown options, missing values, bad sandbox modes and a split prompt', () => {
    expect(() => parseExecArgs(['--frobnicate', 'go'], [])).toThrow(new ExecUsageError('unknown option for exec: --frobnicate'));
    expect(() => parseExecArgs(['go', '--resume'], [])).toThrow('--resume needs a value');
    expect(() => parseExecArgs(['-s', 'everything', 'go'], [])).toThrow('--sandbox must be one of read-only, workspace-write, danger-full-access, not everything');
    expect(() => parseExecArgs(['fix', 'it'], [])).toThrow('give the prompt as one argument (quote it)');
  });
});
