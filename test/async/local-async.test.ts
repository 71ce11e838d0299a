/**
 * The Local async route end to end: the real `@aws-sdk/client-sagemaker-runtime` sends InvokeEndpointAsync to a
 * server that mounts the handler, the model runs through the Local handler runner, results land on the loopback
 * S3 server (or in a folder), and AsyncPredictor reads them back.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeEndpointAsyncCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelError, TimeoutError } from '../../src/errors.js';
import { AsyncPredictor } from '../../src/predict/async/index.js';
import { createAsyncInvocations, type LocalAsyncOptions } from '../../src/targets/local/async/index.js';
import { createHandlerRunner } from '../../src/targets/local/handler/handler-runner.js';
import type { ModelRunner } from '../../src/targets/local/runner.js';
import type { S3Server } from '../support/s3-server.js';
import {
  asyncRouteServer,
  checkedS3,
  expectValidS3,
  getObject,
  localRuntimeClient,
  putObject,
  serverContext,
} from './support.js';

const MODEL = fileURLToPath(new URL('../fixtures/handlers/model.mjs', import.meta.url));
let s3: S3Server & { violations: string[] };
let runner: ModelRunner;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  s3 = await checkedS3(['ml-inputs', 'ml-results']);
  runner = await createHandlerRunner(MODEL);
});
afterAll(async () => {
  await runner.close();
  await s3.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  expectValidS3(s3);
});

async function serve(options: Partial<LocalAsyncOptions> = {}) {
  const invocations = createAsyncInvocations(
    serverContext(() => runner),
    {
      outputS3Uri: 's3://ml-results/out/',
      failureS3Uri: 's3://ml-results/failures/',
      store: { s3: s3.client },
      ...options,
    } as LocalAsyncOptions,
  );
  const http = await asyncRouteServer(invocations);
  const client = localRuntimeClient(http.url);
  cleanups.push(
    () => http.close(),
    () => invocations.close(),
    () => client.destroy(),
  );
  return { invocations, client, url: http.url };
}

function asyncPredictor(client: SageMakerRuntimeClient) {
  return new AsyncPredictor<unknown, Record<string, unknown>>({
    endpointName: 'test-endpoint',
    inputS3Uri: 's3://ml-inputs/payloads/',
    client,
    s3Client: s3.client,
    retry: { maxAttempts: 1 },
  });
}

describe('InvokeEndpointAsync on the Local server', () => {
  it('answers 202 with the locations, runs the model and writes the output AsyncPredictor reads', async () => {
    const { client } = await serve();
    const job = await asyncPredictor(client).submit(
      { rows: [1, 2, 3] },
      { inferenceId: 'order-7', customAttributes: 'trace=1' },
    );
    expect(job.inferenceId).toBe('order-7');
    expect(job.outputLocation).toMatch(/^s3:\/\/ml-results\/out\/[0-9a-f-]{36}\.out$/);
    expect(job.failureLocation).toMatch(/^s3:\/\/ml-results\/failures\/[0-9a-f-]{36}-error\.out$/);
    const output = await job.result({ timeoutMs: 10_000, pollMs: 20 });
    expect(output).toMatchObject({
      input: { rows: [1, 2, 3] },
      contentType: 'application/json',
      accept: 'application/json',
      customAttributes: 'trace=1',
    });
  });

  it('writes a model failure to the failure object, which AsyncPredictor throws as a ModelError', async () => {
    const { client } = await serve();
    const job = await asyncPredictor(client).submit({ op: 'fail', message: 'feature 3 is missing', statusCode: 400 });
    const error = await job.result({ timeoutMs: 10_000, pollMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalStatusCode: 400 });
    expect((error as ModelError).originalMessage).toContain('feature 3 is missing');
    const failure = await getObject(s3, job.failureLocation!);
    expect(failure.body).toMatch(/^Received client error \(400\) from primary with message "feature 3 is missing"/);
  });

  it('times out waiting for a slow inference with TimeoutError, and the result is there later', async () => {
    const { client, invocations } = await serve();
    const job = await asyncPredictor(client).submit({ op: 'sleep', ms: 600 });
    await expect(job.result({ timeoutMs: 150, pollMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
    await invocations.idle();
    await expect(job.result({ pollMs: 20 })).resolves.toEqual({ slept: 600 });
  });

  it('fails an inference that runs past its InvocationTimeoutSeconds', async () => {
    const { client } = await serve();
    const job = await asyncPredictor(client).submit({ op: 'hang' }, { invocationTimeoutS: 1 });
    const error = await job.result({ timeoutMs: 10_000, pollMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).message).toMatch(/timed out/);
  });

  it('refuses what SageMaker refuses, as ValidationError', async () => {
    const { client } = await serve();
    const send = (input: Partial<ConstructorParameters<typeof InvokeEndpointAsyncCommand>[0]>) =>
      client
        .send(
          new InvokeEndpointAsyncCommand({
            EndpointName: 'test-endpoint',
            InputLocation: 's3://ml-inputs/x',
            ...input,
          }),
        )
        .catch((e: unknown) => e);
    await expect(send({ EndpointName: 'other-endpoint' })).resolves.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Endpoint other-endpoint of account 000000000000 not found'),
    });
    await expect(send({ InputLocation: 'https://example.com/x' })).resolves.toMatchObject({ name: 'ValidationError' });
    await expect(send({ RequestTTLSeconds: 10 })).resolves.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('requestTTLSeconds'),
    });
  });

  it('bounds its queue: past it, ThrottlingException', async () => {
    const { client, invocations } = await serve({ maxConcurrency: 1, maxQueue: 1 });
    await putObject(s3, 's3://ml-inputs/sleep.json', '{"op":"sleep","ms":300}', 'application/json');
    const send = () =>
      client
        .send(
          new InvokeEndpointAsyncCommand({
            EndpointName: 'test-endpoint',
            InputLocation: 's3://ml-inputs/sleep.json',
            ContentType: 'application/json',
          }),
        )
        .then(
          (out) => out.$metadata.httpStatusCode,
          (e: { name: string }) => e.name,
        );
    expect(await send()).toBe(202);
    expect(await send()).toBe(202);
    expect(await send()).toBe('ThrottlingException');
    await invocations.idle();
    expect(invocations.pending).toBe(0);
  });

  it('writes a failure for an input that does not exist', async () => {
    const { client } = await serve();
    const out = await client.send(
      new InvokeEndpointAsyncCommand({ EndpointName: 'test-endpoint', InputLocation: 's3://ml-inputs/missing.json' }),
    );
    const job = asyncPredictor(client).inference({
      inferenceId: out.InferenceId ?? '',
      outputLocation: out.OutputLocation ?? '',
      failureLocation: out.FailureLocation ?? '',
    });
    await expect(job.result({ timeoutMs: 10_000, pollMs: 20 })).rejects.toThrow(/missing\.json does not exist/);
  });
});

describe('the folder store', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'modelship-async-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads s3://bucket/key as <folder>/bucket/key and writes results there', async () => {
    const { client, invocations } = await serve({ store: { folder } });
    await mkdir(join(folder, 'ml-inputs'), { recursive: true });
    await writeFile(join(folder, 'ml-inputs', 'in.json'), '{"x":1}');
    const out = await client.send(
      new InvokeEndpointAsyncCommand({
        EndpointName: 'test-endpoint',
        InputLocation: 's3://ml-inputs/in.json',
        ContentType: 'application/json',
      }),
    );
    await invocations.idle();
    const key = (out.OutputLocation ?? '').replace('s3://', '');
    expect(JSON.parse(await readFile(join(folder, key), 'utf8'))).toMatchObject({ input: { x: 1 } });
  });

  it('refuses keys that would leave the folder', async () => {
    const errors: unknown[] = [];
    const invocations = createAsyncInvocations(
      serverContext(() => runner),
      { outputS3Uri: 's3://ml-results/out/', store: { folder } },
      { onError: (error) => errors.push(error) },
    );
    const http = await asyncRouteServer(invocations);
    const client = localRuntimeClient(http.url);
    cleanups.push(
      () => http.close(),
      () => invocations.close(),
      () => client.destroy(),
    );
    await client.send(
      new InvokeEndpointAsyncCommand({
        EndpointName: 'test-endpoint',
        InputLocation: 's3://ml-inputs/../../etc/passwd',
      }),
    );
    await invocations.idle();
    expect(String(errors[0])).toMatch(/cannot hold/);
  });
});
