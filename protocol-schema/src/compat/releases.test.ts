/**
 * The compatibility gate `npm test` runs: the current protocol (built from the zod schemas) keeps
 * every client of every frozen release working, and no release was edited after it was frozen.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemaBundle } from '../generate/json-schema.js';
import { findBreakingChanges } from './compare-bundles.js';
import { parseVersion } from './release-policy.js';
import {
  COMPAT_PATHS,
  RELEASE_SCHEMA_FILE,
  checkAgainstReleases,
  currentProtocolVersion,
  freezeRelease,
  readReleases,
  verifySealedFiles,
} from './releases.js';

const current = buildJsonSchemaBundle();
const releases = readReleases();

describe('frozen releases', () => {
  it('exist, the first one being 0.1.0', () => {
    expect(releases.map((r) => r.version)[0]).toBe('0.1.0');
  });

  it('are unchanged since they were frozen (releases/SHA256SUMS)', () => {
    expect(verifySealedFiles(COMPAT_PATHS.releases, COMPAT_PATHS.hashes)).toEqual([]);
  });

  it('are not newer than the package version', () => {
    const version = parseVersion(currentProtocolVersion());
    for (const release of releases) expect(parseVersion(release.version).major).toBeLessThanOrEqual(version.major);
  });
});

describe('the current protocol', () => {
  it('keeps clients of every release working (or breaks them only as CHANGELOG.md announces)', () => {
    const verdicts = checkAgainstReleases({
      current,
      version: currentProtocolVersion(),
      releases,
      changelog: readFileSync(COMPAT_PATHS.changelog, 'utf8'),
    });
    expect(verdicts.flatMap((v) => v.problems).join('\n\n')).toBe('');
  });
});

describe('the checker on the real protocol', () => {
  const clone = () => structuredClone(current) as unknown as { definitions: Record<string, any>; methods: any[] };

  it('finds nothing between a bundle and itself', () => {
    expect(findBreakingChanges(current, current)).toEqual([]);
  });

  it('names a field removed from turn/completed', () => {
    const next = clone();
    delete next.definitions.Turn.properties.status;
    next.definitions.Turn.required = next.definitions.Turn.required.filter((name: string) => name !== 'status');
    const messages = findBreakingChanges(current, next).map((b) => b.message);
    expect(messages).toContain(
      'server notification `turn/completed` params field `turn.status`: field removed or renamed: old clients no longer find it',
    );
  });

  it('names a required param added to turn/start', () => {
    const next = clone();
    next.definitions.TurnStartParams.properties.workspaceId = { type: 'string' };
    next.definitions.TurnStartParams.required.push('workspaceId');
    expect(findBreakingChanges(current, next).map((b) => b.message)).toEqual([
      'client request `turn/start` params field `workspaceId`: new required field: old clients do not send it',
    ]);
  });

  it('names an enum value removed from the approval decisions', () => {
    const next = clone();
    const decisions = next.definitions.CommandExecutionApprovalDecision;
    const text = JSON.stringify(decisions);
    expect(text).toContain('"acceptForSession"');
    next.definitions.CommandExecutionApprovalDecision = JSON.parse(text.replace(/"acceptForSession",?/, ''));
    const messages = findBreakingChanges(current, next).map((b) => b.message);
    expect(messages.some((m) => m.includes('`item/commandExecution/requestApproval`') && m.includes('"acceptForSession" removed'))).toBe(true);
  });
});

describe('freezeRelease', () => {
  it('writes a release with its hash once and refuses to rewrite it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentd-releases-'));
    try {
      await freezeRelease({ version: '1.0.0', schema: '{"definitions":{},"methods":[]}\n', dir });
      expect(verifySealedFiles(dir, join(dir, 'SHA256SUMS'))).toEqual([]);
      await expect(freezeRelease({ version: '1.0.0', schema: '{}', dir })).rejects.toThrow('release 1.0.0 exists already');

      await writeFile(join(dir, '1.0.0', RELEASE_SCHEMA_FILE), '{"definitions":{},"methods":[{}]}\n');
      expect(verifySealedFiles(dir, join(dir, 'SHA256SUMS'))).toEqual([
        `1.0.0/${RELEASE_SCHEMA_FILE} was edited after it was sealed; add a new file instead`,
      ]);
      expect(await readFile(join(dir, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}1\.0\.0\/agentd-protocol\.schema\.json\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
