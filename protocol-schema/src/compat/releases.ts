/**
 * The frozen releases of the protocol on disk: `protocol-schema/releases/<version>/` holds the
 * generated JSON Schema bundle of each released version, and `releases/SHA256SUMS` the hash of every
 * file in them, so a release that was edited (rather than added) fails a test. A release is only
 * ever added, by `npm run release -w @agentd/protocol`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, appendFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProtocolBundle, findBreakingChanges } from './compare-bundles.js';
import { type ReleaseVerdict, compareVersions, judgeRelease, parseVersion } from './release-policy.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const COMPAT_PATHS = {
  releases: join(PACKAGE_ROOT, 'releases'),
  hashes: join(PACKAGE_ROOT, 'releases', 'SHA256SUMS'),
  changelog: join(PACKAGE_ROOT, 'CHANGELOG.md'),
  packageJson: join(PACKAGE_ROOT, 'package.json'),
} as const;

/** The file of a release that holds its schema bundle. */
export const RELEASE_SCHEMA_FILE = 'agentd-protocol.schema.json';

export interface Release {
  readonly version: string;
  readonly bundle: ProtocolBundle;
}

/** The protocol version being developed: the version of @agentd/protocol. */
export function currentProtocolVersion(packageJson = COMPAT_PATHS.packageJson): string {
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${packageJson} has no version`);
  return parseVersion(version).text;
}

/** Every release under `dir`, oldest first. */
export function readReleases(dir = COMPAT_PATHS.releases): Release[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .map((name) => ({ name, version: parseVersion(name) }))
    .sort((a, b) => compareVersions(a.version, b.version))
    .map(({ name }) => ({
      version: name,
      bundle: JSON.parse(readFileSync(join(dir, name, RELEASE_SCHEMA_FILE), 'utf8')) as ProtocolBundle,
    }));
}

/** Compares the current protocol with every release and judges the breaks against the policy. */
export function checkAgainstReleases(options: {
  current: ProtocolBundle;
  version: string;
  releases: readonly Release[];
  changelog: string;
}): ReleaseVerdict[] {
  return options.releases.map((release) =>
    judgeRelease({
      release: release.version,
      current: options.version,
      breaks: findBreakingChanges(release.bundle, options.current),
      changelog: options.changelog,
    }),
  );
}

// ---- the hash list --------------------------------------------------------------------------------

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** `<sha256>  <path>` lines, as `sha256sum` writes and checks them. */
export function parseHashList(text: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`not a hash line: ${JSON.stringify(line)}`);
    hashes.set(match[2]!, match[1]!);
  }
  return hashes;
}

/**
 * What differs between the files under `dir` and the hash list `hashes` (paths relative to `dir`):
 * an edited file, a file not listed, a listed file that is gone. Empty when every file is as sealed.
 */
export function verifySealedFiles(dir: string, hashes: string): string[] {
  const listed = existsSync(hashes) ? parseHashList(readFileSync(hashes, 'utf8')) : new Map<string, string>();
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const path of existsSync(dir) ? filesUnder(dir) : []) {
    if (path === hashes) continue;
    const name = relative(dir, path).split(sep).join('/');
    seen.add(name);
    const expected = listed.get(name);
    if (expected === undefined) problems.push(`${name} is not listed in ${relative(dir, hashes)}: seal it (it is then frozen)`);
    else if (expected !== sha256(readFileSync(path))) problems.push(`${name} was edited after it was sealed; add a new file instead`);
  }
  for (const name of listed.keys()) if (!seen.has(name)) problems.push(`${name} is listed in ${relative(dir, hashes)} but missing`);
  return problems;
}

/** Writes a new release of the current bundle; refuses to touch an existing one. */
export async function freezeRelease(options: { version: string; schema: string; dir?: string }): Promise<string> {
  const dir = options.dir ?? COMPAT_PATHS.releases;
  const version = parseVersion(options.version).text;
  const target = join(dir, version);
  if (existsSync(target)) throw new Error(`release ${version} exists already: a release is frozen once written`);
  await mkdir(target, { recursive: true });
  const file = join(target, RELEASE_SCHEMA_FILE);
  await writeFile(file, options.schema);
  await appendFile(join(dir, 'SHA256SUMS'), `${sha256(options.schema)}  ${version}/${RELEASE_SCHEMA_FILE}\n`);
  return file;
}
