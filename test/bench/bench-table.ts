// Shared bits of the benchmarks: percentiles and a plain-text table of figures against targets.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target, e.g. `<= 150`; omitted when the figure is informative only. */
  readonly target?: { readonly op: '<=' | '>='; readonly limit: number };
}

export function meets(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  return figure.target.op === '<=' ? figure.value <= figure.target.limit : figure.value >= figure.target.limit;
}

export function printTable(title: string, figures: readonly Figure[]): void {
  const rows = figures.map((figure) => [
    figure.name,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.target ? `${figure.target.op} ${formatNumber(figure.target.limit)} ${figure.unit}` : '',
    meets(figure) === undefined ? '' : meets(figure) ? 'ok' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] as string).length), 4));
  console.log(`\n${title}`);
  for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd()}`);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** True when this module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl.endsWith(process.argv[1].replace(/^.*\/test\/bench\//, '/test/bench/'));
}
