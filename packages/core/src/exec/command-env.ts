/**
 * The environment a command gets. The daemon's environment holds the model provider's API key and
 * whatever else the user's shell exported; a command the model wrote should see neither unless the
 * user says so. Mirrors Codex's `[shell_environment_policy]`, with secrets out by default.
 */

export interface CommandEnvPolicy {
  /** Start from all of the daemon's variables, a core set (PATH, HOME, locale…), or none. */
  readonly inherit: 'all' | 'core' | 'none';
  /** Keep names that look like secrets (`*KEY*`, `*SECRET*`, `*TOKEN*`…). */
  readonly ignoreDefaultExcludes: boolean;
  /** Names to drop: case-insensitive patterns where `*` is any run and `?` any one character. */
  readonly exclude: readonly string[];
  /** When not empty, only names matching one of these patterns are kept from what is inherited. */
  readonly includeOnly: readonly string[];
  /** Set last, over anything inherited or defaulted: the user's explicit word. */
  readonly set: Readonly<Record<string, string>>;
  /** Names of the daemon's own credentials (a provider's `env_key`): never inherited. */
  readonly secretNames?: readonly string[];
}

/** What `inherit: 'core'` keeps, besides every `LC_*`. */
const CORE_NAMES = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'TERM', 'TMPDIR', 'TZ']);

/** Names that look like credentials. */
const DEFAULT_EXCLUDES = ['*KEY*', '*SECRET*', '*TOKEN*', '*PASSWORD*', '*CREDENTIAL*'];

/**
 * Describe the daemon's working directory, not the command's: a stale PWD misleads tools that trust
 * it over getcwd().
 */
const NEVER_INHERITED = new Set(['PWD', 'OLDPWD']);

/**
 * Commands run with pipes, not a terminal, and nobody can press `q`. Most tools notice that and
 * neither page nor colour, but some page unconditionally (`git -p`, `psql`, `aws`) and would wait
 * for a keypress until the timeout, and a `FORCE_COLOR` inherited from the user's shell fills the
 * model's context with escape codes. These make the non-interactive case explicit; `set` overrides.
 */
const NON_INTERACTIVE: Readonly<Record<string, string>> = {
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  GH_PAGER: 'cat',
  NO_COLOR: '1',
};

export function buildCommandEnv(daemonEnv: Readonly<Record<string, string | undefined>>, policy: CommandEnvPolicy): Record<string, string> {
  const secrets = new Set((policy.secretNames ?? []).map((name) => name.toUpperCase()));
  const excludes = [...(policy.ignoreDefaultExcludes ? [] : DEFAULT_EXCLUDES), ...policy.exclude].map(namePattern);
  const includeOnly = policy.includeOnly.map(namePattern);

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(daemonEnv)) {
    if (value === undefined) continue;
    if (!isInherited(name, policy.inherit)) continue;
    if (secrets.has(name.toUpperCase())) continue;
    if (excludes.some((pattern) => pattern.test(name))) continue;
    if (includeOnly.length > 0 && !includeOnly.some((pattern) => pattern.test(name))) continue;
    env[name] = value;
  }
  Object.assign(env, NON_INTERACTIVE, policy.set);
  return env;
}

function isInherited(name: string, inherit: CommandEnvPolicy['inherit']): boolean {
  if (NEVER_INHERITED.has(name)) return false;
  switch (inherit) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'core':
      return CORE_NAMES.has(name) || name.startsWith('LC_');
  }
}

/** A name pattern as a whole-name, case-insensitive regular expression. */
export function namePattern(pattern: string): RegExp {
  const source = [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'i');
}
