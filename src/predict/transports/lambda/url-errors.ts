/**
 * Maps a non-2xx answer from a Function URL or an API Gateway route to a modelship error. Who answered decides:
 * the modelship function (its runtime answers failures with `X-Amzn-ErrorType` set to one of its types and the
 * JSON details, `src/targets/lambda/runtime/serve.ts`) → `ModelError`; Lambda or API Gateway (IAM auth,
 * throttling, a crashed function: their types end in `Exception`, or they send none) → the service's errors.
 */
import {
  AccessDeniedError,
  ModelError,
  type ModelshipError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
} from '../../../errors.js';
import { isRuntimeFailure, toRuntimeFailureError } from './runtime-failure.js';
import type { SigningService } from './sigv4.js';

/** What the transport was calling. */
export interface UrlCallContext {
  /** `Lambda function URL https://….lambda-url.eu-west-1.on.aws/`. */
  readonly description: string;
  readonly url: string;
  /** The service behind the URL, when known: names the IAM action of an `AccessDeniedError`. */
  readonly service: SigningService | undefined;
  readonly requestBytes: number;
  readonly maxRequestBytes: number;
}

/** The parts of a response the mapping reads. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text (the start of it is enough). */
  readonly text: string;
}

// What API Gateway and Function URLs answer when the integration failed: their own bodies, not the function's.
const GATEWAY_BODY = /^\s*(\{\s*"message"\s*:\s*"[^"]*"\s*\}|Internal Server Error)\s*$/i;

/** Turns a non-2xx answer into a modelship error. */
export function toUrlError(answer: HttpAnswer, context: UrlCallContext): ModelshipError {
  const { status, headers } = answer;
  const said = messageOf(answer.text);
  const who = context.description;
  // Function URLs name their own errors in this header (AccessDeniedException, TooManyRequestsException, …);
  // the modelship runtime names its own there too.
  const errorType = headers.get('x-amzn-errortype')?.split(':')[0];
  const details = errorType === undefined ? undefined : parseJson(answer.text);
  if (isRuntimeFailure(details) && details.type === errorType) return toRuntimeFailureError(status, details, who);
  const named = errorType === undefined || errorType === '' ? '' : ` (${errorType})`;
  const options = { cause: { status, body: answer.text.slice(0, 4096) } };
  if (status === 401 || status === 403) {
    const action =
      context.service === 'execute-api'
        ? 'execute-api:Invoke'
        : context.service === 'lambda'
          ? 'lambda:InvokeFunctionUrl'
          : undefined;
    return new AccessDeniedError(
      `${who} refused the request with status ${status}${named}: ${said} ${action === undefined ? 'Check the credentials.' : `Check the credentials and that they allow ${action} on it (auth 'iam' signs requests; 'none' does not).`}`,
      { ...options, ...(action === undefined ? {} : { action }) },
    );
  }
  if (status === 429) return new ThrottledError(`${who} throttled the request${named}: ${said}`, options);
  if (status === 413) {
    return new PayloadTooLargeError(
      `${who} refused a request body of ${context.requestBytes} bytes as too large${named}: ${said}`,
      context.requestBytes,
      context.maxRequestBytes,
      options,
    );
  }
  if (status === 404 && !GATEWAY_BODY.test(answer.text) && errorType === undefined) {
    // A 404 of the function's own: a non-modelship handler saying it knows no such thing.
    return modelAnswer(answer, who, said);
  }
  if (status === 404) {
    return new NotFoundError(`${who} has no function or route at ${context.url}${named}: ${said}`, {
      ...options,
      resource: {
        kind: context.service === 'execute-api' ? 'API Gateway route' : 'Lambda function URL',
        name: context.url,
      },
    });
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ServiceError(
      `${who} failed with status ${status}${named}: ${said} (Lambda or API Gateway: the function crashed, timed out, or answered in a form they could not read; its log says which).`,
      options,
    );
  }
  if (status === 500 && (errorType !== undefined || GATEWAY_BODY.test(answer.text))) {
    return new ServiceError(`${who} failed on the service side with status 500${named}: ${said}`, options);
  }
  return modelAnswer(answer, who, said);
}

/** Any other status came from the function's own handler, without the modelship marker. */
function modelAnswer(answer: HttpAnswer, who: string, said: string): ModelError {
  return new ModelError(
    `The function behind ${who} answered with status ${answer.status}: ${said}. Not retried: fix the input or the model.`,
    { originalStatusCode: answer.status, originalMessage: answer.text.slice(0, 4096) },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message of a JSON error body (`message`, `Message`, `errorMessage`), else the text itself, shortened. */
function messageOf(text: string): string {
  const value = parseJson(text) as Record<string, unknown> | null | undefined;
  for (const key of ['errorMessage', 'message', 'Message']) {
    if (typeof value?.[key] === 'string') return truncate(value[key] as string);
  }
  return truncate(text.trim() === '' ? '(empty body)' : text.trim());
}

function truncate(text: string): string {
  return text.length > 1024 ? `${text.slice(0, 1024)}…` : text;
}
