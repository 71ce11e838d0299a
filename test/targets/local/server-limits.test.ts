// The Local server's limits and lifecycle: body size, timeout, concurrency, graceful close, faults, paths.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  InternalFailure,
  InternalStreamFailure,
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  ModelError,
  ModelNotReadyException,
  ModelStreamError,
  SageMakerRuntimeClient,
  SageMakerRuntimeServiceException,
  ServiceUnavailable,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { createHandlerRunner } from '../../../src/targets/local/handler/handler-runner.js';
import type { ModelRunner } from '../../../src/targets/local/runner.js';
import { startLocalServer } from '../../../src/targets/local/server/server.js';
import { closeAfterTest, fixture, json, parse, rejection, runtimeClient, serveHandler, text } from './support.js';

const MB = 1024 * 1024;

function invoke(client: SageMakerRuntimeClient, input: unknown) {
  return client.send(
    new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: json(input), ContentType: 'application/json' }),
  );
}

/** A raw HTTP exchange, for what a plain client (or an attacker) can send. */
function raw(
  url: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: AsyncIterable<Uint8Array> | Uint8Array;
    onResponse?: () => void;
  },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    // Host and port apart from the path: a URL would resolve `..` and `%2e%2e` before sending.
    const { hostname, port } = new URL(url);
    const req = request({
      hostname,
      port,
      path: options.path,
      method: options.method ?? 'POST',
      headers: options.headers,
      agent: false,
    });
    req.on('response', (res) => {
      options.onResponse?.();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    const { body } = options;
    if (body instanceof Uint8Array || body === undefined) {
      req.end(body);
    } else {
      (async () => {
        for await (const chunk of body) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      })().catch(() => {});
    }
  });
}

describe('request size', () => {
  it('refuses a 7 MB body with 413, naming the 6 MB limit and async inference', async () => {
    const { client } = await serveHandler();
    const error = await rejection(
      client.send(new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: new Uint8Array(7 * MB) })),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as unknown as ValidationError).$metadata.httpStatusCode).toBe(413);
    expect(error.message).toMatch(/7340032 bytes\) is larger than the 6 MB \(6291456 bytes\)/);
    expect(error.message).toMatch(/asynchronous inference/);
    // The connection was not left broken: the next call works.
    expect(parse((await invoke(client, { n: 1 })).Body)).toMatchObject({ input: { n: 1 } });
  });

  it('accepts a body of exactly 6 MB', async () => {
    const { client } = await serveHandler();
    const out = await client.send(
      new InvokeEndpointCommand({ EndpointName: 'test-endpoint', Body: new Uint8Array(6 * MB) }),
    );
    expect(parse(out.Body)).toMatchObject({ input: { byteLength: 6 * MB } });
  });

  it('answers a chunked body with 413 as soon as it passes the limit, before the rest arrives', async () => {
    const { server } = await serveHandler();
    let sent = 0;
    let sentWhenAnswered = 0;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 30; i++) {
        sent += MB;
        yield new Uint8Array(MB);
      }
    }
    const res = await raw(server.url, {
      path: '/endpoints/test-endpoint/invocations',
      body: chunks(),
      onResponse: () => {
        sentWhenAnswered = sent;
      },
    });
    expect(res.status).toBe(413);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationError');
    expect(JSON.parse(res.body).Message).toMatch(/at least \d+ bytes/);
    expect(sentWhenAnswered).toBeLessThan(30 * MB);
  });

  it('refuses an oversized Expect: 100-continue request before the body is sent', async () => {
    const { server } = await serveHandler();
    const res = await raw(server.url, {
      path: '/endpoints/test-endpoint/invocations',
      headers: { expect: '100-continue', 'content-length': String(7 * MB) },
    });
    expect(res.status).toBe(413);
  });
});

describe('timeout', () => {
  it('answers a model that never answers with SageMaker’s timeout ModelError', async () => {
    const { client } = await serveHandler({ requestTimeoutMs: 200 });
    const started = Date.now();
    const error = (await rejection(invoke(client, { op: 'hang' }))) as unknown as ModelError;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.$metadata.httpStatusCode).toBe(424);
    expect(error.OriginalStatusCode).toBe(0);
    expect(error.message).toMatch(
      /^Received server error \(0\) from primary with message "Your invocation timed out while waiting for a response from container primary\./,
    );
    expect(error.OriginalMessage).toMatch(/200 ms \(requestTimeoutMs\)/);
  });

  it('aborts the model’s signal when the time is up', async () => {
    let seen: AbortSignal | undefined;
    const runner: ModelRunner = {
      description: 'signal spy',
      invoke: (request) => {
        seen = request.signal;
        return new Promise(() => {});
      },
      close: async () => {},
    };
    const server = await startLocalServer({ runner, endpointName: 'test-endpoint', requestTimeoutMs: 100 });
    closeAfterTest(() => server.close());
    await rejection(invoke(runtimeClient(server.url), {}));
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('ends a stream that runs past the timeout with ModelStreamError ModelInvocationTimeExceeded', async () => {
    const { client } = await serveHandler({ requestTimeoutMs: 300 });
    const out = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json({ chunks: ['first'], hang: true }),
        ContentType: 'application/json',
      }),
    );
    const parts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of out.Body ?? []) parts.push(text.decode(event.PayloadPart?.Bytes));
      })(),
    );
    expect(parts).toEqual(['first']);
    expect(error).toBeInstanceOf(ModelStreamError);
    expect((error as unknown as ModelStreamError).ErrorCode).toBe('ModelInvocationTimeExceeded');
  });
});

describe('concurrency', () => {
  it('runs at most maxConcurrency at once, queues the next, and throttles past the queue', async () => {
    const { client, server } = await serveHandler({ maxConcurrency: 1, maxQueue: 1 });
    const first = invoke(client, { op: 'sleep', ms: 300 });
    await new Promise((r) => setTimeout(r, 50));
    const second = invoke(client, { op: 'sleep', ms: 10 });
    await new Promise((r) => setTimeout(r, 50));
    expect(server.inFlight).toBe(2);
    const third = await rejection(invoke(client, { n: 3 }));
    expect(third).toBeInstanceOf(SageMakerRuntimeServiceException);
    expect(third.name).toBe('ThrottlingException');
    expect(third.message).toMatch(/^Rate exceeded: 1 invocations are running and 1 are waiting/);
    expect((third as unknown as SageMakerRuntimeServiceException).$metadata.httpStatusCode).toBe(429);
    expect(parse((await first).Body)).toEqual({ slept: 300 });
    expect(parse((await second).Body)).toEqual({ slept: 10 });
  });
});

describe('health and the container contract', () => {
  it('answers /ping 503 while the model loads, and invocations ModelNotReadyException', async () => {
    let loaded!: (runner: ModelRunner) => void;
    const loading = new Promise<ModelRunner>((resolve) => {
      loaded = resolve;
    });
    const server = await startLocalServer({ runner: loading, endpointName: 'test-endpoint' });
    closeAfterTest(() => server.close());
    expect((await fetch(`${server.url}/ping`)).status).toBe(503);
    const error = await rejection(invoke(runtimeClient(server.url), {}));
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect((error as unknown as ModelNotReadyException).$metadata.httpStatusCode).toBe(429);
    loaded(await createHandlerRunner(fixture('model.mjs')));
    await new Promise((r) => setTimeout(r, 0));
    const ping = await fetch(`${server.url}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ status: 'Healthy' });
  });

  it('serves POST /invocations with Content-Type and Accept, as a SageMaker container', async () => {
    const { server } = await serveHandler();
    const res = await fetch(`${server.url}/invocations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-amzn-sagemaker-custom-attributes': 'a=1',
      },
      body: JSON.stringify({ op: 'attributes' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amzn-sagemaker-custom-attributes')).toBe('echo=a=1');
    expect(await res.json()).toEqual({ customAttributes: 'a=1' });
  });

  it('answers a model failure on /invocations with the model’s own status and message', async () => {
    const { server } = await serveHandler();
    const res = await fetch(`${server.url}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ op: 'fail', statusCode: 422, message: 'bad rows' }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toBe('bad rows');
  });

  it('answers HEAD /ping without a body', async () => {
    const { server } = await serveHandler();
    const head = await fetch(`${server.url}/ping`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('graceful close', () => {
  it('lets an invocation in flight finish, refuses new ones, then closes the model once', async () => {
    const closes: string[] = [];
    const inner = await createHandlerRunner(fixture('model.mjs'));
    const runner: ModelRunner = {
      ...inner,
      invoke: (r) => inner.invoke(r),
      close: async () => void closes.push('closed'),
    };
    const server = await startLocalServer({ runner, endpointName: 'test-endpoint' });
    const client = runtimeClient(server.url);
    const inFlight = invoke(client, { op: 'sleep', ms: 300 });
    await new Promise((r) => setTimeout(r, 50));
    const closing = server.close();
    expect(server.close()).toBe(closing);
    expect(parse((await inFlight).Body)).toEqual({ slept: 300 });
    await closing;
    expect(closes).toEqual(['closed']);
    await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
  });

  it('stops invocations still running after closeTimeoutMs with ServiceUnavailable', async () => {
    const server = await startLocalServer({
      runner: await createHandlerRunner(fixture('model.mjs')),
      endpointName: 'test-endpoint',
      closeTimeoutMs: 100,
    });
    const pending = rejection(invoke(runtimeClient(server.url), { op: 'hang' }));
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await pending).toBeInstanceOf(ServiceUnavailable);
  });

  it('ends a stream still running after closeTimeoutMs with InternalStreamFailure', async () => {
    const server = await startLocalServer({
      runner: await createHandlerRunner(fixture('model.mjs')),
      endpointName: 'test-endpoint',
      closeTimeoutMs: 100,
    });
    const out = await runtimeClient(server.url).send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: 'test-endpoint',
        Body: json({ chunks: ['only'], hang: true }),
        ContentType: 'application/json',
      }),
    );
    const closing = server.close();
    const parts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of out.Body ?? []) parts.push(text.decode(event.PayloadPart?.Bytes));
      })(),
    );
    await closing;
    expect(parts).toEqual(['only']);
    expect(error).toBeInstanceOf(InternalStreamFailure);
  });
});

describe('fault injection', () => {
  it('fails the next invocations as planned, so a retrying client succeeds on the third attempt', async () => {
    const { server } = await serveHandler({ faults: { failNext: [{ status: 503, times: 2 }] } });
    const retrying = new SageMakerRuntimeClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 3,
    });
    closeAfterTest(() => retrying.destroy());
    const out = await invoke(retrying, { n: 1 });
    expect(out.$metadata.attempts).toBe(3);
    expect(server.faults.pending).toBe(0);
  });

  it('answers each planned status with its SageMaker error, and can cut the connection', async () => {
    const { server, client } = await serveHandler();
    server.faults.failNext({ status: 503 }, { status: 500 }, { status: 424 }, { reset: true });
    expect(await rejection(invoke(client, {}))).toBeInstanceOf(ServiceUnavailable);
    expect(await rejection(invoke(client, {}))).toBeInstanceOf(InternalFailure);
    expect(await rejection(invoke(client, {}))).toBeInstanceOf(ModelError);
    expect((await rejection(invoke(client, {}))).message).toMatch(/socket hang up|ECONNRESET/);
    expect(parse((await invoke(client, { n: 5 })).Body)).toMatchObject({ input: { n: 5 } });
  });
});

describe('paths', () => {
  const attempts = [
    '/endpoints/..%2F..%2Fetc/invocations',
    '/endpoints/..%2F..%2F..%2F..%2Fetc%2Fpasswd/invocations',
    '/endpoints/%2e%2e/invocations',
    '/endpoints/../../etc/passwd/invocations',
    '/endpoints/test-endpoint/../../etc/passwd',
    '/../../etc/passwd',
    '/endpoints/%00/invocations',
    '/endpoints/%E0%A4%A/invocations',
    '/etc/passwd',
    '/invocations/../../etc/passwd',
  ];

  it.each(attempts)('answers %s with a 4xx and no file', async (path) => {
    const { server } = await serveHandler();
    const res = await raw(server.url, { path, body: new Uint8Array([1]) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toMatch(/root:/);
    expect(['ValidationError', 'UnknownOperationException']).toContain(res.headers['x-amzn-errortype']);
  });

  it('has no file system access in the server code at all', () => {
    const folder = fileURLToPath(new URL('../../../src/targets/local/server/', import.meta.url));
    for (const file of readdirSync(folder)) {
      const source = readFileSync(`${folder}${file}`, 'utf8');
      expect(source, file).not.toMatch(/from '(node:)?(fs|fs\/promises|path)'/);
      expect(source, file).not.toMatch(/\bimport\(/);
    }
  });
});
