/**
 * Aligned columns for listings (registry versions, a status's resources). cli-table3 is in node_modules only as a
 * dev tool's dependency, and boxes are noise in a terminal listing anyway: two spaces between padded columns is
 * what `kubectl get` and `docker ps` print, and it stays greppable.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { paletteFor, visibleLength } from './colors.js';

/** A column of {@link renderTable}: the row key it shows and its heading. */
export interface TableColumn {
  readonly key: string;
  readonly title: string;
}

const GAP = '  ';

/**
 * Pads every cell but the last of each row to its column's width, so columns line up. Widths count visible
 * characters, so cells may already carry colour. Trailing spaces are trimmed.
 */
export function alignRows(rows: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - visibleLength(cell)),
      )
      .join(GAP)
      .trimEnd(),
  );
}

/**
 * Rows as a table with a heading line (dim when `io.color`): one line per row, columns aligned, no trailing
 * newline. A row without a column's key shows an empty cell.
 *
 * @throws {@link InvalidArgumentError} when there are no columns, or two columns share a key.
 * @example
 * ```ts
 * renderTable([{ version: '3', alias: 'production' }], [{ key: 'version', title: 'VERSION' }, { key: 'alias', title: 'ALIAS' }], io);
 * // VERSION  ALIAS
 * // 3        production
 * ```
 */
export function renderTable(
  rows: readonly Readonly<Record<string, string>>[],
  columns: readonly TableColumn[],
  io: Pick<CliIO, 'color'>,
): string {
  if (columns.length === 0) {
    throw new InvalidArgumentError('columns', 'A table needs at least one column ({ key, title }).');
  }
  const keys = new Set(columns.map((column) => column.key));
  if (keys.size !== columns.length) {
    throw new InvalidArgumentError('columns', 'Each column of a table must have its own key.');
  }
  const cells = [columns.map((column) => column.title), ...rows.map((row) => columns.map((c) => row[c.key] ?? ''))];
  const [heading, ...lines] = alignRows(cells);
  return [paletteFor(io).dim(heading!), ...lines].join('\n');
}
