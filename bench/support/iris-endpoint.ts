/**
 * The model most benchmarks serve: the repo's iris classifier (scripts/make-iris-model.ts), written to a fresh
 * temp folder and deployed to the Local target the way a user would, then torn down and deleted.
 */
import { buildIrisModel, loadIris } from '../../scripts/make-iris-model.js';
import type { LocalOptions } from '../../src/index.js';
import { type ModelEndpoint, withModelEndpoint, writeTempModel } from './endpoint.js';

/** One iris measurement: `float_input` [N, 4]. */
export type IrisRow = [number, number, number, number];

/** What the Local server answers to a bare array of rows. */
export interface IrisResponse {
  readonly predictions: { probabilities: number[]; label: number }[];
}

/** The 150 rows of the iris data set. */
export const IRIS_ROWS: readonly IrisRow[] = loadIris().x as IrisRow[];

/** Writes the iris model to a new temp folder; `cleanup` deletes the folder. */
export function writeTempIrisModel(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  return writeTempModel('iris.onnx', buildIrisModel().bytes);
}

export type IrisEndpoint = ModelEndpoint;

/**
 * Deploys the iris model to `Local(options)` on 127.0.0.1, runs `body`, then destroys the deployment and deletes
 * the model, whether `body` succeeded or not.
 */
export async function withIrisEndpoint<T>(
  options: LocalOptions,
  body: (endpoint: IrisEndpoint) => Promise<T>,
): Promise<T> {
  const model = await writeTempIrisModel();
  try {
    return await withModelEndpoint(model.path, 'iris-bench', options, body);
  } finally {
    await model.cleanup();
  }
}
