// The Local server against the real SageMaker Runtime client: what a user's code calling InvokeEndpoint sees.
import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  ModelError,
  ModelStreamError,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { json, parse, rejection, serveHandler, text } from './support.js';

describe('InvokeEndpoint', () => {
  it('round-trips a JSON prediction with the headers SageMaker sends back', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'test-endpoint',
        Body: json({ rows: [[1, 2]] }),
        ContentType: 'application/json',
        Accept: 'application/json',
      }),
    );
    expect(out.ContentType).toBe('application/json');
    expect(out.InvokedProductionVariant).toBe('AllTraffic');
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parse(out.Body)).toEqual({
      input: { rows: [[1, 2]] },
      contentType: 'application/json',
      accept: 'application/json',
      state: { loadedAt: expect.any(Number) },
    });
  });

  it('hands bytes and text to the handler as they came, and sends strings and bytes back unchanged', async () => {
    const { client } = await serveHandler();
    const bytes = await client.send(
      new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: new Uint8Array([7, 8]) }),
    );
    expect(parse(bytes.Body)).toMatchObject({
      input: { byteLength: 2, first: [7, 8] },
      contentType: 'application/octet-stream',
      accept: '*/*',
    });

    const csv = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'test-endpoint',
        Body: new TextEncoder().encode('1,2\n3,4'),
        ContentType: 'text/csv',
      }),
    );
    expect(parse(csv.Body)).toMatchObject({ input: '1,2\n3,4', contentType: 'text/csv' });

    const raw = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'test-endpoint',
        Body: json({ op: 'bytes', bytes: [1, 2, 3] }),
        ContentType: 'application/json',
        Accept: 'application/x-npy',
      }),
    );
    expect(raw.ContentType).toBe('application/x-npy');
    expect(Array.from(raw.Body ?? [])).toEqual([1, 2, 3]);
  });

  it('passes custom attributes to the model and the model’s back to the caller', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'test-endpoint',
        Body: json({ op: 'attributes' }),
        ContentType: 'application/json',
        CustomAttributes: 'trace=abc-123',
      }),
    );
    expect(parse(out.Body)).toEqual({ customAttributes: 'trace=abc-123' });
    expect(out.CustomAttributes).toBe('echo=trace=abc-123');
  });

  it('answers the right target variant and refuses another with ValidationError', async () => {
    const { client } = await serveHandler();
    const ok = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'test-endpoint',
        Body: json({}),
        ContentType: 'application/json',
        TargetVariant: 'AllTraffic',
      }),
    );
    expect(ok.InvokedProductionVariant).toBe('AllTraffic');

    const error = await rejection(
      client.send(
        new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: json({}), TargetVariant: 'Canary' }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/target variant Canary does not exist on endpoint test-endpoint.*AllTraffic/);
    expect((error as unknown as ValidationError).$metadata.httpStatusCode).toBe(400);
  });

  it('says an unknown endpoint is not found, as SageMaker does', async () => {
    const { client } = await serveHandler();
    const error = await rejection(client.send(new InvokeEndpointCommand({ EndpointName: 'other', Body: json({}) })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/^Endpoint other of account 000000000000 not found\./);
  });

  it('refuses a target model: the endpoint serves one model', async () => {
    const { client } = await serveHandler();
    const error = await rejection(
      client.send(
        new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: json({}), TargetModel: 'a.tar.gz' }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/not a multi-model endpoint/);
  });

  it('turns a model failure into the client’s ModelError with the original status and message', async () => {
    const { client } = await serveHandler();
    const crash = await rejection(
      client.send(
        new InvokeEndpointCommand({
          EndpointName: 'test-endpoint',
          Body: json({ op: 'fail', message: 'kaput' }),
          ContentType: 'application/json',
        }),
      ),
    );
    expect(crash).toBeInstanceOf(ModelError);
    const modelError = crash as unknown as ModelError;
    expect(modelError.$metadata.httpStatusCode).toBe(424);
    expect(modelError.OriginalStatusCode).toBe(500);
    expect(modelError.OriginalMessage).toBe('kaput');
    expect(modelError.message).toBe(
      'Received server error (500) from primary with message "kaput". The model runs in this process: see its output for more information.',
    );

    const badInput = (await rejection(
      client.send(
        new InvokeEndpointCommand({
          EndpointName: 'test-endpoint',
          Body: json({ op: 'fail', message: 'rows must be numbers', statusCode: 400 }),
          ContentType: 'application/json',
        }),
      ),
    )) as unknown as ModelError;
    expect(badInput.OriginalStatusCode).toBe(400);
    expect(badInput.message).toMatch(/^Received client error \(400\)/);
  });

  it('answers a body that is not JSON with a 400 ModelError naming the problem', async () => {
    const { client } = await serveHandler();
    const error = (await rejection(
      client.send(
        new InvokeEndpointCommand({
          EndpointName: 'test-endpoint',
          Body: new TextEncoder().encode('{nope'),
          ContentType: 'application/json',
        }),
      ),
    )) as unknown as ModelError;
    expect(error).toBeInstanceOf(ModelError);
    expect(error.OriginalStatusCode).toBe(400);
    expect(error.OriginalMessage).toMatch(/not valid JSON/);
  });
});

describe('InvokeEndpointWithResponseStream', () => {
  async function collect<T>(body: AsyncIterable<T> | undefined): Promise<T[]> {
    const events: T[] = [];
    for await (const event of body ?? []) events.push(event);
    return events;
  }

  it('streams the handler’s chunks in order as PayloadPart events', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json({ chunks: ['one ', 'two ', 'three'], delayMs: 5 }),
        ContentType: 'application/json',
        CustomAttributes: 'x=1',
      }),
    );
    expect(out.ContentType).toBe('text/plain; charset=utf-8');
    expect(out.InvokedProductionVariant).toBe('AllTraffic');
    const parts: string[] = [];
    for await (const event of out.Body ?? []) {
      expect(Object.keys(event)).toEqual(['PayloadPart']);
      parts.push(text.decode(event.PayloadPart?.Bytes));
    }
    expect(parts).toEqual(['one ', 'two ', 'three']);
  });

  it('sends structured chunks as JSON lines, honouring X-Amzn-SageMaker-Accept', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json({ chunks: [{ token: 'a' }, { token: 'b' }] }),
        ContentType: 'application/json',
        Accept: 'application/jsonlines',
      }),
    );
    expect(out.ContentType).toBe('application/jsonlines');
    const events = await collect(out.Body);
    expect(events.map((event) => text.decode(event.PayloadPart?.Bytes))).toEqual([
      '{"token":"a"}\n',
      '{"token":"b"}\n',
    ]);
  });

  it('reports a failure after the first chunk as ModelStreamError inside the stream', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json({ chunks: ['a', 'b', 'c'], failAt: 2, message: 'GPU fell over' }),
        ContentType: 'application/json',
      }),
    );
    const parts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of out.Body ?? []) parts.push(text.decode(event.PayloadPart?.Bytes));
      })(),
    );
    expect(parts).toEqual(['a', 'b']);
    expect(error).toBeInstanceOf(ModelStreamError);
    expect((error as unknown as ModelStreamError).ErrorCode).toBe('StreamBroken');
    expect(error.message).toBe('GPU fell over');
  });

  it('answers a failure before the first chunk with an ordinary ModelError', async () => {
    const { client } = await serveHandler();
    const error = await rejection(
      client.send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: 'test-endpoint',
          Body: json({ failAt: 0, message: 'no tokens today' }),
          ContentType: 'application/json',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as unknown as ModelError).OriginalMessage).toBe('no tokens today');
  });

  it('streams the whole answer as one part for a model that cannot stream', async () => {
    const { client } = await serveHandler({ handler: 'no-stream.mjs' });
    const out = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json([1, 2]),
        ContentType: 'application/json',
      }),
    );
    expect(out.ContentType).toBe('application/json');
    const events = await collect(out.Body);
    expect(events).toHaveLength(1);
    expect(parse(events[0]?.PayloadPart?.Bytes)).toEqual({ sum: 3 });
  });
});
