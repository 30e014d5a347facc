/**
 * When a breaking change is allowed: never within a major version. A deliberate break needs the
 * protocol's major version (protocol-schema/package.json) raised above the release it breaks, and a
 * CHANGELOG.md entry under that new version that names every broken method, so integrators read
 * what to change before they upgrade.
 */
import type { BreakingChange } from './compare-bundles.js';

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly text: string;
}

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

export function parseVersion(text: string): Version {
  const match = VERSION.exec(text);
  if (!match) throw new Error(`not a version (MAJOR.MINOR.PATCH): ${JSON.stringify(text)}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export interface ChangelogSection {
  readonly version: Version;
  readonly text: string;
}

/** The `## <version>` sections of a changelog (`## 1.0.0`, `## [1.0.0] - 2026-01-01`, ...). */
export function parseChangelog(markdown: string): ChangelogSection[] {
  const sections: ChangelogSection[] = [];
  let current: { version: Version; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+\[?v?(\d+\.\d+\.\d+[0-9A-Za-z.+-]*)\]?/.exec(line);
    if (heading) {
      if (current) sections.push({ version: current.version, text: current.lines.join('\n') });
      current = { version: parseVersion(heading[1]!), lines: [] };
    } else if (line.startsWith('## ')) {
      if (current) sections.push({ version: current.version, text: current.lines.join('\n') });
      current = undefined;
    } else {
      current?.lines.push(line);
    }
  }
  if (current) sections.push({ version: current.version, text: current.lines.join('\n') });
  return sections;
}

export interface ReleaseVerdict {
  readonly release: string;
  readonly breaks: readonly BreakingChange[];
  /** Why the current protocol may not ship against this release; empty when it may. */
  readonly problems: readonly string[];
}

/**
 * Judges the breaking changes found against one release: none, or all of them announced under a
 * new major version in the changelog.
 */
export function judgeRelease(options: {
  release: string;
  current: string;
  breaks: readonly BreakingChange[];
  changelog: string;
}): ReleaseVerdict {
  const release = parseVersion(options.release);
  const current = parseVersion(options.current);
  const problems: string[] = [];
  if (compareVersions(release, current) > 0) {
    problems.push(`release ${release.text} is newer than the protocol version ${current.text} in protocol-schema/package.json`);
  }
  if (options.breaks.length === 0) return { release: release.text, breaks: options.breaks, problems };

  const listing = options.breaks.map((b) => `  - ${b.message}`).join('\n');
  if (current.major <= release.major) {
    problems.push(
      `the current protocol breaks release ${release.text}; old clients would stop working:\n${listing}\n` +
        'Keep the change additive (a new optional field, a new method, a new enum value), put new surface ' +
        'behind `experimentalApi`, or, for a deliberate break, raise the major version in ' +
        'protocol-schema/package.json and describe the break in protocol-schema/CHANGELOG.md.',
    );
    return { release: release.text, breaks: options.breaks, problems };
  }
  const sections = parseChangelog(options.changelog).filter(
    (s) => s.version.major > release.major && compareVersions(s.version, current) <= 0,
  );
  const unannounced = [...new Set(options.breaks.map((b) => b.method))].filter(
    (method) => !sections.some((s) => s.text.includes(`\`${method}\``)),
  );
  if (unannounced.length > 0) {
    const versions = sections.map((s) => s.version.text).join(', ') || 'none';
    problems.push(
      `the current protocol (${current.text}) breaks release ${release.text} in a new major version, but ` +
        `protocol-schema/CHANGELOG.md does not name ${unannounced.map((m) => `\`${m}\``).join(', ')} under a ` +
        `version after ${release.major}.x (sections found: ${versions}). The breaks:\n${listing}`,
    );
  }
  return { release: release.text, breaks: options.breaks, problems };
}
