/** A break is allowed only in a new major version announced in the changelog. */
import { describe, expect, it } from 'vitest';
import type { BreakingChange } from './compare-bundles.js';
import { judgeRelease, parseChangelog } from './release-policy.js';

const removedStatus: BreakingChange = {
  method: 'turn/completed',
  direction: 'serverNotification',
  part: 'params',
  field: 'turn.status',
  rule: 'removed-field',
  message: 'server notification `turn/completed` params field `turn.status`: field removed or renamed: old clients no longer find it',
};

const CHANGELOG = `# Changelog

## 1.0.0 - 2027-01-01

- \`turn/completed\` no longer carries \`turn.status\`; read it from \`turn/statusChanged\`.

## 0.1.0

First release.
`;

describe('judgeRelease', () => {
  it('passes when nothing breaks', () => {
    expect(judgeRelease({ release: '0.1.0', current: '0.2.0', breaks: [], changelog: '' }).problems).toEqual([]);
  });

  it('refuses a break within the same major version, naming method and field', () => {
    const { problems } = judgeRelease({ release: '0.1.0', current: '0.2.0', breaks: [removedStatus], changelog: CHANGELOG });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('breaks release 0.1.0');
    expect(problems[0]).toContain('`turn/completed` params field `turn.status`');
    expect(problems[0]).toContain('raise the major version');
  });

  it('refuses a break in a new major version that the changelog does not announce', () => {
    const { problems } = judgeRelease({ release: '0.1.0', current: '1.0.0', breaks: [removedStatus], changelog: '## 1.0.0\n\nFaster.\n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('CHANGELOG.md does not name `turn/completed` under a version after 0.x');
  });

  it('accepts a break in a new major version that the changelog names', () => {
    expect(judgeRelease({ release: '0.1.0', current: '1.0.0', breaks: [removedStatus], changelog: CHANGELOG }).problems).toEqual([]);
    expect(judgeRelease({ release: '0.1.0', current: '1.2.0', breaks: [removedStatus], changelog: CHANGELOG }).problems).toEqual([]);
  });

  it('does not count an entry filed under a version not yet reached or not newer than the release', () => {
    const later = judgeRelease({ release: '1.0.0', current: '2.0.0', breaks: [removedStatus], changelog: CHANGELOG });
    expect(later.problems[0]).toContain('sections found: none');
  });

  it('refuses a release newer than the package version', () => {
    expect(judgeRelease({ release: '0.2.0', current: '0.1.0', breaks: [], changelog: '' }).problems).toEqual([
      'release 0.2.0 is newer than the protocol version 0.1.0 in protocol-schema/package.json',
    ]);
  });
});

describe('parseChangelog', () => {
  it('reads the version sections and ignores other headings', () => {
    const sections = parseChangelog('# Title\n\n## [1.2.0] - today\nA\n## Unreleased\nB\n## v0.1.0\nC\n');
    expect(sections.map((s) => [s.version.text, s.text.trim()])).toEqual([
      ['1.2.0', 'A'],
      ['0.1.0', 'C'],
    ]);
  });
});
