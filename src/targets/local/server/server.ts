/**
 * The Local server: one model behind Node's `http`, speaking the SageMaker serving-container contract
 * (`GET /ping`, `POST /invocations`) and the SageMaker Runtime API (`POST /endpoints/{name}/invocations` and
 * `…/invocations-response-stream`), so the real `@aws-sdk/client-sagemaker-runtime` client works against it.
 *
 * Limits follow SageMaker real-time endpoints: 6 MB request bodies (413), a 60 s per-request timeout (the
 * `ModelError` SageMaker gives a container that does not answer), and bounded concurrency (the rest wait in a
 * bounded queue, then `ThrottlingException`). `close()` stops taking requests, lets those in flight finish (for
 * a bounded time), then closes the runner once.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortedError, InvalidArgumentError } from '../../../errors.js';
import { type AsyncInvocations, createAsyncInvocations } from '../async/handler.js';
import type { LocalAsyncOptions } from '../async/options.js';
import type { ModelRunner } from '../runner.js';
import { bodyTooLarge, declaredLength, discardBody, MAX_REQUEST_BYTES } from './body.js';
import { Exchange } from './exchange.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { fail, type InvocationContext, invoke } from './invoke.js';
import { ConcurrencyLimiter } from './limiter.js';
import { type Route, route } from './routes.js';
import { baseHeaders, HEADERS, NAME_PATTERN, validationError, WireError, writeRuntimeError } from './wire.js';

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  /** The model to serve, or its loading: `/ping` answers 503 and invocations `ModelNotReadyException` until then. */
  readonly runner: ModelRunner | Promise<ModelRunner>;
  /** The endpoint name the SageMaker Runtime routes answer to. */
  readonly endpointName: string;
  /** @default 'AllTraffic' (the variant name SageMaker's own SDKs give a single-variant endpoint) */
  readonly variantName?: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default 60000, SageMaker's limit for a real-time endpoint's container */
  readonly requestTimeoutMs?: number;
  /** Invocations run at once. @default 256 */
  readonly maxConcurrency?: number;
  /** Invocations that may wait for a slot before the server throttles. @default 1024 */
  readonly maxQueue?: number;
  /** @default 6 MB (6 * 1024 * 1024 bytes), SageMaker's real-time limit */
  readonly maxRequestBytes?: number;
  /** How long `close()` lets invocations in flight finish before stopping them. @default 10000 */
  readonly closeTimeoutMs?: number;
  /** The account named in "endpoint not found" messages. @default '000000000000' */
  readonly accountId?: string;
  /** Whether `close()` closes the runner too. @default true */
  readonly closeRunner?: boolean;
  /** Planned failures, for tests only. */
  readonly faults?: FaultOptions;
  /** Serves InvokeEndpointAsync too: payloads read from, and results written to, S3 or a local folder. */
  readonly async?: LocalAsyncOptions;
}

/** A running Local server. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT`: the endpoint to give a SageMaker Runtime client. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly endpointName: string;
  readonly variantName: string;
  /** Invocations being handled or waiting for a slot. */
  readonly inFlight: number;
  /** Planned failures, for tests. */
  readonly faults: FaultInjector;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Stops taking requests, lets those in flight finish (bounded), closes the runner. Idempotent. */
  close(): Promise<void>;
}

// Longer than the keep-alive of AWS SDK clients, so a pooled socket is not closed under a request being sent.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** `http://<host>:<port>`, an IPv6 host in brackets: where a server on that address is called. */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts a server and resolves once it listens. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const server = new RunningServer(options);
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return server;
}

class RunningServer implements LocalServer, InvocationContext {
  readonly endpointName: string;
  readonly variantName: string;
  readonly accountId: string;
  readonly maxRequestBytes: number;
  readonly limiter: ConcurrencyLimiter;
  readonly faults: FaultInjector;
  readonly #http: Server;
  readonly #requestTimeoutMs: number;
  readonly #closeTimeoutMs: number;
  readonly #closeRunner: boolean;
  readonly #exchanges = new Set<Exchange>();
  readonly #runnerPromise: Promise<ModelRunner>;
  #runner: ModelRunner | undefined;
  #loadError: unknown;
  #closing: Promise<void> | undefined;
  #idle: (() => void) | undefined;
  #async: AsyncInvocations | undefined;
  #address: AddressInfo | undefined;

  constructor(options: LocalServerOptions) {
    this.endpointName = options.endpointName;
    this.variantName = options.variantName ?? 'AllTraffic';
    if (!NAME_PATTERN.test(this.endpointName) || !NAME_PATTERN.test(this.variantName)) {
      throw new InvalidArgumentError(
        'endpointName',
        'The endpoint and variant names must be SageMaker names: letters, digits and hyphens, starting with a letter or digit.',
      );
    }
    this.accountId = options.accountId ?? '000000000000';
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    this.limiter = new ConcurrencyLimiter(options.maxConcurrency ?? 256, options.maxQueue ?? 1024);
    this.faults = new FaultInjector(options.faults);
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.#closeRunner = options.closeRunner ?? true;
    this.#runnerPromise = Promise.resolve(options.runner);
    this.#runnerPromise.then(
      (runner) => {
        this.#runner = runner;
      },
      (error: unknown) => {
        this.#loadError = error;
      },
    );
    this.#async = options.async === undefined ? undefined : createAsyncInvocations(this, options.async);
    this.#http = createServer((req, res) => this.#onRequest(req, res));
    this.#http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    this.#http.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    // `Expect: 100-continue`: refuse an oversized body before the client sends it.
    this.#http.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      const length = declaredLength(req);
      if (length !== undefined && length > this.maxRequestBytes) {
        writeRuntimeError(res, bodyTooLarge(length, this.maxRequestBytes, true), randomUUID(), true);
        return;
      }
      res.writeContinue();
      this.#onRequest(req, res);
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen({ host, port }, () => {
        this.#http.off('error', reject);
        this.#address = this.#http.address() as AddressInfo;
        resolve();
      });
    });
  }

  get host(): string {
    return this.#address?.address ?? '';
  }

  get port(): number {
    return this.#address?.port ?? 0;
  }

  get url(): string {
    return serverUrl(this.host, this.port);
  }

  get inFlight(): number {
    return this.#exchanges.size;
  }

  get closing(): boolean {
    return this.#closing !== undefined;
  }

  get closed(): boolean {
    return this.closing;
  }

  runner(): ModelRunner {
    if (this.#runner) return this.#runner;
    if (this.#loadError !== undefined) {
      const reason = this.#loadError instanceof Error ? this.#loadError.message : String(this.#loadError);
      throw new WireError(500, 'InternalFailure', `The model failed to load, so it cannot be invoked: ${reason}`);
    }
    throw new WireError(429, 'ModelNotReadyException', 'The model is still loading. Wait and try your request again.');
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID();
    let target: Route;
    try {
      target = route(req.method, req.url);
    } catch (error) {
      this.#refuse(req, res, requestId, error as WireError);
      return;
    }
    if (target.kind === 'ping') {
      this.#ping(req, res, requestId);
      return;
    }
    if (this.closing) {
      this.#refuse(req, res, requestId, new WireError(503, 'ServiceUnavailable', 'The Local server is shutting down.'));
      return;
    }
    if (target.kind === 'runtime-invoke-async') {
      if (this.#async === undefined) {
        const message = `Endpoint ${target.endpointName} is not an asynchronous endpoint: start it with Local({ async: { outputS3Uri, store } }).`;
        this.#refuse(req, res, requestId, validationError(message));
        return;
      }
      void this.#async.handle(req, res, target.endpointName, requestId);
      return;
    }
    const ex = new Exchange(req, res, requestId, this.#requestTimeoutMs);
    this.#exchanges.add(ex);
    invoke(this, ex, target)
      .catch((error: unknown) => fail(this, ex, target.kind === 'runtime-invoke', error))
      .finally(() => {
        ex.finish();
        this.#exchanges.delete(ex);
        if (this.#exchanges.size === 0) this.#idle?.();
      });
  }

  #ping(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    const healthy = this.#runner !== undefined && !this.closing;
    res.writeHead(healthy ? 200 : 503, {
      ...baseHeaders(requestId, this.closing),
      'content-type': 'application/json',
      [HEADERS.servedEndpoint]: this.endpointName,
    });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: healthy ? 'Healthy' : 'Unhealthy' }));
  }

  #refuse(req: IncomingMessage, res: ServerResponse, requestId: string, error: WireError): void {
    const incomplete = !req.complete;
    const discarded = discardBody(req);
    writeRuntimeError(res, error, requestId, this.closing || incomplete, incomplete ? discarded : undefined);
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.#http.close(() => resolve()));
    this.#http.closeIdleConnections();
    if (this.#exchanges.size > 0) {
      const idle = new Promise<void>((resolve) => {
        this.#idle = resolve;
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#closeTimeoutMs);
      });
      await Promise.race([idle, late]);
      clearTimeout(timer);
      // Past the grace period: stop what is left; each answers ServiceUnavailable (or ends its stream) at once.
      for (const ex of this.#exchanges) ex.abort('closing', new AbortedError('The Local server is closing.'));
      if (this.#exchanges.size > 0) await Promise.race([idle, sleep(1_000)]);
    }
    this.#http.closeAllConnections();
    await stopped;
    await this.#async?.close();
    if (this.#closeRunner) {
      const runner = await this.#runnerPromise.catch(() => undefined);
      await runner?.close();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
