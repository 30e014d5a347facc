/**
 * The README's method table, rendered from the method tables and spliced between two markers so the
 * rest of the README stays in human hands.
 */
import type { MethodDirection, MethodEntry } from './json-schema.js';

export const BEGIN_MARKER = '<!-- methods:begin -->';
export const END_MARKER = '<!-- methods:end -->';

const DIRECTION_LABELS: Record<MethodDirection, string> = {
  clientRequest: 'request, client → server',
  clientNotification: 'notification, client → server',
  serverRequest: 'request, server → client',
  serverNotification: 'notification, server → client',
};

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

export function renderMethodTable(methods: readonly MethodEntry[]): string {
  const rows = methods.map(
    (entry) =>
      `| \`${entry.method}\` | ${DIRECTION_LABELS[entry.direction]} | ${escapeCell(entry.summary)} | ` +
      `${entry.experimental ? 'yes' : ''} |`,
  );
  return [
    '<!-- Generated from protocol-schema/src/v2/methods.ts by `npm run generate`; do not edit by hand. -->',
    '',
    '| Method | Direction | Summary | Experimental |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The text between the markers, or undefined when the README has no (well-ordered) markers. */
export function extractMethodSection(readme: string): string | undefined {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + BEGIN_MARKER.length, end).replace(/^\n/, '').replace(/\n$/, '');
}

/**
 * Puts the table between the markers. A README without markers gets a `## Protocol methods` section
 * appended; no README at all gets a minimal one. Nothing outside the markers is ever changed.
 */
export function spliceMethodTable(readme: string | undefined, table: string): string {
  const section = `${BEGIN_MARKER}\n${table}\n${END_MARKER}`;
  if (readme === undefined) return `# agentd\n\n## Protocol methods\n\n${section}\n`;
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    const separator = readme.endsWith('\n') ? '\n' : '\n\n';
    return `${readme}${separator}## Protocol methods\n\n${section}\n`;
  }
  return readme.slice(0, begin) + section + readme.slice(end + END_MARKER.length);
}
