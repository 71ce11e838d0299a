import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

function queue() {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(
      SageMaker.async({
        instanceType: 'ml.m5.large',
        role: ROLE,
        outputS3Uri: 's3://ml-artifacts/async/out/',
        failureS3Uri: 's3://ml-artifacts/async/failed/',
        maxConcurrentInvocationsPerInstance: 4,
      }),
    )
    .withName('churn-async')
    .withAws(AWS);
}

describe('SageMaker.async', () => {
  it('makes an endpoint config with the async inference settings, and points callers to AsyncPredictor', async () => {
    const { sagemaker } = fakeAws();
    const deployment = await queue().deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.AsyncInferenceConfig).toMatchObject({
      OutputConfig: { S3OutputPath: 's3://ml-artifacts/async/out/', S3FailurePath: 's3://ml-artifacts/async/failed/' },
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
    });
    expect(deployment.target).toBe('sagemaker-async');
    expect(() => deployment.predictor()).toThrow(/AsyncPredictor/);
    await deployment.destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
  });

  it('refuses an output location that is not S3, before any call', () => {
    expect(() =>
      SageMaker.async({ instanceType: 'ml.m5.large', role: ROLE, outputS3Uri: 'https://example.com/out' }),
    ).toThrow(InvalidArgumentError);
  });
});
