/**
 * What the Local server puts on the wire: SageMaker Runtime's header names and its restJson1 error responses, in
 * the shapes `@aws-sdk/client-sagemaker-runtime` parses (it reads the error name from `X-Amzn-ErrorType` and the
 * members from the JSON body), so a caller handles local and cloud failures with the same code.
 */
import type { ServerResponse } from 'node:http';

/** Request and response headers of the SageMaker Runtime API, lower-cased as Node presents them. */
export const HEADERS = {
  customAttributes: 'x-amzn-sagemaker-custom-attributes',
  targetVariant: 'x-amzn-sagemaker-target-variant',
  targetModel: 'x-amzn-sagemaker-target-model',
  inferenceComponent: 'x-amzn-sagemaker-inference-component',
  /** `Accept` of InvokeEndpointWithResponseStream, whose HTTP `Accept` is the event stream's. */
  streamAccept: 'x-amzn-sagemaker-accept',
  /** `ContentType` of an InvokeEndpointWithResponseStream response. */
  streamContentType: 'x-amzn-sagemaker-content-type',
  invokedVariant: 'x-amzn-invoked-production-variant',
  /** On `/ping`: the endpoint the server serves, so a process that finds a server on a port knows whose it is. */
  servedEndpoint: 'x-modelship-endpoint',
  errorType: 'x-amzn-errortype',
  requestId: 'x-amzn-requestid',
} as const;

/** The error names the server answers with. All but the last two are modelled in SageMaker Runtime's API. */
export type WireErrorType =
  | 'ValidationError'
  | 'ModelError'
  | 'ModelNotReadyException'
  | 'ServiceUnavailable'
  | 'InternalFailure'
  | 'InternalDependencyException'
  // Common AWS errors every SDK knows: the retry strategies treat ThrottlingException as throttling.
  | 'ThrottlingException'
  | 'UnknownOperationException';

/** The members of a SageMaker Runtime `ModelError`, as the real service sends them. */
export interface ModelErrorMembers {
  readonly OriginalStatusCode: number;
  readonly OriginalMessage: string;
  readonly LogStreamArn?: string;
}

/**
 * An answer other than success. Thrown inside the server and written by {@link writeRuntimeError} (the SageMaker
 * Runtime API) or {@link writeContainerError} (the container contract, which answers with the model's own status).
 */
export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly type: WireErrorType,
    message: string,
    readonly model?: ModelErrorMembers,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

// SageMaker Runtime's own patterns (sagemaker-runtime.json): EndpointName and TargetVariantHeader.
export const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
export const NAME_MAX_LENGTH = 63;
// CustomAttributesHeader: at most 1024 characters; printable ASCII keeps it a valid HTTP header value.
export const CUSTOM_ATTRIBUTES_MAX_LENGTH = 1024;
const HEADER_TEXT = /^[\x20-\x7e]*$/;

/** True when `value` can be sent as an HTTP header value unchanged. */
export function isHeaderText(value: string, maxLength = 1024): boolean {
  return value.length <= maxLength && HEADER_TEXT.test(value);
}

/** A `ValidationError` (HTTP 400 unless said otherwise), as SageMaker answers a request it refuses. */
export function validationError(message: string, status = 400): WireError {
  return new WireError(status, 'ValidationError', message);
}

/** The message AWS services give when a member breaks its pattern. */
export function patternViolation(value: string, member: string, pattern: RegExp): WireError {
  const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return validationError(
    `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy regular expression pattern: ${pattern.source}`,
  );
}

/**
 * A `ModelError` (HTTP 424) as SageMaker words it: `Received server error (500) from primary with message "…"`.
 * `originalStatusCode` 0 means the model never answered (SageMaker's timeout).
 */
export function modelError(originalStatusCode: number, originalMessage: string, logStreamArn?: string): WireError {
  const side = originalStatusCode >= 400 && originalStatusCode < 500 ? 'client' : 'server';
  const message =
    `Received ${side} error (${originalStatusCode}) from primary with message "${originalMessage}". ` +
    'The model runs in this process: see its output for more information.';
  return new WireError(424, 'ModelError', message, {
    OriginalStatusCode: originalStatusCode,
    OriginalMessage: originalMessage,
    ...(logStreamArn === undefined ? {} : { LogStreamArn: logStreamArn }),
  });
}

/** The default type of an error status, for fault injection. */
export function errorForStatus(status: number, message: string): WireError {
  switch (status) {
    case 424:
      return modelError(500, message);
    case 429:
      return new WireError(status, 'ThrottlingException', message);
    case 503:
      return new WireError(status, 'ServiceUnavailable', message);
    case 530:
      return new WireError(status, 'InternalDependencyException', message);
    default:
      return status < 500 ? validationError(message, status) : new WireError(status, 'InternalFailure', message);
  }
}

/** Common response headers: the request id (the client reports it as `$metadata.requestId`) and `Connection`. */
export function baseHeaders(requestId: string, closing: boolean): Record<string, string> {
  return closing ? { [HEADERS.requestId]: requestId, connection: 'close' } : { [HEADERS.requestId]: requestId };
}

/**
 * Sends `body` at once but ends the response only when `until` settles: Node closes a `Connection: close` socket
 * when the response ends, and a client still uploading the refused body would then fail to write (EPIPE) instead
 * of reading the answer it already has.
 */
function endWhen(res: ServerResponse, body: Buffer, until: Promise<void> | undefined): void {
  if (until === undefined) {
    res.end(body);
    return;
  }
  res.write(body);
  void until.then(() => res.end());
}

/** Writes `error` as a SageMaker Runtime restJson1 error response (see `endWhen` for `until`). */
export function writeRuntimeError(
  res: ServerResponse,
  error: WireError,
  requestId: string,
  closing: boolean,
  until?: Promise<void>,
): void {
  const body = Buffer.from(JSON.stringify({ Message: error.message, ...error.model }), 'utf8');
  res.writeHead(error.status, {
    ...baseHeaders(requestId, closing),
    'content-type': 'application/json',
    'content-length': String(body.byteLength),
    [HEADERS.errorType]: error.type,
  });
  endWhen(res, body, until);
}

/**
 * Writes `error` as a serving container would: the model's own status and message for a model error, otherwise
 * the status with the message as plain text.
 */
export function writeContainerError(
  res: ServerResponse,
  error: WireError,
  requestId: string,
  closing: boolean,
  until?: Promise<void>,
): void {
  // A timed-out model never answered (status 0): a gateway would say 504.
  const status = error.model ? error.model.OriginalStatusCode || 504 : error.status;
  const text = error.model ? error.model.OriginalMessage : error.message;
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    ...baseHeaders(requestId, closing),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(body.byteLength),
  });
  endWhen(res, body, until);
}
