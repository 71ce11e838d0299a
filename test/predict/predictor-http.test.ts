/**
 * The predictor with a REAL SageMakerRuntimeClient over real HTTP (a tiny Runtime API on 127.0.0.1): retries,
 * error mapping and streaming as the SDK actually delivers them, not as a mock imagines them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, ModelError, NotFoundError, ServiceError } from '../../src/errors.js';
import {
  Predictor,
  type PredictorOptions,
  SageMakerRuntimeTransport,
  StreamInterruptedError,
  type Transport,
  text,
} from '../../src/predict/index.js';
import { type RuntimeServer, startRuntimeServer } from './support/runtime-server.js';

let server: RuntimeServer;
beforeAll(async () => {
  server = await startRuntimeServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const noWait = { sleep: async () => {}, random: () => 0 };
function predictor<I = unknown, O = unknown>(options: Partial<PredictorOptions<I, O>> = {}): Predictor<I, O> {
  return new Predictor<I, O>({
    endpointName: 'churn',
    clientConfig: {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    },
    clock: noWait,
    ...options,
  } as PredictorOptions<I, O>);
}

describe('predictor over real HTTP', () => {
  it('succeeds after two transient 503s, sending the request three times', async () => {
    server.reply(
      { error: 'ServiceUnavailable', status: 503 },
      { error: 'ServiceUnavailable', status: 503 },
      (request) => ({ status: 200, body: JSON.stringify({ echo: JSON.parse(request.body.toString()) }) }),
    );
    const churn = predictor();
    const result = await churn.predictWithMetadata({ tenure: 3 }, { customAttributes: 'trace=1' });
    expect(result).toMatchObject({
      output: { echo: { tenure: 3 } },
      attempts: 3,
      invokedProductionVariant: 'AllTraffic',
    });
    expect(server.requests).toHaveLength(3);
    const [first] = server.requests;
    expect(first!.path).toBe('/endpoints/churn/invocations');
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.headers['x-amzn-sagemaker-custom-attributes']).toBe('trace=1');
    churn.close();
  });

  it('does not retry a ModelError (424) and keeps what the model said', async () => {
    server.reply({
      error: 'ModelError',
      status: 424,
      members: {
        OriginalStatusCode: 500,
        OriginalMessage: 'ValueError: could not convert string to float',
        LogStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn',
      },
    });
    const error = await predictor()
      .predict({ tenure: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'MODEL_ERROR',
      retryable: false,
      originalStatusCode: 500,
      originalMessage: 'ValueError: could not convert string to float',
      logStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn',
      aws: { name: 'ModelError', httpStatusCode: 424, operation: 'InvokeEndpoint' },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a missing endpoint to NotFoundError, without retrying', async () => {
    server.reply({
      error: 'ValidationError',
      status: 400,
      members: { Message: 'Endpoint churn of account 123456789012 not found.' },
    });
    await expect(predictor().predict({})).rejects.toThrow(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a dropped connection', async () => {
    server.reply({ reset: true }, { status: 200, body: '[1]' });
    await expect(predictor().predict([0])).resolves.toEqual([1]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection once only, then reports it as a ServiceError', async () => {
    const transport = new SageMakerRuntimeTransport({
      endpointName: 'churn',
      clientConfig: {
        endpoint: 'http://127.0.0.1:9',
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      },
    });
    let calls = 0;
    const counting: Transport = {
      description: transport.description,
      maxRequestBytes: transport.maxRequestBytes,
      invoke: (request) => {
        calls++;
        return transport.invoke(request);
      },
    };
    const nobody = new Predictor({ transport: counting, retry: { maxAttempts: 5 }, clock: noWait });
    const error = await nobody.predict({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(calls).toBe(2);
    transport.close();
  });

  it('streams payload parts as they arrive, decoding text split inside a character', async () => {
    const euro = new TextEncoder().encode('€'); // three bytes, sent in two parts
    server.reply({
      stream: [{ part: 'price: ' }, { part: euro.subarray(0, 1) }, { part: euro.subarray(1) }, { part: '5' }],
    });
    const llm = predictor<string, string>({ serializer: text(), deserializer: text() });
    const pieces: string[] = [];
    for await (const piece of llm.predictStream('how much?').text()) pieces.push(piece);
    expect(pieces.join('')).toBe('price: €5');
    expect(server.requests[0]!.path).toBe('/endpoints/churn/invocations-response-stream');
    expect(server.requests[0]!.headers['x-amzn-sagemaker-accept']).toBe('text/plain');
  });

  it('reports a ModelStreamError mid-stream with the bytes received so far', async () => {
    server.reply({
      stream: [
        { part: 'Once upon' },
        {
          exception: 'ModelStreamError',
          members: { Message: 'took too long', ErrorCode: 'ModelInvocationTimeExceeded' },
        },
      ],
    });
    const chunks: string[] = [];
    const error = await (async () => {
      for await (const chunk of predictor().predictStream('x')) chunks.push(new TextDecoder().decode(chunk));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({
      code: 'MODEL_ERROR',
      streamErrorCode: 'ModelInvocationTimeExceeded',
      retryable: false,
    });
    expect(new TextDecoder().decode((error as StreamInterruptedError).received)).toBe('Once upon');
    expect(chunks).toEqual(['Once upon']);
    expect(server.requests).toHaveLength(1);
  });

  it('closes the connection when the reader breaks out of the loop', async () => {
    server.reply({ stream: [{ part: 'a' }, { part: 'b' }], delayMs: 5, hold: true });
    for await (const _ of predictor().predictStream('x')) break;
    await server.streamClosed; // resolves only when the client dropped the held-open response
  });

  it('closes the connection when the call is aborted mid-stream', async () => {
    server.reply({ stream: [{ part: 'a' }], hold: true });
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _ of predictor().predictStream('x', { signal: controller.signal })) controller.abort();
    })();
    await expect(reading).rejects.toThrow(AbortedError);
    await server.streamClosed;
  });
});
