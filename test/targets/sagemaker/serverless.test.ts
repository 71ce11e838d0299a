import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError, PayloadTooLargeError } from '../../../src/errors.js';
import { bytes } from '../../../src/predict/serde/bytes.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import type { ServerlessOptions } from '../../../src/targets/sagemaker/options.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

function serverless(options: Partial<ServerlessOptions> = {}) {
  return Model.fromS3(ARTIFACT, { framework: 'xgboost', frameworkVersion: '1.7-1' })
    .deployTo(SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, role: ROLE, ...options }))
    .withName('fraud')
    .withAws(AWS);
}

describe('SageMaker.serverless', () => {
  it('makes a serverless variant with the memory and concurrency asked for, on the CPU image', async () => {
    const { sagemaker } = fakeAws();
    await serverless({ provisionedConcurrency: 2 }).deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        ModelName: expect.stringMatching(/^fraud-[0-9a-f]{10}$/),
        ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5, ProvisionedConcurrency: 2 },
      },
    ]);
    const [model] = [...sagemaker.models.values()];
    expect(model?.input.PrimaryContainer?.Image).toBe(
      '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    );
  });

  it('plans no hourly cost: serverless is billed per request', async () => {
    fakeAws();
    const plan = await serverless().plan();
    expect(plan.steps.every((step) => step.hourlyCostUsd === undefined)).toBe(true);
  });

  it('gives a predictor that knows the 4 MB limit and refuses a larger request before sending it', async () => {
    const { sagemaker } = fakeAws();
    const deployment = await serverless().deploy(fastApply());
    const predictor = deployment.predictor({ serializer: bytes(), deserializer: bytes() });
    const error = await predictor.predict(new Uint8Array(5 * 1024 * 1024)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toMatch(/4 MB/);
    expect(sagemaker.log).toHaveLength(3); // the three creates; nothing was sent to the endpoint
  });

  it.each([
    ['memory not in the allowed set', { memoryMb: 1500 }, 'memoryMb'],
    ['max concurrency over 200', { maxConcurrency: 201 }, 'maxConcurrency'],
    ['provisioned over max', { provisionedConcurrency: 6 }, 'provisionedConcurrency'],
    ['a VPC', { vpc: { subnets: ['subnet-1'], securityGroupIds: ['sg-1'] } }, 'vpc'],
  ])('refuses %s before any AWS call', (_name, change, argument) => {
    let error: unknown;
    try {
      SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, role: ROLE, ...(change as object) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  });
});
