/**
 * `SageMaker.async`'s options: the check, the AsyncInferenceConfig it makes (validated, inside a whole
 * CreateEndpointConfig request, against sagemaker.json), the role statements and the target's refusals.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  type AsyncOptions,
  asyncEndpointConfigOf,
  asyncInferenceConfigOf,
  asyncRoleStatements,
  asyncTarget,
  checkAsyncOptions,
  isAsyncSettings,
} from '../../src/targets/sagemaker/async/index.js';
import { checkRealtimeOptions } from '../../src/targets/sagemaker/check-options.js';
import { designEndpoint } from '../../src/targets/sagemaker/design.js';
import { validateAwsInput } from '../support/aws-contract.js';

const ROLE = 'arn:aws:iam::123456789012:role/sm';
const base: AsyncOptions = { instanceType: 'ml.m5.large', outputS3Uri: 's3://ml-results/out/', role: ROLE };

describe('checkAsyncOptions', () => {
  it('fills in a real-time endpoint’s settings and the async part', () => {
    const settings = checkAsyncOptions({
      ...base,
      failureS3Uri: 's3://ml-results/failures/',
      notify: { success: 'arn:aws:sns:eu-west-1:123456789012:done', includeResult: true },
      maxConcurrentInvocationsPerInstance: 4,
    });
    expect(settings).toMatchObject({ kind: 'realtime', instanceType: 'ml.m5.large', instanceCount: 1 });
    expect(settings.async).toEqual({
      outputS3Uri: 's3://ml-results/out/',
      failureS3Uri: 's3://ml-results/failures/',
      notify: { success: 'arn:aws:sns:eu-west-1:123456789012:done', includeResult: true },
      maxConcurrentInvocationsPerInstance: 4,
      inputS3Uri: undefined,
    });
    expect(isAsyncSettings(settings)).toBe(true);
    expect(isAsyncSettings(checkRealtimeOptions({ instanceType: 'ml.m5.large', role: ROLE }))).toBe(false);
  });

  it.each([
    [{ outputS3Uri: undefined }, 'outputS3Uri'],
    [{ outputS3Uri: 'https://bucket/out' }, 'outputS3Uri'],
    [{ failureS3Uri: `s3://b-b/${'x'.repeat(510)}` }, 'failureS3Uri'],
    [{ notify: { error: 'arn:aws:sqs:eu-west-1:123456789012:q' } }, 'notify.error'],
    [{ notify: { includeResult: true } }, 'notify.includeResult'],
    [{ maxConcurrentInvocationsPerInstance: 1001 }, 'maxConcurrentInvocationsPerInstance'],
    [{ shadow: { model: {} } }, 'shadow'],
    [{ variants: {} }, 'variants'],
    [{ role: undefined, createRole: true }, 'inputS3Uri'],
    [{ instanceType: 'm5.large' }, 'instanceType'],
  ])('refuses %j (%s)', (change, argument) => {
    const options = { ...base, ...change } as unknown as AsyncOptions;
    expect(() => checkAsyncOptions(options)).toThrow(InvalidArgumentError);
    try {
      checkAsyncOptions(options);
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

describe('asyncInferenceConfigOf', () => {
  it('makes the AsyncInferenceConfig, valid inside a whole CreateEndpointConfig request', () => {
    const settings = checkAsyncOptions({
      ...base,
      failureS3Uri: 's3://ml-results/failures/',
      notify: {
        success: 'arn:aws:sns:eu-west-1:123456789012:done',
        error: 'arn:aws:sns:eu-west-1:123456789012:failed',
        includeResult: true,
      },
      maxConcurrentInvocationsPerInstance: 2,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/0f4b6a4e-8f9e-4c1d-9d6b-3f3c1b2a1e0d',
    });
    expect(asyncInferenceConfigOf(settings)).toEqual({
      OutputConfig: {
        S3OutputPath: 's3://ml-results/out/',
        S3FailurePath: 's3://ml-results/failures/',
        KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/0f4b6a4e-8f9e-4c1d-9d6b-3f3c1b2a1e0d',
        NotificationConfig: {
          SuccessTopic: 'arn:aws:sns:eu-west-1:123456789012:done',
          ErrorTopic: 'arn:aws:sns:eu-west-1:123456789012:failed',
          IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC', 'ERROR_NOTIFICATION_TOPIC'],
        },
      },
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 2 },
    });
    const design = designEndpoint({
      settings,
      endpointName: 'whisper',
      roleArn: ROLE,
      production: [
        { name: 'AllTraffic', container: { Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1' }, weight: 1 },
      ],
      tags: [],
    });
    // What design.ts makes once its hook spreads asyncEndpointConfigOf into the config.
    const request = { ...design.config, ...asyncEndpointConfigOf(settings) };
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', request)).toEqual([]);
  });

  it('adds nothing for other endpoints', () => {
    expect(asyncEndpointConfigOf(checkRealtimeOptions({ instanceType: 'ml.m5.large', role: ROLE }))).toEqual({});
  });
});

describe('asyncRoleStatements', () => {
  it('reads the input prefix, writes outputs and failures, publishes to the topics', () => {
    const { async } = checkAsyncOptions({
      ...base,
      role: undefined,
      createRole: true,
      inputS3Uri: 's3://ml-inputs/whisper/',
      failureS3Uri: 's3://ml-results/failures',
      notify: { error: 'arn:aws:sns:eu-west-1:123456789012:failed' },
    });
    expect(asyncRoleStatements('aws', async)).toEqual([
      {
        Sid: 'ReadAsyncPayloads',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::ml-inputs/whisper/*',
      },
      {
        Sid: 'WriteAsyncResults',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: ['arn:aws:s3:::ml-results/out/*', 'arn:aws:s3:::ml-results/failures/*'],
      },
      {
        Sid: 'NotifyAsyncResults',
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: ['arn:aws:sns:eu-west-1:123456789012:failed'],
      },
    ]);
  });
});

describe('asyncTarget', () => {
  it('is a SageMaker endpoint target of its own kind that points predictors at AsyncPredictor', () => {
    const target = asyncTarget(base);
    expect(target.kind).toBe('sagemaker-async');
    expect(() => target.transport({ name: 'whisper' } as never, {} as never, new Map() as never)).toThrow(
      /AsyncPredictor/,
    );
  });
});
