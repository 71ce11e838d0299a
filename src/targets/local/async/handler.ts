/**
 * `InvokeEndpointAsync` on the Local server (`POST /endpoints/{EndpointName}/async-invocations`): the request is
 * checked, queued in process and answered at once with 202 and where its output and failure will be; the
 * inference then runs through the server's model runner, a bounded number at a time, writing its result to the
 * store (the S3 API or a folder). A full queue answers `ThrottlingException`, as the synchronous route does.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { S3Location } from '../../../model/artifact/s3-location.js';
import { parseS3Prefix } from '../../../predict/async/s3-uri.js';
import type { ModelRunner } from '../runner.js';
import { discardBody } from '../server/body.js';
import { ConcurrencyLimiter } from '../server/limiter.js';
import type { EndpointIdentity } from '../server/request.js';
import { baseHeaders, WireError, writeRuntimeError } from '../server/wire.js';
import { type AsyncJob, runJob } from './job.js';
import { checkLocalAsyncOptions, type LocalAsyncOptions } from './options.js';
import { ASYNC_HEADERS, readAsyncRequest } from './request.js';
import { openStore } from './store.js';

/** The request path of `InvokeEndpointAsync` (sagemaker-runtime.json); group 1 is the endpoint name, encoded. */
export const ASYNC_INVOCATIONS_PATH = /^\/endpoints\/([^/]*)\/async-invocations$/;

/** What the async route needs of the server: the endpoint it plays, its model, whether it is closing. */
export interface AsyncServerContext extends EndpointIdentity {
  readonly closing: boolean;
  /** The loaded runner. @throws WireError while the model loads, or when it failed to load. */
  runner(): ModelRunner;
}

/** The async route of one Local server. */
export interface AsyncInvocations {
  /** Answers one `InvokeEndpointAsync` request (the route has checked the path); never throws. */
  handle(req: IncomingMessage, res: ServerResponse, endpointName: string, requestId: string): Promise<void>;
  /** Inferences queued or running. */
  readonly pending: number;
  /** Resolves once nothing is queued or running (for tests and examples). */
  idle(): Promise<void>;
  /** Stops taking requests, lets running inferences finish (bounded by `closeTimeoutMs`), then stops the rest. */
  close(): Promise<void>;
}

/** Options of {@link createAsyncInvocations} besides the user's. */
export interface AsyncInvocationsHooks {
  /** Told of failures no failure object records. @default a process warning */
  readonly onError?: (error: unknown, job: AsyncJob) => void;
}

/**
 * The async route for a server.
 * @throws {@link InvalidArgumentError} for options that are not allowed (see {@link LocalAsyncOptions}).
 */
export function createAsyncInvocations(
  server: AsyncServerContext,
  options: LocalAsyncOptions,
  hooks: AsyncInvocationsHooks = {},
): AsyncInvocations {
  const settings = checkLocalAsyncOptions(options);
  const output = parseS3Prefix(settings.outputS3Uri, 'async.outputS3Uri');
  const failure =
    settings.failureS3Uri === undefined ? undefined : parseS3Prefix(settings.failureS3Uri, 'async.failureS3Uri');
  const store = openStore(settings.store);
  const limiter = new ConcurrencyLimiter(settings.maxConcurrency, settings.maxQueue);
  const stop = new AbortController();
  const jobs = new Set<Promise<void>>();
  const onError =
    hooks.onError ??
    ((error: unknown) => process.emitWarning(error instanceof Error ? error : new Error(String(error))));
  let closing: Promise<void> | undefined;

  const accept = (req: IncomingMessage, endpointName: string): AsyncJob => {
    if (closing !== undefined || server.closing)
      throw new WireError(503, 'ServiceUnavailable', 'The Local server is shutting down.');
    const request = readAsyncRequest(req, endpointName, server);
    if (limiter.running >= limiter.maxConcurrency && limiter.queued >= limiter.maxQueue) {
      throw new WireError(
        429,
        'ThrottlingException',
        `Rate exceeded: ${limiter.maxConcurrency} async inferences are running and ${limiter.maxQueue} are queued. Retry with backoff, or raise async.maxQueue.`,
      );
    }
    // Objects are named by a fresh id, not the caller's inference id, which may hold `/` and need not be unique.
    const name = randomUUID();
    return {
      inferenceId: request.inferenceId ?? name,
      request,
      output: { bucket: output.bucket, key: `${output.prefix}${name}.out` },
      failure: failure && { bucket: failure.bucket, key: `${failure.prefix}${name}-error.out` },
      acceptedAt: Date.now(),
    };
  };

  const context = { store, runner: () => server.runner(), stop: stop.signal, onError };
  const start = (job: AsyncJob): void => {
    const run = limiter
      .acquire(stop.signal)
      .then(async (release) => {
        try {
          await runJob(job, context);
        } finally {
          release();
        }
      })
      // Refused a slot (the server stopped while it was queued): running it now only records why it never ran,
      // where its caller looks.
      .catch(() => runJob(job, context))
      .finally(() => jobs.delete(run));
    jobs.add(run);
  };

  return {
    async handle(req, res, endpointName, requestId) {
      try {
        const job = accept(req, endpointName);
        // The operation has no body; whatever came is read and dropped so the connection can be reused.
        if (!req.readableEnded) await discardBody(req);
        start(job);
        const body = Buffer.from(JSON.stringify({ InferenceId: job.inferenceId }), 'utf8');
        res.writeHead(202, {
          ...baseHeaders(requestId, server.closing),
          'content-type': 'application/json',
          'content-length': String(body.byteLength),
          [ASYNC_HEADERS.outputLocation]: uriOf(job.output),
          ...(job.failure === undefined ? {} : { [ASYNC_HEADERS.failureLocation]: uriOf(job.failure) }),
        });
        res.end(body);
      } catch (error) {
        if (res.headersSent || res.destroyed) return;
        const wire =
          error instanceof WireError
            ? error
            : new WireError(500, 'InternalFailure', error instanceof Error ? error.message : String(error));
        writeRuntimeError(res, wire, requestId, server.closing || !req.complete);
      }
    },
    get pending() {
      return jobs.size;
    },
    async idle() {
      while (jobs.size > 0) await Promise.allSettled([...jobs]);
    },
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, settings.closeTimeoutMs);
        });
        await Promise.race([Promise.allSettled([...jobs]), late]);
        clearTimeout(timer);
        stop.abort(new Error('The Local server is closing.'));
        await Promise.allSettled([...jobs]);
        store.close();
      })();
      return closing;
    },
  };
}

function uriOf(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}
