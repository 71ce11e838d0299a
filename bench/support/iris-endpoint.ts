/**
 * The model every benchmark serves: the repo's iris classifier (scripts/make-iris-model.ts), written to a fresh
 * temp folder and deployed to the Local target the way a user would, then torn down and deleted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIrisModel, loadIris } from '../../scripts/make-iris-model.js';
import { writeFileAtomic } from '../../scripts/onnx/write.js';
import { type Deployment, Local, type LocalOptions, type LocalServerOutput, Model } from '../../src/index.js';

/** One iris measurement: `float_input` [N, 4]. */
export type IrisRow = [number, number, number, number];

/** What the Local server answers to a bare array of rows. */
export interface IrisResponse {
  readonly predictions: { probabilities: number[]; label: number }[];
}

/** The 150 rows of the iris data set. */
export const IRIS_ROWS: readonly IrisRow[] = loadIris().x as IrisRow[];

/** Writes the iris model to a new temp folder; `cleanup` deletes the folder. */
export async function writeTempIrisModel(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-bench-'));
  const path = join(dir, 'iris.onnx');
  await writeFileAtomic(path, buildIrisModel().bytes);
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface IrisEndpoint {
  readonly deployment: Deployment;
  readonly server: LocalServerOutput;
  /** The model file, for benchmarks that also load it in-process. */
  readonly modelPath: string;
  /**
   * Client configuration that points `@aws-sdk/client-sagemaker-runtime` at the Local server. Static
   * credentials keep the SDK from searching the credential chain for a call that needs none.
   */
  readonly clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
}

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
    const deployment = await Model.fromFile(model.path)
      .deployTo(Local({ ...options, host: '127.0.0.1' }))
      .withName('iris-bench')
      .deploy();
    try {
      const server = deployment.outputs.get('start-server') as LocalServerOutput;
      return await body({
        deployment,
        server,
        modelPath: model.path,
        clientConfig: {
          endpoint: server.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        },
      });
    } finally {
      await deployment.destroy();
    }
  } finally {
    await model.cleanup();
  }
}
