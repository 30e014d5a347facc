import { describe, expect, it } from 'vitest';
import { type CommandEnvPolicy, buildCommandEnv, namePattern } from './command-env.js';

const daemonEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/me',
  USER: 'me',
  SHELL: '/bin/bash',
  LANG: 'en_US.UTF-8',
  LC_ALL: 'en_US.UTF-8',
  TERM: 'xterm',
  PWD: '/daemon/dir',
  OLDPWD: '/elsewhere',
  EDITOR: 'vim',
  OPENAI_API_KEY: 'sk-secret',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  GITHUB_TOKEN: 'ghp-secret',
  DB_PASSWORD: 'hunter2',
  GOOGLE_APPLICATION_CREDENTIALS: '/keys.json',
  MY_PROVIDER_AUTH: 'provider-secret',
  NODE_ENV: 'development',
  UNSET: undefined,
};

const policy = (overrides: Partial<CommandEnvPolicy> = {}): CommandEnvPolicy => ({
  inherit: 'all',
  ignoreDefaultExcludes: false,
  exclude: [],
  includeOnly: [],
  set: {},
  ...overrides,
});

const nonInteractive = { PAGER: 'cat', GIT_PAGER: 'cat', GH_PAGER: 'cat', NO_COLOR: '1' };

describe('buildCommandEnv', () => {
  it('drops names that look like secrets, and the working directory of the daemon', () => {
    expect(buildCommandEnv(daemonEnv, policy())).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      USER: 'me',
      SHELL: '/bin/bash',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'en_US.UTF-8',
      TERM: 'xterm',
      EDITOR: 'vim',
      MY_PROVIDER_AUTH: 'provider-secret',
      NODE_ENV: 'development',
      ...nonInteractive,
    });
  });

  it('keeps the core set with inherit: core', () => {
    expect(buildCommandEnv(daemonEnv, policy({ inherit: 'core' }))).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      USER: 'me',
      SHELL: '/bin/bash',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'en_US.UTF-8',
      TERM: 'xterm',
      ...nonInteractive,
    });
  });

  it('starts empty with inherit: none', () => {
    expect(buildCommandEnv(daemonEnv, policy({ inherit: 'none', set: { PATH: '/bin' } }))).toEqual({ ...nonInteractive, PATH: '/bin' });
  });

  it('keeps secret-looking names when asked, but never the named secrets', () => {
    const env = buildCommandEnv(daemonEnv, policy({ ignoreDefaultExcludes: true, secretNames: ['MY_PROVIDER_AUTH', 'openai_api_key'] }));
    expect(env.GITHUB_TOKEN).toBe('ghp-secret');
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('aws-secret');
    expect(env).not.toHaveProperty('MY_PROVIDER_AUTH');
    expect(env).not.toHaveProperty('OPENAI_API_KEY');
  });

  it('excludes by case-insensitive patterns', () => {
    const env = buildCommandEnv(daemonEnv, policy({ exclude: ['node_*', '*auth', 'E?ITOR'] }));
    expect(env).not.toHaveProperty('NODE_ENV');
    expect(env).not.toHaveProperty('MY_PROVIDER_AUTH');
    expect(env).not.toHaveProperty('EDITOR');
    expect(env.HOME).toBe('/home/me');
  });

  it('keeps only what includeOnly matches, then applies set', () => {
    const env = buildCommandEnv(daemonEnv, policy({ includeOnly: ['PATH', 'LC_*', '*API_KEY'], set: { FOO: 'bar', PAGER: 'less' } }));
    // includeOnly does not bring back a default-excluded secret.
    expect(env).toEqual({ PATH: '/usr/bin:/bin', LC_ALL: 'en_US.UTF-8', ...nonInteractive, FOO: 'bar', PAGER: 'less' });
  });

  it('lets set override what is inherited', () => {
    expect(buildCommandEnv(daemonEnv, policy({ set: { HOME: '/sandbox/home' } })).HOME).toBe('/sandbox/home');
  });
});

describe('namePattern', () => {
  it('matches whole names, case-insensitively, with * and ?', () => {
    expect(namePattern('*KEY*').test('openai_api_key')).toBe(true);
    expect(namePattern('KEY').test('KEYS')).toBe(false);
    expect(namePattern('A.B').test('AxB')).toBe(false);
    expect(namePattern('A?B').test('AxB')).toBe(true);
  });
});
