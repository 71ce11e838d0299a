import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  AccessDeniedError,
  InvalidArgumentError,
  ModelError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../../../../src/errors.js';
import { Predictor } from '../../../../src/predict/index.js';
import { LAMBDA_URL_MAX_BODY_BYTES, LambdaUrlTransport } from '../../../../src/predict/transports/lambda/index.js';
import { signingScopeOf } from '../../../../src/predict/transports/lambda/sigv4.js';
import { recordingClock } from '../../support/mock-runtime.js';
import {
  ACCESS_KEY_ID,
  type Route,
  SECRET_ACCESS_KEY,
  type SigningServer,
  startSigningServer,
} from './support/signing-server.js';

const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const request = {
  body: new TextEncoder().encode('[[1,2]]'),
  contentType: 'application/json',
  accept: 'application/json',
};

/** Answers like the modelship function's runtime: the prediction, or an error with X-Amzn-ErrorType. */
const modelRoute: Route = (req, res) => {
  if (req.path.startsWith('/model-error')) {
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ModelError' });
    res.end(
      JSON.stringify({
        type: 'ModelError',
        message: 'expected 4 features',
        originalStatusCode: 400,
        originalMessage: 'expected 4 features, got 2',
      }),
    );
  } else if (req.path.startsWith('/crash')) {
    // What a Function URL answers when the function threw or timed out.
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"Message":"Internal Server Error"}');
  } else if (req.path.startsWith('/throttle')) {
    res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
    res.end('{"Message":"Rate Exceeded."}');
  } else if (req.path.startsWith('/missing')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"Not Found"}');
  } else if (req.path.startsWith('/slow')) {
    setTimeout(() => res.end('[]'), 5_000).unref();
  } else {
    const rows = JSON.parse(req.body.toString()) as number[][];
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-amzn-sagemaker-custom-attributes': `echo=${req.headers['x-amzn-sagemaker-custom-attributes'] ?? ''}`,
    });
    res.end(JSON.stringify(rows.map((row) => row.reduce((a, b) => a + b, 0))));
  }
};

let server: SigningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function signed(route: Route = modelRoute) {
  server = await startSigningServer({ region: 'eu-west-1', service: 'lambda', route });
  return server;
}

const transportFor = (url: string, extra: Partial<ConstructorParameters<typeof LambdaUrlTransport>[0]> = {}) =>
  new LambdaUrlTransport({ url, auth: 'iam', service: 'lambda', region: 'eu-west-1', credentials, ...extra });

describe('LambdaUrlTransport with IAM auth', () => {
  it('sends a SigV4-signed POST that the server verifies, and reads the answer', async () => {
    const { url, received } = await signed();
    const transport = transportFor(`${url}/?v=1`);
    const response = await transport.invoke({ ...request, customAttributes: 'trace=1' });
    expect(new TextDecoder().decode(response.body)).toBe('[3]');
    expect(response.contentType).toBe('application/json');
    expect(response.customAttributes).toBe('echo=trace=1');
    const [sent] = received;
    expect(sent).toMatchObject({ method: 'POST', path: '/?v=1' });
    expect(sent!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(sent!.headers.authorization).toMatch(/SignedHeaders=.*content-type.*host.*x-amz-date/);
  });

  it('signs temporary credentials from a provider, with their session token', async () => {
    const { url, received } = await signed();
    const transport = transportFor(url, {
      credentials: async () => ({ ...credentials, sessionToken: 'session-token-1' }),
    });
    await transport.invoke(request);
    expect(received[0]!.headers['x-amz-security-token']).toBe('session-token-1');
  });

  it('is refused (AccessDeniedError naming lambda:InvokeFunctionUrl) unsigned, with a wrong key, or a changed body', async () => {
    const { url, received } = await signed();
    const unsigned = new LambdaUrlTransport({ url, auth: 'none', service: 'lambda' });
    const error = await unsigned.invoke(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ action: 'lambda:InvokeFunctionUrl', retryable: false });
    expect((error as Error).message).toContain('AccessDeniedException');

    const wrongKey = transportFor(url, { credentials: { ...credentials, secretAccessKey: 'not-the-secret' } });
    await expect(wrongKey.invoke(request)).rejects.toBeInstanceOf(AccessDeniedError);

    // A body changed after signing: the server hashes what arrived.
    const tampering: typeof fetch = (input, init) => fetch(input, { ...init, body: '[[9,9]]' });
    await expect(transportFor(url, { fetch: tampering }).invoke(request)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(received).toHaveLength(0);
  });

  it('reports missing credentials as AccessDeniedError without sending', async () => {
    const { url, received } = await signed();
    const transport = transportFor(url, {
      credentials: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), {
          name: 'CredentialsProviderError',
        });
      },
    });
    await expect(transport.invoke(request)).rejects.toThrow(/No AWS credentials to sign/);
    expect(received).toHaveLength(0);
  });
});

describe('LambdaUrlTransport error answers', () => {
  it("turns the runtime's error answer into a ModelError with the model's status", async () => {
    const { url } = await signed();
    const error = await transportFor(`${url}/model-error`)
      .invoke(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalStatusCode: 400, originalMessage: 'expected 4 features, got 2' });
  });

  it('turns a 502 (the function crashed) into a retryable ServiceError', async () => {
    const { url } = await signed();
    const error = await transportFor(`${url}/crash`)
      .invoke(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ retryable: true });
  });

  it('turns 429 into ThrottledError and a gateway 404 into NotFoundError', async () => {
    const { url } = await signed();
    await expect(transportFor(`${url}/throttle`).invoke(request)).rejects.toBeInstanceOf(ThrottledError);
    await expect(transportFor(`${url}/missing`).invoke(request)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives status codes of a non-modelship handler to the model', async () => {
    server = await startSigningServer({
      region: 'eu-west-1',
      service: 'lambda',
      verify: false,
      route: (_req, res) => {
        res.writeHead(422, { 'content-type': 'text/plain' });
        res.end('bad shape');
      },
    });
    const transport = new LambdaUrlTransport({ url: server.url, auth: 'none', service: 'lambda' });
    await expect(transport.invoke(request)).rejects.toMatchObject({ code: 'MODEL_ERROR', originalStatusCode: 422 });
  });

  it('aborts a call in flight, and maps a refused connection to ServiceError', async () => {
    const { url } = await signed();
    const controller = new AbortController();
    const pending = transportFor(`${url}/slow`).invoke({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);

    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as { port: number };
    await new Promise((resolve) => free.close(resolve));
    await expect(transportFor(`http://127.0.0.1:${port}/`).invoke(request)).rejects.toBeInstanceOf(ServiceError);
  });
});

describe('a Predictor over LambdaUrlTransport', () => {
  it('retries a crash, then succeeds', async () => {
    let calls = 0;
    const { url } = await signed((req, res) =>
      ++calls === 1 ? modelRoute({ ...req, path: '/crash' }, res) : modelRoute(req, res),
    );
    const { clock } = recordingClock();
    const predictor = new Predictor<number[][], number[]>({ transport: transportFor(url), clock });
    await expect(predictor.predictWithMetadata([[1, 2, 3]])).resolves.toMatchObject({ output: [6], attempts: 2 });
  });
});

describe('LambdaUrlTransport options', () => {
  it('reads the service and region from AWS hostnames', () => {
    expect(signingScopeOf(new URL('https://abcdef123.lambda-url.eu-west-1.on.aws/'))).toEqual({
      service: 'lambda',
      region: 'eu-west-1',
    });
    expect(signingScopeOf(new URL('https://a1b2c3.execute-api.us-gov-west-1.amazonaws.com/prod/predict'))).toEqual({
      service: 'execute-api',
      region: 'us-gov-west-1',
    });
    const api = new LambdaUrlTransport({
      url: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com/predict',
      auth: 'iam',
      credentials,
    });
    expect(api.signer).toMatchObject({ service: 'execute-api', region: 'eu-west-1' });
    expect(api.description).toBe('API Gateway route https://a1b2c3.execute-api.eu-west-1.amazonaws.com/predict');
    expect(api.maxRequestBytes).toBe(LAMBDA_URL_MAX_BODY_BYTES);
  });

  it('refuses what it cannot sign or send', () => {
    expect(() => new LambdaUrlTransport({ url: 'not a url', auth: 'none' })).toThrow(InvalidArgumentError);
    expect(() => new LambdaUrlTransport({ url: 'ftp://x/', auth: 'none' })).toThrow(InvalidArgumentError);
    expect(() => new LambdaUrlTransport({ url: 'https://models.example.com/', auth: 'iam', credentials })).toThrow(
      /service: 'lambda' or 'execute-api'/,
    );
    expect(() => new LambdaUrlTransport({ url: 'https://x/', auth: 'maybe' as 'none' })).toThrow(InvalidArgumentError);
  });
});
