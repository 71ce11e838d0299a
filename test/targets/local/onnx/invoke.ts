/** Small helpers shared by the ONNX runner tests. */

import type { OnnxRunner } from '../../../../src/targets/local/onnx/index.js';
import type { RunnerResponse } from '../../../../src/targets/local/runner.js';

export const JSON_TYPE = 'application/json';

export interface Call {
  readonly body: string | Uint8Array | unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/** Invokes with a JSON-serialised body unless given a string or bytes. */
export function call(runner: OnnxRunner, { body, contentType = JSON_TYPE, accept = '*/*', signal }: Call) {
  const bytes =
    body instanceof Uint8Array
      ? body
      : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return runner.invoke({ body: bytes, contentType, accept, signal: signal ?? new AbortController().signal });
}

export function text(response: RunnerResponse): string {
  return new TextDecoder().decode(response.body);
}

export function json(response: RunnerResponse): unknown {
  return JSON.parse(text(response));
}

/** Iris flowers with well-known species (rows of the data set): 0 setosa, 1 versicolor, 2 virginica. */
export const FLOWERS = {
  setosa: [5.1, 3.5, 1.4, 0.2],
  versicolor: [5.9, 2.8, 4.3, 1.3],
  virginica: [6.7, 3.0, 5.2, 2.3],
} as const;
