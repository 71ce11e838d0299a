import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  AccessDeniedError,
  InvalidArgumentError,
  ModelError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
} from '../../../../src/errors.js';
import { Predictor } from '../../../../src/predict/index.js';
import {
  LAMBDA_INVOKE_MAX_BODY_BYTES,
  LAMBDA_SYNC_PAYLOAD_BYTES,
  LambdaFunctionError,
  LambdaInvokeTransport,
} from '../../../../src/predict/transports/lambda/index.js';
import { decodeInvokeRequest } from '../../../../src/targets/lambda/runtime/protocol.js';
import { awsError, recordingClock } from '../../support/mock-runtime.js';
import { functionErrorOutput, mockLambda, runtimeErrorOutput, successOutput } from './support/mock-lambda.js';

const options = { functionName: 'churn', qualifier: 'live', region: 'eu-west-1' } as const;
const request = {
  body: new TextEncoder().encode('[[1,2]]'),
  contentType: 'application/json',
  accept: 'application/json',
};
const payloadOf = (lambda: ReturnType<typeof mockLambda>, call = 0) =>
  JSON.parse(new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[call]!.args[0].input.Payload as Uint8Array));

describe('LambdaInvokeTransport', () => {
  it('invokes the alias synchronously with the envelope and reads the answer', async () => {
    const lambda = mockLambda();
    lambda.on(InvokeCommand).resolves(successOutput('[0.9]'));
    const transport = new LambdaInvokeTransport(options);
    const response = await transport.invoke({ ...request, customAttributes: 'trace=1' });
    expect(new TextDecoder().decode(response.body)).toBe('[0.9]');
    expect(response).toMatchObject({ contentType: 'application/json', invokedProductionVariant: '7' });
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'churn', Qualifier: 'live', InvocationType: 'RequestResponse' });
    expect(input.LogType).toBeUndefined();
    // The function's own decoder reads exactly what was sent.
    const sent = decodeInvokeRequest(payloadOf(lambda));
    expect(new TextDecoder().decode(sent.body)).toBe('[[1,2]]');
    expect(sent).toMatchObject({
      contentType: 'application/json',
      accept: 'application/json',
      customAttributes: 'trace=1',
    });
    expect(transport.description).toBe('Lambda function churn:live');
  });

  it('sends binary bodies base64 and keeps every byte', async () => {
    const lambda = mockLambda();
    lambda.on(InvokeCommand).resolves(successOutput('{}'));
    const body = new Uint8Array([0, 255, 1, 254, 128]);
    await new LambdaInvokeTransport(options).invoke({ ...request, body, contentType: 'application/x-npy' });
    expect(payloadOf(lambda)).toMatchObject({ isBase64Encoded: true });
    expect([...decodeInvokeRequest(payloadOf(lambda)).body]).toEqual([...body]);
  });

  it('has a request limit that fits the 6 MB payload once base64-encoded, and falls back to base64 for dense text', async () => {
    expect(LAMBDA_INVOKE_MAX_BODY_BYTES).toBe(4_715_520);
    expect(new LambdaInvokeTransport(options).maxRequestBytes).toBe(LAMBDA_INVOKE_MAX_BODY_BYTES);
    const lambda = mockLambda();
    lambda.on(InvokeCommand).resolves(successOutput('{}'));
    // Quotes double when JSON-escaped: as text this would be ~9.4 MB, as base64 it fits.
    const dense = new TextEncoder().encode('"'.repeat(LAMBDA_INVOKE_MAX_BODY_BYTES));
    await new LambdaInvokeTransport(options).invoke({ ...request, body: dense, customAttributes: 'x'.repeat(1024) });
    const payload = lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array;
    expect(payload.byteLength).toBeLessThanOrEqual(LAMBDA_SYNC_PAYLOAD_BYTES);
    expect(JSON.parse(new TextDecoder().decode(payload)).isBase64Encoded).toBe(true);
  });

  it('refuses an oversize body before sending, through the predictor', async () => {
    const lambda = mockLambda();
    const predictor = new Predictor({ transport: new LambdaInvokeTransport(options) });
    const big = 'a'.repeat(LAMBDA_INVOKE_MAX_BODY_BYTES);
    await expect(predictor.predict(big)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('turns a handled function error into a LambdaFunctionError with the log tail', async () => {
    const lambda = mockLambda();
    const tail = 'START RequestId: 1\nERROR boom: bad input\nEND RequestId: 1\n';
    lambda
      .on(InvokeCommand)
      .resolves(
        functionErrorOutput(
          'Handled',
          { errorType: 'TypeError', errorMessage: 'x is not a function', stackTrace: ['at handler (index.js:3)'] },
          tail,
        ),
      );
    const transport = new LambdaInvokeTransport({ ...options, logTail: true });
    const error = await transport.invoke(request).catch((e: unknown) => e);
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.LogType).toBe('Tail');
    expect(error).toBeInstanceOf(LambdaFunctionError);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'MODEL_ERROR',
      retryable: false,
      functionError: 'Handled',
      errorType: 'TypeError',
      errorMessage: 'x is not a function',
      stackTrace: ['at handler (index.js:3)'],
      logTail: tail,
      executedVersion: '7',
      originalMessage: 'x is not a function',
    });
    expect((error as Error).message).toContain('ERROR boom: bad input');
  });

  it('turns an unhandled error (a timeout) into a LambdaFunctionError, never retried by the predictor', async () => {
    const lambda = mockLambda();
    lambda.on(InvokeCommand).resolves(
      functionErrorOutput('Unhandled', {
        errorType: 'Sandbox.Timedout',
        errorMessage: 'Task timed out after 3.00 seconds',
      }),
    );
    const predictor = new Predictor({ transport: new LambdaInvokeTransport(options) });
    await expect(predictor.predict([1])).rejects.toMatchObject({
      functionError: 'Unhandled',
      errorType: 'Sandbox.Timedout',
      logTail: undefined,
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(1);
  });

  it("turns the runtime's error envelope into a ModelError with the model's status", async () => {
    mockLambda()
      .on(InvokeCommand)
      .resolves(
        runtimeErrorOutput(400, {
          type: 'ModelError',
          message: 'expected 4 features',
          originalStatusCode: 400,
          originalMessage: 'expected 4 features, got 2',
        }),
      );
    const error = await new LambdaInvokeTransport(options).invoke(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalStatusCode: 400, originalMessage: 'expected 4 features, got 2' });
  });

  it('reports a function that does not speak the protocol as a ModelError', async () => {
    mockLambda()
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: new TextEncoder().encode('"hello"') as never });
    await expect(new LambdaInvokeTransport(options).invoke(request)).rejects.toThrow(
      /is it a function modelship deployed/,
    );
  });

  it.each([
    ['TooManyRequestsException', 429, 'client', ThrottledError, true],
    ['ServiceException', 500, 'server', ServiceError, true],
    ['ResourceNotReadyException', 502, 'server', ServiceError, true],
    ['KMSAccessDeniedException', 502, 'server', ServiceError, false],
    ['ResourceNotFoundException', 404, 'client', NotFoundError, false],
    ['AccessDeniedException', 403, 'client', AccessDeniedError, false],
    ['RequestTooLargeException', 413, 'client', PayloadTooLargeError, false],
    ['InvalidRequestContentException', 400, 'client', InvalidArgumentError, false],
  ] as const)('maps %s to the right modelship error', async (name, status, fault, type, retryable) => {
    mockLambda()
      .on(InvokeCommand)
      .rejects(awsError(name, 'said the service', status, fault));
    const error = await new LambdaInvokeTransport(options).invoke(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ retryable, aws: { name, service: 'Lambda', operation: 'Invoke' } });
  });

  it('names the function and qualifier when they are not found, and the action when refused', async () => {
    const lambda = mockLambda();
    lambda
      .on(InvokeCommand)
      .rejectsOnce(awsError('ResourceNotFoundException', 'Function not found', 404))
      .rejectsOnce(awsError('AccessDeniedException', 'not authorized', 403));
    const transport = new LambdaInvokeTransport(options);
    const notFound = await transport.invoke(request).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ resource: { kind: 'Lambda function', name: 'churn:live' } });
    expect((notFound as Error).message).toContain('churn:live');
    const denied = await transport.invoke(request).catch((e: unknown) => e);
    expect(denied).toMatchObject({ action: 'lambda:InvokeFunction' });
    expect((denied as Error).message).toContain('lambda:InvokeFunction');
  });

  it('aborts: nothing is sent for an aborted signal, and an abort in flight is an AbortedError', async () => {
    const lambda = mockLambda();
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    const transport = new LambdaInvokeTransport(options);
    await expect(transport.invoke({ ...request, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    await expect(transport.invoke({ ...request, signal: new AbortController().signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
  });

  it('refuses SageMaker-only options', async () => {
    mockLambda();
    await expect(new LambdaInvokeTransport(options).invoke({ ...request, targetVariant: 'blue' })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it('validates the function name and qualifier', () => {
    expect(() => new LambdaInvokeTransport({ functionName: 'no spaces' })).toThrow(InvalidArgumentError);
    expect(() => new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'a/b' })).toThrow(InvalidArgumentError);
    expect(
      () => new LambdaInvokeTransport({ functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:churn' }),
    ).not.toThrow();
  });
});

describe('a Predictor over LambdaInvokeTransport', () => {
  it('retries a throttled invoke, then succeeds', async () => {
    const lambda = mockLambda();
    lambda
      .on(InvokeCommand)
      .rejectsOnce(
        Object.assign(awsError('TooManyRequestsException', 'Rate exceeded', 429), {
          Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        }),
      )
      .resolves(successOutput('[0.25]'));
    const { clock, sleeps } = recordingClock();
    const predictor = new Predictor<number[][], number[]>({ transport: new LambdaInvokeTransport(options), clock });
    const result = await predictor.predictWithMetadata([[1, 2]]);
    expect(result).toMatchObject({ output: [0.25], attempts: 2, invokedProductionVariant: '7' });
    expect(sleeps).toHaveLength(1);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });

  it('batches with predictMany through the envelope', async () => {
    const lambda = mockLambda();
    lambda.on(InvokeCommand).callsFake((input: { Payload: Uint8Array }) => {
      const rows = JSON.parse(
        new TextDecoder().decode(decodeInvokeRequest(JSON.parse(new TextDecoder().decode(input.Payload))).body),
      );
      return successOutput(JSON.stringify(rows.map((row: number[]) => row[0]! * 2)));
    });
    const predictor = new Predictor<number[], number>({ transport: new LambdaInvokeTransport(options) });
    await expect(predictor.predictMany([[1], [2], [3]], { batchSize: 2 })).resolves.toEqual([2, 4, 6]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });
});
