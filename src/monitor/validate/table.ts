/**
 * Plain-text tables for the reports' `toText()`: columns padded to their widest cell, numbers right-aligned,
 * so a report reads well in a terminal and in CI logs.
 */

/** A column's alignment: text to the left, numbers to the right. */
export type Align = 'left' | 'right';

/**
 * Formats a header and rows as a table, two spaces between columns, a rule under the header.
 * @param align - per column; @default left for the first column, right for the others
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        const side = align?.[column] ?? (column === 0 ? 'left' : 'right');
        return side === 'left' ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A number for a table: fixed `digits` after the point, `-` for NaN or a missing value. */
export function formatNumber(value: number | undefined, digits = 2): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return value.toFixed(digits);
}
