/**
 * One invocation, from request to answer: check the headers, refuse an oversized body from its length, wait for
 * a concurrency slot, read the body, apply a planned fault, run the model under the request's signal, and answer
 * in the dialect of the route (SageMaker Runtime or the serving container).
 */
import type { ModelRunner, RunnerRequest, RunnerResponse } from '../runner.js';
import { bodyTooLarge, declaredLength, discardBody, readBody } from './body.js';
import { EVENT_STREAM_CONTENT_TYPE, payloadPart, streamException } from './event-stream.js';
import { delay, type Exchange, raceSignal } from './exchange.js';
import type { FaultInjector } from './faults.js';
import type { ConcurrencyLimiter } from './limiter.js';
import { concreteType, type EndpointIdentity, readInvocationHeaders } from './request.js';
import type { Route } from './routes.js';
import {
  baseHeaders,
  HEADERS,
  isHeaderText,
  modelError,
  WireError,
  writeContainerError,
  writeRuntimeError,
} from './wire.js';

/** What an invocation needs of the server. */
export interface InvocationContext extends EndpointIdentity {
  readonly maxRequestBytes: number;
  readonly limiter: ConcurrencyLimiter;
  readonly faults: FaultInjector;
  /** True once the server is closing: answers then say `Connection: close`. */
  readonly closing: boolean;
  /** The loaded runner. @throws {@link WireError} while the model loads, or when it failed to load. */
  runner(): ModelRunner;
}

type InvokeRoute = Exclude<Route, { kind: 'ping' | 'runtime-invoke-async' }>;

/** Handles one invocation; never throws (failures become answers). */
export async function invoke(ctx: InvocationContext, ex: Exchange, route: InvokeRoute): Promise<void> {
  const { req, signal } = ex;
  try {
    const headers = readInvocationHeaders(req, route, ctx);
    const declared = declaredLength(req);
    if (declared !== undefined && declared > ctx.maxRequestBytes) {
      throw bodyTooLarge(declared, ctx.maxRequestBytes, true);
    }
    const release = await ctx.limiter.acquire(signal);
    try {
      const body = await raceSignal(readBody(req, ctx.maxRequestBytes), signal);
      const fault = ctx.faults.take();
      if (fault) {
        await delay(fault.delayMs, signal);
        if (fault.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (fault.kind === 'error') throw fault.error;
      }
      const runner = ctx.runner();
      const request: RunnerRequest = { body, ...headers, signal };
      if (route.kind === 'runtime-invoke' && route.stream) {
        await stream(ctx, ex, runner, request);
      } else {
        const response = await raceSignal(runner.invoke(request), signal);
        answer(ctx, ex, response, route.kind === 'runtime-invoke');
      }
    } finally {
      release();
    }
  } catch (error) {
    fail(ctx, ex, route.kind === 'runtime-invoke', error);
  }
}

function answer(ctx: InvocationContext, ex: Exchange, response: RunnerResponse, runtime: boolean): void {
  const headers = responseHeaders(ctx, ex, response, runtime);
  headers['content-type'] = response.contentType;
  headers['content-length'] = String(response.body.byteLength);
  ex.res.writeHead(200, headers);
  ex.res.end(response.body);
}

function responseHeaders(
  ctx: InvocationContext,
  ex: Exchange,
  response: Partial<Pick<RunnerResponse, 'contentType' | 'customAttributes'>>,
  runtime: boolean,
): Record<string, string> {
  const { contentType, customAttributes } = response;
  // Header values the model made: a bad one is the model's fault, reported as such rather than crashing the answer.
  if (contentType !== undefined && (contentType === '' || !isHeaderText(contentType))) {
    throw modelError(
      500,
      `The model answered with a content type that is not valid header text: ${JSON.stringify(contentType)}.`,
    );
  }
  if (customAttributes !== undefined && !isHeaderText(customAttributes)) {
    throw modelError(
      500,
      'The model answered with custom attributes that are not at most 1024 visible US-ASCII characters.',
    );
  }
  const headers = baseHeaders(ex.requestId, ctx.closing);
  if (runtime) headers[HEADERS.invokedVariant] = ctx.variantName;
  if (customAttributes !== undefined) headers[HEADERS.customAttributes] = customAttributes;
  return headers;
}

/** Optional members a runner's stream may carry, read once its first chunk is out (see `ModelRunner`). */
interface StreamMetadata {
  readonly contentType?: unknown;
  readonly customAttributes?: unknown;
}

async function stream(
  ctx: InvocationContext,
  ex: Exchange,
  runner: ModelRunner,
  request: RunnerRequest,
): Promise<void> {
  const { res, signal } = ex;
  let source: AsyncIterable<Uint8Array> & StreamMetadata;
  if (runner.invokeStream) {
    source = runner.invokeStream(request);
  } else {
    // A model that cannot stream answers in one part, as SageMaker streams a container's whole answer.
    const whole = await raceSignal(runner.invoke(request), signal);
    source = Object.assign(once(whole.body), {
      contentType: whole.contentType,
      customAttributes: whole.customAttributes,
    });
  }
  const iterator = source[Symbol.asyncIterator]();
  // The answer starts with the first chunk, so a model that fails before it gets an ordinary ModelError answer.
  let next = await raceSignal(iterator.next(), signal);
  const metadata = {
    contentType: typeof source.contentType === 'string' ? source.contentType : undefined,
    customAttributes: typeof source.customAttributes === 'string' ? source.customAttributes : undefined,
  };
  const headers = responseHeaders(ctx, ex, metadata, true);
  headers['content-type'] = EVENT_STREAM_CONTENT_TYPE;
  headers[HEADERS.streamContentType] =
    metadata.contentType ?? concreteType(request.accept) ?? 'application/octet-stream';
  res.writeHead(200, headers);
  try {
    while (!next.done) {
      if (!res.write(payloadPart(next.value))) await drained(ex);
      next = await raceSignal(iterator.next(), signal);
    }
  } catch (error) {
    // Stop the model's generator without waiting: a model that ignores its signal may never return.
    iterator.return?.().catch(() => {});
    if (ex.abortKind === 'client' || res.destroyed) return;
    res.write(midStreamFailure(ex, error));
  }
  res.end();
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function drained(ex: Exchange): Promise<void> {
  return raceSignal(
    new Promise<void>((resolve) => {
      const done = (): void => {
        ex.res.off('drain', done);
        ex.res.off('close', done);
        resolve();
      };
      ex.res.on('drain', done);
      ex.res.on('close', done);
    }),
    ex.signal,
  );
}

function midStreamFailure(ex: Exchange, error: unknown): Uint8Array {
  if (ex.abortKind === 'timeout') {
    return streamException('ModelStreamError', timeoutMessage(ex.timeoutMs), 'ModelInvocationTimeExceeded');
  }
  if (ex.abortKind === 'closing') {
    return streamException(
      'InternalStreamFailure',
      'The Local server is shutting down; the stream was stopped. Try again.',
    );
  }
  const wire = toWireError(ex, error);
  const message = wire.model ? wire.model.OriginalMessage : wire.message;
  return streamException('ModelStreamError', message, 'StreamBroken');
}

/** SageMaker's words when a container does not answer in time, with what to do locally. */
function timeoutMessage(timeoutMs: number): string {
  return (
    'Your invocation timed out while waiting for a response from container primary. ' +
    `The Local server waits ${timeoutMs} ms (requestTimeoutMs): make the model answer faster or raise requestTimeoutMs.`
  );
}

/** How a failure reads on the wire. */
export function toWireError(ex: Pick<Exchange, 'abortKind' | 'timeoutMs'>, error: unknown): WireError {
  if (ex.abortKind === 'timeout') return modelError(0, timeoutMessage(ex.timeoutMs));
  if (ex.abortKind === 'closing') {
    return new WireError(503, 'ServiceUnavailable', 'The Local server is shutting down; the invocation was stopped.');
  }
  if (error instanceof WireError) return error;
  // The model's own failures (modelship's ModelError, from any copy of the package) keep their status and message.
  const failure = error as {
    code?: unknown;
    originalStatusCode?: unknown;
    originalMessage?: unknown;
    logStreamArn?: unknown;
    message?: unknown;
  };
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  if (failure?.code === 'MODEL_ERROR') {
    return modelError(
      typeof failure.originalStatusCode === 'number' ? failure.originalStatusCode : 500,
      typeof failure.originalMessage === 'string' ? failure.originalMessage : message,
      typeof failure.logStreamArn === 'string' ? failure.logStreamArn : undefined,
    );
  }
  // Anything else a runner throws is the model crashing, as a container answering 500 would be.
  return modelError(500, message);
}

/** Answers a failed exchange, unless nobody is left to answer. */
export function fail(ctx: { readonly closing: boolean }, ex: Exchange, runtime: boolean, error: unknown): void {
  const { req, res } = ex;
  if (ex.abortKind === 'client' || res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const wire = toWireError(ex, error);
  // A body still arriving is read and dropped, and the connection is not reused.
  const incomplete = !req.complete;
  const discarded = req.readableEnded ? undefined : discardBody(req);
  const until = incomplete ? discarded : undefined;
  if (runtime) writeRuntimeError(res, wire, ex.requestId, ctx.closing || incomplete, until);
  else writeContainerError(res, wire, ex.requestId, ctx.closing || incomplete, until);
}
