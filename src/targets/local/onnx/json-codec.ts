/**
 * `application/json` bodies, in the shapes SageMaker's TensorFlow Serving containers use:
 *
 * Requests (for a model with input `float_input` float32 [N, 4]):
 * - `{"instances": [[5.1, 3.5, 1.4, 0.2], …]}` or the bare array `[[5.1, 3.5, 1.4, 0.2], …]`: rows;
 *   one row alone (`[5.1, 3.5, 1.4, 0.2]`) is a batch of one. For several inputs, each row is an object:
 *   `{"instances": [{"a": [1, 2], "b": [3, 4]}, …]}`.
 * - `{"inputs": [[…], …]}` for the only input, or `{"inputs": {"a": [[…]], "b": [[…]]}}` naming each input.
 *
 * Responses:
 * - To rows (`instances` or a bare array): `{"predictions": […]}`, one entry per row. A model with one output
 *   answers that output's rows (`[[0.98, 0.01, 0.01], …]`); with several, each entry is an object keyed by output
 *   name: `{"predictions": [{"probabilities": [0.98, 0.01, 0.01], "label": 0}, …]}`.
 * - To `inputs`: `{"outputs": {"probabilities": [[…], …], "label": [0, …]}}`, every output keyed by name.
 *   Rows answers fall back to this form when an output has no row per input row.
 *
 * float32 values are written with the fewest digits that read back exactly (`0.98`); 64-bit integers as numbers
 * while exact, as decimal strings beyond 2^53; NaN and infinities as `null`.
 */
import { badInput } from './failures.js';
import { describeInput, flattenNested, tensorFromValues } from './input-values.js';
import { nestedValues } from './output-values.js';
import type { HostTensor, TensorInfo } from './tensor.js';

/** Whether the caller sent rows (answered with `predictions`) or named tensors (answered with `outputs`). */
export type ResponseStyle = 'rows' | 'columns';

export interface DecodedBody {
  readonly feeds: Readonly<Record<string, HostTensor>>;
  readonly style: ResponseStyle;
}

const FORMS =
  'Send {"instances": [row, …]}, a bare array of rows, or {"inputs": …} (an object keyed by input name when the model has several inputs).';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listInputs(inputs: readonly TensorInfo[]): string {
  return inputs.map((i) => `"${i.name}" (${describeInput(i)})`).join(', ');
}

/** Reads a JSON request into one tensor per model input. @throws ModelError (400). */
export function decodeJson(body: Uint8Array, inputs: readonly TensorInfo[]): DecodedBody {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw badInput(`The body is not valid JSON (${(error as Error).message}). ${FORMS}`, error);
  }
  if (Array.isArray(doc)) return { feeds: fromRows(doc, inputs), style: 'rows' };
  if (isRecord(doc) && 'instances' in doc) {
    if (!Array.isArray(doc.instances)) throw badInput(`"instances" must be an array of rows. ${FORMS}`);
    return { feeds: fromRows(doc.instances, inputs), style: 'rows' };
  }
  if (isRecord(doc) && 'inputs' in doc) {
    const value = doc.inputs;
    if (isRecord(value)) return { feeds: fromNamed(value, inputs), style: 'columns' };
    if (inputs.length !== 1) {
      throw badInput(
        `This model has ${inputs.length} inputs, ${listInputs(inputs)}: name each, {"inputs": {"name": …}}.`,
      );
    }
    return { feeds: fromNamed({ [inputs[0]!.name]: value }, inputs), style: 'columns' };
  }
  throw badInput(`The JSON body has none of the expected forms. ${FORMS}`);
}

function fromRows(rows: unknown[], inputs: readonly TensorInfo[]): Record<string, HostTensor> {
  if (rows.length > 0 && rows.every(isRecord)) {
    const columns: Record<string, unknown[]> = {};
    for (const info of inputs) {
      columns[info.name] = rows.map((row, i) => {
        if (!(info.name in row))
          throw badInput(`instances[${i}] lacks input "${info.name}"; expected ${listInputs(inputs)}.`);
        return row[info.name];
      });
    }
    return fromNamed(columns, inputs);
  }
  if (inputs.length !== 1) {
    throw badInput(
      `This model has ${inputs.length} inputs, ${listInputs(inputs)}: send each row as an object keyed by input name, or {"inputs": {"name": …}}.`,
    );
  }
  return fromNamed({ [inputs[0]!.name]: rows }, inputs);
}

function fromNamed(values: Record<string, unknown>, inputs: readonly TensorInfo[]): Record<string, HostTensor> {
  const known = new Set(inputs.map((i) => i.name));
  const unknown = Object.keys(values).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw badInput(
      `Unknown input ${unknown.map((n) => `"${n}"`).join(', ')}; this model's inputs are ${listInputs(inputs)}.`,
    );
  }
  const feeds: Record<string, HostTensor> = {};
  for (const info of inputs) {
    if (!(info.name in values))
      throw badInput(`Input "${info.name}" is missing; this model's inputs are ${listInputs(inputs)}.`);
    const { dims, flat } = flattenNested(values[info.name], info.name);
    feeds[info.name] = tensorFromValues(info, dims, flat);
  }
  return feeds;
}

/** Writes outputs (in `names` order) as a JSON response body of the given style. */
export function encodeJson(
  outputs: Readonly<Record<string, HostTensor>>,
  names: readonly string[],
  style: ResponseStyle,
): Uint8Array {
  const tensors = names.map((name) => [name, outputs[name]!] as const);
  let doc: unknown;
  const rows = tensors[0]?.[1].dims[0];
  const perRow = rows !== undefined && tensors.every(([, t]) => t.dims.length > 0 && t.dims[0] === rows);
  if (style === 'rows' && tensors.length === 1) {
    doc = { predictions: nestedValues(tensors[0]![1]) };
  } else if (style === 'rows' && perRow) {
    const nested = tensors.map(([name, t]) => [name, nestedValues(t) as unknown[]] as const);
    doc = {
      predictions: Array.from({ length: rows }, (_, i) => Object.fromEntries(nested.map(([name, v]) => [name, v[i]]))),
    };
  } else {
    doc = { outputs: Object.fromEntries(tensors.map(([name, t]) => [name, nestedValues(t)])) };
  }
  return new TextEncoder().encode(JSON.stringify(doc));
}
