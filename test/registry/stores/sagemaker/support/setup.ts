/**
 * The common ground of the SageMaker registry store tests: a fake Model Registry and a fake S3 in eu-west-1, an
 * AWS context that reaches them, stores made on it, and version records to register.
 */
import { AwsContext } from '../../../../../src/aws/context.js';
import {
  SageMakerRegistryStore,
  type SageMakerRegistryStoreOptions,
} from '../../../../../src/registry/stores/sagemaker/index.js';
import type { ModelVersion } from '../../../../../src/registry/types.js';
import { FakeModelRegistry, REGION } from './fake-model-registry.js';
import { FakeS3 } from './fake-s3.js';

export const BUCKET = 'ml-registry';
export const SHA = 'a'.repeat(64);

/** A fake SageMaker and S3, and a function making stores on them (each store has its own caches, as a process). */
export function fakeRegistryAws() {
  const sagemaker = new FakeModelRegistry();
  const s3 = new FakeS3();
  const aws = new AwsContext({ region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
  const store = (options: Partial<SageMakerRegistryStoreOptions> = {}) =>
    new SageMakerRegistryStore(aws, { artifactBucket: BUCKET, ...options });
  return { sagemaker, s3, aws, store };
}

/** A version of `churn` with an sklearn artifact in the registry's bucket; `overrides` change any field. */
export function aVersion(overrides: Partial<ModelVersion> = {}): ModelVersion {
  return {
    name: 'churn',
    version: '1',
    artifact: {
      uri: `s3://${BUCKET}/modelship-registry/artifacts/churn/${SHA}/model.tar.gz`,
      sha256: SHA,
      bytes: 1234,
      packaging: 'tar.gz',
      fileName: 'model.tar.gz',
    },
    framework: 'sklearn',
    frameworkVersion: '1.2-1',
    contentTypes: ['text/csv'],
    description: 'Churn model\ntrained on the Q3 data',
    metadata: { owner: 'ml-team', ticket: 'ML-42 {json, "quotes"}' },
    metrics: { auc: 0.91 },
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: 'arn:aws:iam::123456789012:user/ci',
    ...overrides,
  };
}

/** The modelship error `promise` rejects with; fails the test when it resolves. */
export function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );
}
