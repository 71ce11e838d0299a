/**
 * The function's request handling, apart from where the model comes from (so it can be tested with any runner):
 * read the event (an `Invoke` envelope or an HTTP event), hand the bytes and headers to the Local runner exactly as
 * the Local server does, and answer in the event's own shape.
 */

import type { ModelRunner, RunnerRequest, RunnerResponse } from '../../local/runner.js';
import { raceSignal } from '../../local/server/exchange.js';
import { CUSTOM_ATTRIBUTES_MAX_LENGTH, HEADERS, isHeaderText } from '../../local/server/wire.js';
import { type Failure, invalidRequest, modelFailure, notReady, timedOut } from './failure.js';
import { eventHeader, type HttpRequestEvent, type HttpResult, httpResult, isHttpEvent } from './http-event.js';
import {
  decodeBody,
  decodeInvokeRequest,
  encodeInvokeError,
  encodeInvokeSuccess,
  type InvokeResponseEnvelope,
  isInvokeRequest,
} from './protocol.js';

/** The model, as the function's start left it. */
export type LoadedModel =
  | { readonly ok: true; readonly runner: ModelRunner }
  | { readonly ok: false; readonly error: unknown };

/** The part of Lambda's context object the handler uses. */
export interface LambdaContext {
  getRemainingTimeInMillis?(): number;
}

/** What the function answers: an envelope for `Invoke`, an HTTP result for HTTP events. */
export type FunctionResult = InvokeResponseEnvelope | HttpResult;

/** The function's handler. */
export type FunctionHandler = (event: unknown, context?: LambdaContext) => Promise<FunctionResult>;

// The same defaults as the Local server, which has them from what the AWS SDK sends.
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const ANY = '*/*';
// Kept back from the function's remaining time to encode and return the answer before Lambda stops the function.
const ANSWER_MARGIN_MS = 250;
const encoder = new TextEncoder();

/** A request, read from either kind of event; `signal` is added when it runs. */
type Request = Omit<RunnerRequest, 'signal'>;

/** Returns the handler that serves `model`. It never throws: failures become answers in the event's shape. */
export function createFunctionHandler(model: LoadedModel): FunctionHandler {
  return async (event, context) => {
    if (isHttpEvent(event)) return serveHttp(model, event, context);
    if (!isInvokeRequest(event)) {
      return invokeFailure(
        invalidRequest(
          'The function answers modelship Invoke envelopes ({"body": …, "contentType": …, "accept": …}) and ' +
            'Function URL or API Gateway HTTP API (payload format 2.0) events; this event is neither.',
        ),
      );
    }
    let request: Request;
    try {
      const decoded = decodeInvokeRequest(event);
      request = { ...decoded, accept: decoded.accept || ANY };
    } catch (error) {
      return invokeFailure(invalidRequest((error as Error).message));
    }
    const outcome = await run(model, request, context);
    return 'statusCode' in outcome ? invokeFailure(outcome) : encodeInvokeSuccess(outcome);
  };
}

async function serveHttp(model: LoadedModel, event: HttpRequestEvent, context?: LambdaContext): Promise<HttpResult> {
  const method = event.requestContext.http.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') {
    // A health check, as the Local server's /ping: it tells a deployment whether the model loaded.
    if (!model.ok) return httpFailure(notReady(model.error));
    return httpResult(200, encoder.encode(JSON.stringify({ status: 'Healthy' })), 'application/json');
  }
  if (method !== 'POST') {
    const failure = invalidRequest(`The function answers POST (a prediction) and GET (a health check), not ${method}.`);
    return httpFailure({ ...failure, statusCode: 405 }, { allow: 'GET, HEAD, POST' });
  }
  const customAttributes = eventHeader(event, HEADERS.customAttributes);
  const request: Request = {
    body: decodeBody(event.body, event.isBase64Encoded),
    contentType: eventHeader(event, 'content-type') || DEFAULT_CONTENT_TYPE,
    accept: eventHeader(event, 'accept') || ANY,
    ...(customAttributes === undefined ? {} : { customAttributes }),
  };
  const outcome = await run(model, request, context);
  if ('statusCode' in outcome) return httpFailure(outcome);
  const headers: Record<string, string> = {};
  if (outcome.customAttributes !== undefined) headers[HEADERS.customAttributes] = outcome.customAttributes;
  return httpResult(200, outcome.body, outcome.contentType, headers);
}

/** Runs the model on one request, within what is left of the function's timeout. */
async function run(model: LoadedModel, request: Request, context?: LambdaContext): Promise<RunnerResponse | Failure> {
  if (!model.ok) return notReady(model.error);
  const { customAttributes } = request;
  if (customAttributes !== undefined && !isHeaderText(customAttributes, CUSTOM_ATTRIBUTES_MAX_LENGTH)) {
    return invalidRequest(
      `Custom attributes must be at most ${CUSTOM_ATTRIBUTES_MAX_LENGTH} visible US-ASCII characters ` +
        `(got ${customAttributes.length} characters).`,
    );
  }
  const remaining = context?.getRemainingTimeInMillis?.();
  const budgetMs = remaining === undefined ? undefined : Math.max(0, remaining - ANSWER_MARGIN_MS);
  const controller = new AbortController();
  const timer = budgetMs === undefined ? undefined : setTimeout(() => controller.abort(), budgetMs);
  try {
    const response = await raceSignal(
      model.runner.invoke({ ...request, signal: controller.signal }),
      controller.signal,
    );
    return checkResponse(response);
  } catch (error) {
    if (controller.signal.aborted && budgetMs !== undefined) {
      // Answered (504), not thrown, so Lambda's Errors metric never sees it: the log line is what an alarm can count.
      console.error(`modelship: the model timed out after ${budgetMs} ms`);
      return timedOut(budgetMs);
    }
    const failure = modelFailure(error);
    // The model's crashes go to the function's log with their stack; refused inputs are the caller's business.
    if (failure.statusCode >= 500) console.error('modelship: the model failed:', error);
    return failure;
  } finally {
    clearTimeout(timer);
  }
}

/** The header values the model made: a bad one is the model's fault, as the Local server reports it. */
function checkResponse(response: RunnerResponse): RunnerResponse | Failure {
  const { contentType, customAttributes } = response;
  if (contentType === '' || !isHeaderText(contentType)) {
    return modelFailure(
      new Error(
        `The model answered with a content type that is not valid header text: ${JSON.stringify(contentType)}.`,
      ),
    );
  }
  if (customAttributes !== undefined && !isHeaderText(customAttributes, CUSTOM_ATTRIBUTES_MAX_LENGTH)) {
    return modelFailure(
      new Error('The model answered with custom attributes that are not at most 1024 visible US-ASCII characters.'),
    );
  }
  return response;
}

function invokeFailure(failure: Failure): InvokeResponseEnvelope {
  return encodeInvokeError(failure.statusCode, failure.details);
}

/** An HTTP error answer: the status, `X-Amzn-ErrorType`, and the same JSON details an `Invoke` error carries. */
function httpFailure(failure: Failure, headers: Readonly<Record<string, string>> = {}): HttpResult {
  return httpResult(failure.statusCode, encoder.encode(JSON.stringify(failure.details)), 'application/json', {
    [HEADERS.errorType]: failure.details.type,
    ...headers,
  });
}
