import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateEndpointCommand, DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import {
  AwsContractError,
  assertAwsRequestsValid,
  awsRequestViolations,
  mockAwsClient,
  resetAwsMocks,
} from './aws-contract.js';

// Static credentials and a region, so a client never looks at the machine's AWS configuration.
const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };

// Captured before any test mocks anything: what `send` is when nothing is stubbed.
const realStsSend = STSClient.prototype.send;

describe('mockAwsClient + assertAwsRequestsValid, end to end', () => {
  it('throws for a request that breaks the SageMaker model and passes for a valid one', async () => {
    const sagemaker = mockAwsClient(SageMakerClient);
    sagemaker
      .on(CreateEndpointCommand)
      .resolves({ EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/x' });
    const client = new SageMakerClient(config);

    const out = await client.send(new CreateEndpointCommand({ EndpointName: 'churn_v1', EndpointConfigName: '' }));
    expect(out.EndpointArn).toMatch(/^arn:aws:sagemaker:/); // the mock itself accepted the bad request
    expect(sagemaker).toHaveReceivedCommandTimes(CreateEndpointCommand, 1); // the vitest matchers are installed

    let error: unknown;
    try {
      assertAwsRequestsValid();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AwsContractError);
    const contract = error as AwsContractError;
    expect(contract.violations.map((v) => [v.service, v.operation, v.call, v.path])).toEqual([
      ['SageMaker', 'CreateEndpoint', 'SageMakerClient call 1', 'EndpointName'],
      ['SageMaker', 'CreateEndpoint', 'SageMakerClient call 1', 'EndpointConfigName'],
    ]);
    expect(contract.message).toContain('SageMaker CreateEndpoint (SageMakerClient call 1):');
    expect(contract.message).toContain(
      '- EndpointName: string "churn_v1" does not match the pattern of EndpointName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$',
    );
    expect(contract.message).toContain(
      '- EndpointConfigName: string "" does not match the pattern of EndpointConfigName',
    );

    resetAwsMocks(); // the violations were the point of this test: don't let test/setup.ts fail it
    const stub = mockAwsClient(SageMakerClient);
    stub.on(CreateEndpointCommand).resolves({ EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/x' });
    await client.send(new CreateEndpointCommand({ EndpointName: 'churn-v1', EndpointConfigName: 'churn-v1-config' }));
    expect(() => assertAwsRequestsValid()).not.toThrow();
    expect(stub).toHaveReceivedCommandWith(CreateEndpointCommand, { EndpointName: 'churn-v1' });
  });

  // `fails`: the test passes only if it fails, and the only thing that can fail it is test/setup.ts's afterEach
  // finding the invalid request. If the setup file stopped checking, this test would be reported as failing.
  it.fails('test/setup.ts fails a test that leaves an invalid request behind', async () => {
    mockAwsClient(SageMakerRuntimeClient).on(InvokeEndpointCommand).resolves({});
    await new SageMakerRuntimeClient(config).send(
      new InvokeEndpointCommand({ EndpointName: 'churn', Body: 42 as never }),
    );
  });

  it('validates calls a test hid by resetting the stub itself', async () => {
    const sagemaker = mockAwsClient(SageMakerClient);
    await new SageMakerClient(config).send(new DescribeEndpointCommand({ EndpointName: 'bad name' }));
    sagemaker.reset();
    sagemaker.resetHistory();
    expect(awsRequestViolations()).toEqual([
      expect.objectContaining({ operation: 'DescribeEndpoint', path: 'EndpointName' }),
    ]);
    resetAwsMocks();
  });

  it('validates a stub of one client instance, reading the service from that instance', async () => {
    const client = new SageMakerRuntimeClient(config);
    mockAwsClient(client).resolves({});
    await client.send(new InvokeEndpointCommand({ EndpointName: 'churn', Body: '{}', ContentType: 'x'.repeat(1025) }));
    expect(awsRequestViolations()).toEqual([
      expect.objectContaining({
        service: 'SageMaker Runtime',
        call: 'SageMakerRuntimeClient call 1',
        path: 'ContentType',
        message: 'has 1025 characters; allowed 0..1024 characters',
      }),
    ]);
    resetAwsMocks();
  });

  it('reports a command the model does not know instead of skipping it', async () => {
    class FrobnicateCommand {
      readonly input = {};
    }
    mockAwsClient(STSClient).resolves({});
    await new STSClient(config).send(new FrobnicateCommand() as never);
    expect(awsRequestViolations()).toEqual([
      expect.objectContaining({ service: 'STS', operation: 'Frobnicate', path: '(model)' }),
    ]);
    resetAwsMocks();
  });

  it("accepts lib-storage's multipart Upload, which spreads PutObject parameters into every part", async () => {
    const s3 = mockAwsClient(S3Client);
    s3.resolves({ UploadId: 'upload-1', ETag: '"etag"' });
    const upload = new Upload({
      client: new S3Client(config),
      params: {
        Bucket: 'models',
        Key: 'churn/model.tar.gz',
        Body: Buffer.alloc(6 * 1024 * 1024, 1), // two parts of the 5 MB minimum part size
        ContentLength: 6 * 1024 * 1024,
        ContentType: 'application/gzip',
        Metadata: { sha256: 'abc' },
        ServerSideEncryption: 'aws:kms',
      },
      tags: [{ Key: 'modelship:version', Value: '1.2.0' }],
    });
    await upload.done();
    const operations = s3.calls().map((c) => (c.args[0] as object).constructor.name);
    expect(operations).toEqual(
      expect.arrayContaining([
        'CreateMultipartUploadCommand',
        'UploadPartCommand',
        'CompleteMultipartUploadCommand',
        'PutObjectTaggingCommand',
      ]),
    );
    expect(awsRequestViolations()).toEqual([]);
  });
});

describe('stub lifetime', () => {
  // Made outside any test: installed for the whole file, reset after every test.
  const cloudwatch = mockAwsClient(CloudWatchClient);

  it('a file-level stub answers as configured in the test', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a' }] });
    const out = await new CloudWatchClient(config).send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'modelship-' }));
    expect(out.MetricAlarms).toHaveLength(1);
  });

  it('a file-level stub is still installed in the next test, with behaviours and history reset', async () => {
    expect(cloudwatch.calls()).toHaveLength(0);
    const out = await new CloudWatchClient(config).send(new DescribeAlarmsCommand({}));
    expect(out).toBeUndefined(); // not a real AWS call: the stub answers, with nothing configured
  });

  it('a test-level stub of the same class replaces the file-level one during the test', async () => {
    const inner = mockAwsClient(CloudWatchClient);
    inner.resolves({ MetricAlarms: [] });
    await new CloudWatchClient(config).send(new DescribeAlarmsCommand({}));
    expect(inner.calls()).toHaveLength(1);
  });

  it('…and the file-level stub is back after that test', async () => {
    cloudwatch.resolves({ MetricAlarms: [] });
    await new CloudWatchClient(config).send(new DescribeAlarmsCommand({}));
    expect(cloudwatch.calls()).toHaveLength(1);
  });

  it('a stub made in a test is restored when the test ends (1/2)', async () => {
    mockAwsClient(STSClient).resolves({ Account: '123456789012' });
    expect(STSClient.prototype.send).not.toBe(realStsSend);
    const out = await new STSClient(config).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
  });

  it('a stub made in a test is restored when the test ends (2/2)', () => {
    expect(STSClient.prototype.send).toBe(realStsSend);
    expect(Object.hasOwn(STSClient.prototype, 'send')).toBe(false);
  });
});
