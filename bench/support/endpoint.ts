/**
 * A model deployed to the Local target the way a user would, for benchmarks: written to a fresh temp folder,
 * deployed, then torn down and deleted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../scripts/onnx/write.js';
import { type Deployment, Local, type LocalOptions, type LocalServerOutput, Model } from '../../src/index.js';

export interface ModelEndpoint {
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

/** Writes `bytes` as `fileName` in a new temp folder; `cleanup` deletes the folder. */
export async function writeTempModel(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-bench-'));
  const path = join(dir, fileName);
  await writeFileAtomic(path, bytes);
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Deploys the model file at `modelPath` to `Local(options)` on 127.0.0.1 as endpoint `name`, runs `body`, then
 * destroys the deployment, whether `body` succeeded or not. The file is the caller's to delete.
 */
export async function withModelEndpoint<T>(
  modelPath: string,
  name: string,
  options: LocalOptions,
  body: (endpoint: ModelEndpoint) => Promise<T>,
): Promise<T> {
  const deployment = await Model.fromFile(modelPath)
    .deployTo(Local({ ...options, host: '127.0.0.1' }))
    .withName(name)
    .deploy();
  try {
    const server = deployment.outputs.get('start-server') as LocalServerOutput;
    return await body({
      deployment,
      server,
      modelPath,
      clientConfig: {
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    });
  } finally {
    await deployment.destroy();
  }
}
