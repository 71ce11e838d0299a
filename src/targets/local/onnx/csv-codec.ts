/**
 * `text/csv` bodies, as SageMaker's built-in containers read them: no header, one row per line, values separated
 * by commas. A request feeds a model's only input with an [rows, values per line] tensor (reshaped to the
 * declared trailing dimensions when they multiply out to the line length). A response has one line per row of an
 * output (the first, unless `Accept: text/csv; output=<name>` picks another), that row's values comma-separated.
 */

import { badInput } from './failures.js';
import { inputType, tensorFromValues } from './input-values.js';
import type { DecodedBody } from './json-codec.js';
import { scalarValue, shortestFloat32 } from './output-values.js';
import { elementCount, type HostTensor, isBigIntType, type TensorInfo, type TensorType } from './tensor.js';

/** Reads CSV rows into the model's only input. @throws ModelError (400). */
export function decodeCsv(body: Uint8Array, inputs: readonly TensorInfo[]): DecodedBody {
  const info = inputs[0];
  if (inputs.length !== 1 || info === undefined) {
    throw badInput(
      `text/csv feeds one input, and this model has ${inputs.length} (${inputs.map((i) => i.name).join(', ')}); send application/json with {"inputs": {"name": …}}.`,
    );
  }
  const type = inputType(info);
  const lines = new TextDecoder()
    .decode(body)
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw badInput('The CSV body has no rows; send one line of comma-separated values per row.');

  const flat: unknown[] = [];
  let width = -1;
  for (const { line, number } of lines) {
    const cells = line.split(',').map((cell) => cell.trim());
    if (width < 0) width = cells.length;
    else if (cells.length !== width) {
      throw badInput(
        `CSV line ${number} has ${cells.length} values where line ${lines[0]!.number} has ${width}; every row needs the same number.`,
      );
    }
    cells.forEach((cell, column) => {
      flat.push(parseCell(cell, type, () => `CSV line ${number}, value ${column + 1}`));
    });
  }

  const rows = lines.length;
  const shape = info.shape;
  let dims = [rows, width];
  if (shape?.length === 1 && width === 1) dims = [rows];
  else if (shape !== undefined && shape.length > 2) {
    const trailing = shape.slice(1);
    if (trailing.every((d) => typeof d === 'number') && elementCount(trailing as number[]) === width) {
      dims = [rows, ...(trailing as number[])];
    }
  }
  return { feeds: { [info.name]: tensorFromValues(info, dims, flat) }, style: 'rows' };
}

function parseCell(cell: string, type: TensorType, where: () => string): unknown {
  if (type === 'string') return cell.replace(/^"(.*)"$/, '$1').replaceAll('""', '"');
  if (type === 'bool') {
    const lower = cell.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    throw badInput(`${where()}: "${cell}" is not a bool (true, false, 1 or 0).`);
  }
  if (isBigIntType(type)) {
    if (!/^-?\d+$/.test(cell)) throw badInput(`${where()}: "${cell}" is not an integer.`);
    return cell;
  }
  const n = cell === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(n)) throw badInput(`${where()}: "${cell}" is not a number.`);
  return n;
}

/** Writes one output as CSV: a line per row (a single line for a scalar). */
export function encodeCsv(tensor: HostTensor): Uint8Array {
  const rows = tensor.dims.length === 0 ? 1 : tensor.dims[0]!;
  const rowSize = tensor.dims.length === 0 ? 1 : elementCount(tensor.dims.slice(1));
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let i = r * rowSize; i < (r + 1) * rowSize; i++) cells.push(formatCell(tensor, tensor.data[i]));
    lines.push(cells.join(','));
  }
  return new TextEncoder().encode(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

function formatCell(tensor: HostTensor, value: unknown): string {
  if (tensor.type === 'string') {
    const text = value as string;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  if (tensor.type === 'float32') return String(shortestFloat32(value as number)); // NaN, Infinity stay words
  const scalar = scalarValue(tensor.type, value);
  return scalar === null ? String(value) : String(scalar);
}
