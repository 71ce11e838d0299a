import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateAwsInput } from './aws-contract.js';

const ROLE = 'arn:aws:iam::123456789012:role/ModelshipSageMakerRole';
const ENDPOINT_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn';

function endpointConfig(variant: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    EndpointConfigName: 'churn-v1-config',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: 'churn-v1',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        InitialVariantWeight: 1,
        ...variant,
      },
    ],
    Tags: [{ Key: 'modelship:deployment', Value: 'churn' }],
  };
}

describe('validateAwsInput catches what AWS would reject', () => {
  it('reports a missing required member with what it expects', () => {
    const violations = validateAwsInput('SageMaker', 'CreateEndpoint', { EndpointName: 'churn' });
    expect(violations).toEqual([
      expect.stringMatching(
        /^EndpointConfigName: required member of CreateEndpointInput is missing; expected string of length 0\.\.63 matching/,
      ),
    ]);
  });

  it('reports a required member missing inside a list item, with its index', () => {
    const config = endpointConfig();
    delete (config.ProductionVariants as Record<string, unknown>[])[0]!.VariantName;
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', config)).toEqual([
      expect.stringMatching(/^ProductionVariants\[0\]\.VariantName: required member of ProductionVariant is missing/),
    ]);
  });

  it('reports an enum value the model does not list, and lists allowed values', () => {
    const violations = validateAwsInput(
      'SageMaker',
      'CreateEndpointConfig',
      endpointConfig({ InstanceType: 'ml.m5.huge' }),
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /^ProductionVariants\[0\]\.InstanceType: string "ml\.m5\.huge" is not an allowed value of ProductionVariantInstanceType; allowed: .*ml\.m5\.large/,
    );
  });

  it('reports a name longer than the length trait allows', () => {
    const violations = validateAwsInput('SageMaker', 'CreateEndpoint', {
      EndpointName: 'e'.repeat(64),
      EndpointConfigName: 'churn-v1-config',
    });
    expect(violations).toContain('EndpointName: has 64 characters; allowed 0..63 characters');
  });

  it('counts length in code points, as Smithy does, not UTF-16 units', () => {
    // 128 astral letters are 256 UTF-16 units but 128 characters: within TagKey's 1..128.
    const key = '𝒜'.repeat(128);
    const tag = (Key: string) => ({ ResourceArn: ENDPOINT_ARN, Tags: [{ Key, Value: 'v' }] });
    expect(validateAwsInput('SageMaker', 'AddTags', tag(key))).toEqual([]);
    expect(validateAwsInput('SageMaker', 'AddTags', tag(`${key}a`))).toEqual([
      'Tags[0].Key: has 129 characters; allowed 1..128 characters',
    ]);
  });

  it('reports a value that does not match the pattern trait', () => {
    expect(
      validateAwsInput('SageMaker', 'CreateEndpoint', {
        EndpointName: 'churn_v1',
        EndpointConfigName: 'churn-v1-config',
      }),
    ).toEqual([
      'EndpointName: string "churn_v1" does not match the pattern of EndpointName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
    ]);
  });

  it('reports a number outside the range trait', () => {
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', endpointConfig({ InitialInstanceCount: 0 }))).toEqual([
      'ProductionVariants[0].InitialInstanceCount: 0 is out of range; allowed at least 1',
    ]);
  });

  it('reports an unknown member and suggests the member it was probably meant to be', () => {
    const violations = validateAwsInput('SageMaker', 'CreateEndpoint', {
      EndpointName: 'churn',
      EndpointConfigName: 'churn-v1-config',
      tags: [],
    });
    expect(violations).toEqual([
      expect.stringMatching(
        /^tags: unknown member: CreateEndpointInput has no member "tags" \(did you mean Tags\?\); allowed members: EndpointName, EndpointConfigName, DeploymentConfig, Tags$/,
      ),
    ]);
  });

  it('reports a member newer SDK clients know but the April-2025 model does not', () => {
    const violations = validateAwsInput('SageMaker Runtime', 'InvokeEndpoint', {
      EndpointName: 'churn',
      Body: '{}',
      PrefixAwareId: 'session-1',
    });
    expect(violations).toEqual([expect.stringMatching(/^PrefixAwareId: unknown member/)]);
  });

  it('reports a wrong type in a nested list item', () => {
    const config = endpointConfig({ InitialInstanceCount: '1' });
    (config.ProductionVariants as unknown[]).push('AllTraffic');
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', config)).toEqual([
      'ProductionVariants[0].InitialInstanceCount: expected integer (at least 1), got string "1" (not a number)',
      'ProductionVariants[1]: expected structure ProductionVariant, got string "AllTraffic"',
    ]);
  });

  it('reports a list with more items than the length trait allows', () => {
    const config = endpointConfig();
    const variant = (config.ProductionVariants as Record<string, unknown>[])[0]!;
    config.ProductionVariants = Array.from({ length: 11 }, (_, i) => ({ ...variant, VariantName: `v${i}` }));
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', config)).toEqual([
      'ProductionVariants: has 11 items; allowed 1..10 items',
    ]);
  });

  it('checks map keys and values', () => {
    const violations = validateAwsInput('SageMaker', 'CreateModel', {
      ModelName: 'churn-v1',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: 'img:1', Environment: { 'BAD-KEY': 'x', GOOD_KEY: 42 } },
    });
    expect(violations).toEqual([
      expect.stringMatching(/^PrimaryContainer\.Environment\["BAD-KEY"\] \(key\): string "BAD-KEY" does not match/),
      'PrimaryContainer.Environment["GOOD_KEY"]: expected string of length 0..1024 matching /^[\\S\\s]*$/, got number 42',
    ]);
  });

  it('checks blob lengths in bytes: a 6 MB+1 payload to InvokeEndpoint is rejected', () => {
    const body = new Uint8Array(6 * 1024 * 1024 + 1);
    expect(validateAwsInput('SageMaker Runtime', 'InvokeEndpoint', { EndpointName: 'churn', Body: body })).toEqual([
      'Body: has 6291457 bytes; allowed 0..6291456 bytes',
    ]);
  });

  it('checks HTTP-bound members (labels, headers, query) like any other member', () => {
    const violations = validateAwsInput('S3', 'PutObject', {
      Bucket: 'models',
      Key: 'churn/model.tar.gz',
      Body: 'x',
      ChecksumAlgorithm: 'MD5',
      ContentLength: 1.5,
    });
    expect(violations).toEqual([
      'ContentLength: expected long, got number 1.5 (not an integer (a long has no fraction))',
      'ChecksumAlgorithm: string "MD5" is not an allowed value of ChecksumAlgorithm; allowed: CRC32, CRC32C, SHA1, SHA256, CRC64NVME',
    ]);
  });

  it('requires timestamps to be valid Dates', () => {
    const input = {
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocations',
      StartTime: '2025-01-01',
      EndTime: new Date('nope'),
      Period: 60,
      Statistics: ['Sum'],
    };
    expect(validateAwsInput('CloudWatch', 'GetMetricStatistics', input)).toEqual([
      'StartTime: expected timestamp (a valid Date), got string "2025-01-01"',
      'EndTime: expected timestamp (a valid Date), got Date (invalid)',
    ]);
  });

  it('says so when the model has no such operation or service', () => {
    expect(() => validateAwsInput('SageMaker', 'CreateEndpoints', {})).toThrow(
      /The SageMaker model \(.*sagemaker\.json\) has no operation "CreateEndpoints"/,
    );
    expect(() => validateAwsInput('Sage Maker', 'CreateEndpoint', {})).toThrow(/No AWS model with sdkId "Sage Maker"/);
  });
});

describe('validateAwsInput accepts valid requests', () => {
  it('CreateEndpointConfig (instance-backed and serverless variants, data capture)', () => {
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', endpointConfig())).toEqual([]);
    const serverless = endpointConfig({
      InstanceType: undefined,
      InitialInstanceCount: undefined,
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
    });
    serverless.DataCaptureConfig = {
      EnableCapture: true,
      InitialSamplingPercentage: 20,
      DestinationS3Uri: 's3://models/capture',
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    };
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', serverless)).toEqual([]);
  });

  it('CreateModel', () => {
    const input = {
      ModelName: 'churn-v1',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: {
        Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
        ModelDataUrl: 's3://models/churn/model.tar.gz',
        Environment: { SAGEMAKER_PROGRAM: 'inference.py', SAGEMAKER_SUBMIT_DIRECTORY: '/opt/ml/model/code' },
      },
      Tags: [{ Key: 'modelship:version', Value: '1.2.0' }],
    };
    expect(validateAwsInput('SageMaker', 'CreateModel', input)).toEqual([]);
  });

  it('InvokeEndpoint with a Uint8Array or a string body', () => {
    const input = {
      EndpointName: 'churn',
      Body: new TextEncoder().encode('[[3, 1]]'),
      ContentType: 'application/json',
      Accept: 'application/json',
    };
    expect(validateAwsInput('SageMaker Runtime', 'InvokeEndpoint', input)).toEqual([]);
    expect(validateAwsInput('SageMaker Runtime', 'InvokeEndpoint', { ...input, Body: '[[3, 1]]' })).toEqual([]);
  });

  it('PutMetricAlarm', () => {
    const input = {
      AlarmName: 'modelship-churn-p99-latency',
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'],
      MetricName: 'ModelLatency',
      Namespace: 'AWS/SageMaker',
      ExtendedStatistic: 'p99',
      Dimensions: [
        { Name: 'EndpointName', Value: 'churn' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 250_000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Tags: [{ Key: 'modelship:deployment', Value: 'churn' }],
    };
    expect(validateAwsInput('CloudWatch', 'PutMetricAlarm', input)).toEqual([]);
  });

  it('PutObject with a stream body and a conditional write', () => {
    const input = {
      Bucket: 'models',
      Key: 'churn/1.2.0/model.tar.gz',
      Body: Readable.from([Buffer.from('model')]),
      ContentType: 'application/gzip',
      Metadata: { sha256: 'abc123' },
      IfNoneMatch: '*',
    };
    expect(validateAwsInput('S3', 'PutObject', input)).toEqual([]);
  });

  it('treats undefined members as absent, as the SDK does', () => {
    expect(
      validateAwsInput('SageMaker', 'CreateEndpoint', {
        EndpointName: 'churn',
        EndpointConfigName: 'churn-v1-config',
        Tags: undefined,
        NotAMember: undefined,
      }),
    ).toEqual([]);
  });

  it('lets the SDK fill a required idempotency token', () => {
    // StopPipelineExecution's ClientRequestToken is required and an idempotency token, so the SDK generates it.
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn/execution/abc123';
    expect(validateAwsInput('SageMaker', 'StopPipelineExecution', { PipelineExecutionArn: arn })).toEqual([]);
  });
});
