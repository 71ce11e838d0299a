/**
 * Each `target` of a plain config is the target its TypeScript factory makes from the same options (compared as
 * values: the checked settings each factory keeps), with relative paths taken from the config file's folder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetOf } from '../../../src/cli/config/target.js';
import { Model } from '../../../src/deploy/model.js';
import { Lambda } from '../../../src/targets/lambda/index.js';
import { Local } from '../../../src/targets/local/index.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';

const DIR = '/srv/configs/churn';
const ROLE = 'arn:aws:iam::123456789012:role/sm';
const CHALLENGER = 's3://ml-artifacts/churn-v2/model.tar.gz';
const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:2';

describe('targetOf', () => {
  it('makes Local, with the async store folder taken from the config folder', () => {
    const async = { outputS3Uri: 's3://results/out/', store: { folder: './async-store' }, maxQueue: 10 };
    expect(targetOf({ type: 'local', port: 8080, batching: { maxDelayMs: 5 }, async }, DIR)).toEqual(
      Local({
        port: 8080,
        batching: { maxDelayMs: 5 },
        async: { ...async, store: { folder: join(DIR, 'async-store') } },
      }),
    );
  });

  it('makes SageMaker.realtime, with variant and shadow models made as Model.from… would', () => {
    const made = targetOf(
      {
        type: 'sagemaker-realtime',
        instanceType: 'ml.m5.large',
        role: ROLE,
        variants: { challenger: { model: { s3: CHALLENGER, framework: 'sklearn' }, instanceCount: 2 } },
        update: { traffic: { type: 'canary', percent: 10, waitS: 300 } },
      },
      DIR,
    );
    expect(made).toEqual(
      SageMaker.realtime({
        instanceType: 'ml.m5.large',
        role: ROLE,
        variants: { challenger: { model: Model.fromS3(CHALLENGER, { framework: 'sklearn' }), instanceCount: 2 } },
        update: { traffic: { type: 'canary', percent: 10, waitS: 300 } },
      }),
    );
    const shadow = targetOf(
      {
        type: 'sagemaker-realtime',
        instanceType: 'ml.m5.large',
        role: ROLE,
        shadow: { model: { image: IMAGE, modelData: CHALLENGER }, samplingPercent: 20 },
      },
      DIR,
    );
    expect(shadow).toEqual(
      SageMaker.realtime({
        instanceType: 'ml.m5.large',
        role: ROLE,
        shadow: { model: Model.fromImage(IMAGE, { modelData: CHALLENGER }), samplingPercent: 20 },
      }),
    );
  });

  it('makes SageMaker.serverless and SageMaker.async', () => {
    expect(
      targetOf({ type: 'sagemaker-serverless', memoryMb: 2048, maxConcurrency: 5, createRole: true }, DIR),
    ).toEqual(SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, createRole: true }));
    const options = {
      instanceType: 'ml.g5.xlarge',
      outputS3Uri: 's3://results/whisper/',
      role: ROLE,
      notify: { error: 'arn:aws:sns:eu-west-1:123456789012:failures', includeResult: true },
    };
    expect(targetOf({ type: 'sagemaker-async', ...options }, DIR)).toEqual(SageMaker.async(options));
  });

  it('makes Lambda', () => {
    const options = {
      memoryMb: 1024,
      timeoutS: 30,
      architecture: 'arm64',
      expose: 'function-url',
      createRole: true,
      rollout: { canaryPercent: 10, waitS: 60 },
    } as const;
    expect(targetOf({ type: 'lambda', ...options }, DIR)).toEqual(Lambda(options));
    expect(targetOf({ type: 'lambda', ...options }, DIR)).not.toEqual(Lambda({ ...options, architecture: 'x86_64' }));
  });
});
