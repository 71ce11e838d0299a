/**
 * AsyncPredictor against a contract-checked SageMaker Runtime mock and the real loopback S3 server: the upload,
 * the InvokeEndpointAsync request, polling for the output or failure object, and the errors.
 */
import { InvokeEndpointAsyncCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  InvalidArgumentError,
  ModelError,
  PayloadTooLargeError,
  TimeoutError,
} from '../../src/errors.js';
import { AsyncPredictor } from '../../src/predict/async/index.js';
import { text } from '../../src/predict/serde/bytes.js';
import { mockAwsClient } from '../support/aws-contract.js';
import type { S3Server } from '../support/s3-server.js';
import { checkedS3, expectValidS3, getObject, putObject } from './support.js';

const runtime = mockAwsClient(SageMakerRuntimeClient);
let s3: S3Server & { violations: string[] };

beforeAll(async () => {
  s3 = await checkedS3(['ml-inputs', 'ml-results']);
});
afterAll(() => s3.close());
beforeEach(() => {
  s3.violations.length = 0;
});

function predictor<I = unknown, O = unknown>(
  extra: Partial<ConstructorParameters<typeof AsyncPredictor<I, O>>[0]> = {},
) {
  return new AsyncPredictor<I, O>({
    endpointName: 'churn-async',
    inputS3Uri: 's3://ml-inputs/churn',
    client: new SageMakerRuntimeClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    }),
    s3Client: s3.client,
    retry: { baseDelayMs: 1 },
    ...extra,
  });
}

function queued(id: string) {
  runtime.on(InvokeEndpointAsyncCommand).resolves({
    InferenceId: id,
    OutputLocation: `s3://ml-results/out/${id}.out`,
    FailureLocation: `s3://ml-results/failures/${id}-error.out`,
  });
}

describe('AsyncPredictor.submit', () => {
  it('uploads the payload with its content type, then queues it with InvokeEndpointAsync', async () => {
    queued('order-42');
    const job = await predictor().submit(
      { rows: [[1, 2]] },
      { inferenceId: 'order-42', requestTtlS: 600, invocationTimeoutS: 120 },
    );

    expect(job.inputLocation).toMatch(/^s3:\/\/ml-inputs\/churn\/[0-9a-f-]{36}$/);
    const uploaded = await getObject(s3, job.inputLocation!);
    expect(JSON.parse(uploaded.body)).toEqual({ rows: [[1, 2]] });
    expect(uploaded.contentType).toBe('application/json');
    expect(runtime).toHaveReceivedCommandWith(InvokeEndpointAsyncCommand, {
      EndpointName: 'churn-async',
      InputLocation: job.inputLocation,
      ContentType: 'application/json',
      Accept: 'application/json',
      InferenceId: 'order-42',
      RequestTTLSeconds: 600,
      InvocationTimeoutSeconds: 120,
    });
    expect(job.toJSON()).toEqual({
      inferenceId: 'order-42',
      inputLocation: job.inputLocation,
      outputLocation: 's3://ml-results/out/order-42.out',
      failureLocation: 's3://ml-results/failures/order-42-error.out',
    });
    expectValidS3(s3);
  });

  it('refuses a payload over the limit before uploading anything', async () => {
    const sentBefore = s3.sent.length;
    const small = predictor<string, string>({ serializer: text(), maxPayloadBytes: 8 });
    const error = await small.submit('nine bytes').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ size: 10, limit: 8 });
    expect(s3.sent.length).toBe(sentBefore);
    expect(runtime.calls()).toHaveLength(0);
  });

  it('allows at most the 1 GB service limit', () => {
    expect(() => predictor({ maxPayloadBytes: 1024 ** 3 + 1 })).toThrow(InvalidArgumentError);
    expect(predictor().maxPayloadBytes).toBe(1024 ** 3);
  });

  it('checks options against the API before any call', async () => {
    const p = predictor();
    await expect(p.submit({}, { requestTtlS: 30 })).rejects.toMatchObject({ argument: 'requestTtlS' });
    await expect(p.submit({}, { invocationTimeoutS: 3601 })).rejects.toMatchObject({ argument: 'invocationTimeoutS' });
    await expect(p.submit({}, { inferenceId: ' lead' })).rejects.toMatchObject({ argument: 'inferenceId' });
    expect(() => predictor({ inputS3Uri: 'https://bucket/x' })).toThrow(InvalidArgumentError);
    expect(() => predictor({ endpointName: 'no_underscores' })).toThrow(InvalidArgumentError);
    expect(runtime.calls()).toHaveLength(0);
  });

  it('retries a throttled InvokeEndpointAsync', async () => {
    runtime
      .on(InvokeEndpointAsyncCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400))
      .resolves({ InferenceId: 'x', OutputLocation: 's3://ml-results/out/x.out' });
    const job = await predictor().submit({ a: 1 });
    expect(job.inferenceId).toBe('x');
    expect(job.failureLocation).toBeUndefined();
    expect(runtime.commandCalls(InvokeEndpointAsyncCommand)).toHaveLength(2);
  });

  it('names sagemaker:InvokeEndpointAsync when access is refused', async () => {
    runtime.on(InvokeEndpointAsyncCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const error = await predictor()
      .submit({ a: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ action: 'sagemaker:InvokeEndpointAsync', aws: { operation: 'InvokeEndpointAsync' } });
  });

  it('maps a missing upload bucket to NotFoundError, before invoking', async () => {
    const p = predictor({ inputS3Uri: 's3://no-such-bucket-here/x/' });
    const error = await p.submit({ a: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', resource: { kind: 'S3 bucket' } });
    expect(runtime.calls()).toHaveLength(0);
  });
});

describe('AsyncInference.result', () => {
  it('waits for the output object and deserializes it', async () => {
    queued('ok-1');
    const job = await predictor().submit({ a: 1 });
    setTimeout(() => void putObject(s3, job.outputLocation, '{"score":0.9}', 'application/json'), 150);
    await expect(job.result({ timeoutMs: 5_000, pollMs: 20 })).resolves.toEqual({ score: 0.9 });
  });

  it('throws a ModelError with the failure object’s content', async () => {
    queued('bad-1');
    const job = await predictor().submit({ a: 1 });
    await putObject(
      s3,
      job.failureLocation!,
      'Received client error (400) from primary with message "column 3 is not a number".',
      'text/plain',
    );
    const error = await job.result({ timeoutMs: 5_000, pollMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalStatusCode: 400, retryable: false });
    expect((error as ModelError).originalMessage).toContain('column 3 is not a number');
    expect((error as ModelError).message).toContain('bad-1');
  });

  it('throws TimeoutError when nothing appears in time, and can be asked again later', async () => {
    queued('slow-1');
    const job = await predictor().submit({ a: 1 });
    const started = Date.now();
    await expect(job.result({ timeoutMs: 200, pollMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(job.check()).resolves.toEqual({ done: false });
  });

  it('reports an output the deserializer cannot read as a ModelError', async () => {
    queued('garbled-1');
    const job = await predictor().submit({ a: 1 });
    await putObject(s3, job.outputLocation, 'not json', 'text/plain');
    await expect(job.result({ pollMs: 20 })).rejects.toThrow(/could not be read as application\/json/);
  });

  it('is rebuilt from its kept locations', async () => {
    queued('kept-1');
    const job = await predictor().submit({ a: 1 });
    const kept = JSON.parse(JSON.stringify(job));
    await putObject(s3, job.outputLocation, '[1,2]', 'application/json');
    await expect(predictor().inference(kept).result({ pollMs: 20 })).resolves.toEqual([1, 2]);
    expect(() => predictor().inference({ inferenceId: 'x', outputLocation: 'https://x' })).toThrow(
      InvalidArgumentError,
    );
  });

  it('stops waiting on abort', async () => {
    queued('abort-1');
    const job = await predictor().submit({ a: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(job.result({ signal: controller.signal, pollMs: 20 })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

function awsError(name: string, message: string, status: number) {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
  });
}
