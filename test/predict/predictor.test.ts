import { InvokeEndpointCommand, ModelError as SdkModelError } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  InvalidArgumentError,
  ModelError,
  NotFoundError,
  PayloadTooLargeError,
  ThrottledError,
  TimeoutError,
} from '../../src/errors.js';
import { bytes, csv, Predictor } from '../../src/predict/index.js';
import { awsError, decode, jsonOutput, mockRuntime, recordingClock } from './support/mock-runtime.js';

const endpoint = { endpointName: 'churn', region: 'eu-west-1' } as const;

describe('Predictor.predict', () => {
  it('sends the serialized input with its headers and reads the output', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).resolves(jsonOutput([0.12]));
    const churn = new Predictor<{ tenure: number }[], number[]>(endpoint);
    await expect(
      churn.predict([{ tenure: 3 }], {
        customAttributes: 'trace=abc',
        targetVariant: 'blue',
        inferenceId: 'req-42',
        targetModel: 'churn-v3.tar.gz',
      }),
    ).resolves.toEqual([0.12]);
    const input = runtime.commandCalls(InvokeEndpointCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      EndpointName: 'churn',
      ContentType: 'application/json',
      Accept: 'application/json',
      CustomAttributes: 'trace=abc',
      TargetVariant: 'blue',
      InferenceId: 'req-42',
      TargetModel: 'churn-v3.tar.gz',
    });
    expect(decode(input.Body)).toBe('[{"tenure":3}]');
  });

  it('returns what the service said with predictWithMetadata', async () => {
    mockRuntime()
      .on(InvokeEndpointCommand)
      .resolves(jsonOutput({ label: 1 }, { InvokedProductionVariant: 'green', CustomAttributes: 'model=v2' }));
    const result = await new Predictor(endpoint).predictWithMetadata({});
    expect(result).toEqual({
      output: { label: 1 },
      contentType: 'application/json',
      invokedProductionVariant: 'green',
      customAttributes: 'model=v2',
      attempts: 1,
    });
  });

  it('retries throttling with capped, fully jittered exponential backoff, then succeeds', async () => {
    const runtime = mockRuntime();
    runtime
      .on(InvokeEndpointCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400))
      .rejectsOnce(awsError('ServiceUnavailable', 'try later', 503, 'server'))
      .resolves(jsonOutput('ok'));
    const { clock, sleeps } = recordingClock(0.5);
    const predictor = new Predictor({
      ...endpoint,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 },
      clock,
    });
    await expect(predictor.predictWithMetadata('x')).resolves.toMatchObject({ output: 'ok', attempts: 3 });
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
    // random 0.5 of min(maxDelay, base * 2^(n-1)): 0.5 * 100, then 0.5 * min(150, 200).
    expect(sleeps).toEqual([50, 75]);
  });

  it('gives up after maxAttempts with the last, typed error', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    const predictor = new Predictor({ ...endpoint, retry: { maxAttempts: 4 }, clock: recordingClock().clock });
    const error = await predictor.predict('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ code: 'THROTTLED', aws: { name: 'ThrottlingException', requestId: 'req-1234' } });
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(4);
  });

  it('stops retrying when the next backoff would pass totalTimeoutMs', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).rejects(awsError('ServiceUnavailable', 'down', 503, 'server'));
    const { clock } = recordingClock(1);
    const predictor = new Predictor({
      ...endpoint,
      retry: { maxAttempts: 10, baseDelayMs: 100, totalTimeoutMs: 350 },
      clock,
    });
    await expect(predictor.predict('x')).rejects.toMatchObject({ code: 'SERVICE_ERROR' });
    // Sleeps of 100 and 200 fit in 350 ms; the next (400) would not.
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(3);
  });

  it('never retries a ModelError and keeps its fields', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).rejects(
      new SdkModelError({
        message: 'Received server error (500) from primary',
        $metadata: { httpStatusCode: 424 },
        OriginalStatusCode: 500,
        OriginalMessage: 'KeyError: plan',
        LogStreamArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn',
      }),
    );
    const error = await new Predictor(endpoint).predict({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      originalStatusCode: 500,
      originalMessage: 'KeyError: plan',
      logStreamArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn',
    });
    expect((error as Error).message).toMatch(/churn failed with status 500: KeyError: plan/);
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
  });

  it('maps a missing endpoint to NotFoundError naming it', async () => {
    mockRuntime()
      .on(InvokeEndpointCommand)
      .rejects(awsError('ValidationError', 'Endpoint churn of account 123456789012 not found.', 400));
    await expect(new Predictor(endpoint).predict({})).rejects.toMatchObject({
      constructor: NotFoundError,
      resource: { kind: 'SageMaker endpoint', name: 'churn' },
    });
  });

  it('reports an unreadable response as a ModelError with the start of the body', async () => {
    mockRuntime()
      .on(InvokeEndpointCommand)
      .resolves({ Body: new TextEncoder().encode('<html>oops') as never, ContentType: 'text/html' });
    const error = await new Predictor(endpoint).predict({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalMessage: '<html>oops' });
    expect((error as Error).message).toMatch(/could not be read as application\/json \(it came as text\/html\)/);
  });
});

describe('checks before sending', () => {
  it('refuses a body over 6 MB, naming the limit and async inference, with no call made', async () => {
    const runtime = mockRuntime();
    const predictor = new Predictor({ ...endpoint, serializer: bytes(), deserializer: bytes() });
    const error = await predictor.predict(new Uint8Array(7 * 1024 * 1024)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ size: 7 * 1024 * 1024, limit: 6 * 1024 * 1024 });
    expect((error as Error).message).toMatch(/7 MB .* over the 6 MB limit of SageMaker endpoint churn/);
    expect((error as Error).message).toMatch(/SageMaker\.async/);
    expect(runtime.calls()).toHaveLength(0);
  });

  it.each([
    [
      'customAttributes',
      { customAttributes: 'x'.repeat(1025) },
      /1025 characters; SageMaker takes a string of at most 1024/,
    ],
    ['customAttributes', { customAttributes: 'naïve' }, /visible US-ASCII/],
    ['inferenceId', { inferenceId: '' }, /1 to 64 printable ASCII/],
    ['inferenceId', { inferenceId: ' leading-space' }, /not starting with a space/],
    ['inferenceId', { inferenceId: 'x'.repeat(65) }, /1 to 64/],
    ['targetVariant', { targetVariant: 'blue_green' }, /letters, digits and hyphens/],
    ['timeoutMs', { timeoutMs: 0 }, /positive number/],
  ])('refuses a bad %s before any call', async (argument, options, message) => {
    const runtime = mockRuntime();
    const error = await new Predictor(endpoint).predict({}, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toMatch(message);
    expect(runtime.calls()).toHaveLength(0);
  });

  it('accepts the longest values the API allows', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).resolves(jsonOutput(1));
    await new Predictor(endpoint).predict({}, { customAttributes: 'a'.repeat(1024), inferenceId: 'i'.repeat(64) });
    expect(runtime.calls()).toHaveLength(1);
  });

  it('refuses bad constructor options and input the serializer cannot write', async () => {
    expect(() => new Predictor({ endpointName: 'no_underscores' })).toThrow(InvalidArgumentError);
    expect(() => new Predictor({ ...endpoint, retry: { maxAttempts: 0 } })).toThrow(/retry.maxAttempts/);
    const runtime = mockRuntime();
    await expect(new Predictor({ ...endpoint, serializer: csv() }).predict([])).rejects.toThrow(InvalidArgumentError);
    expect(runtime.calls()).toHaveLength(0);
  });
});

describe('abort and timeout', () => {
  const hang = () => new Promise<never>(() => {});

  it('rejects with AbortedError as soon as the signal aborts a call in flight', async () => {
    mockRuntime().on(InvokeEndpointCommand).callsFake(hang);
    const controller = new AbortController();
    const pending = new Predictor(endpoint).predict({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(AbortedError);
  });

  it('stops waiting in a backoff when aborted, and sends nothing when aborted before', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).rejects(awsError('ThrottlingException', 'slow down', 400));
    const controller = new AbortController();
    const predictor = new Predictor({ ...endpoint, clock: { sleep: hang } });
    const pending = predictor.predict({}, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toThrow(AbortedError);
    expect(runtime.calls()).toHaveLength(1);
    await expect(predictor.predict({}, { signal: AbortSignal.abort() })).rejects.toThrow(AbortedError);
    expect(runtime.calls()).toHaveLength(1);
  });

  it('rejects with TimeoutError past timeoutMs, per call or predictor-wide', async () => {
    mockRuntime().on(InvokeEndpointCommand).callsFake(hang);
    const started = Date.now();
    const error = await new Predictor(endpoint).predict({}, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(new Predictor({ ...endpoint, timeoutMs: 30 }).predict({})).rejects.toThrow(TimeoutError);
  });
});
