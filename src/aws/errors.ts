/**
 * Turns what the AWS SDK throws into modelship errors, so callers branch on a stable `code` and read a message
 * that names the service, the operation, the resource and what to do. Classification looks at the error's
 * `name`, `$fault`, `$metadata.httpStatusCode` and `$retryable` (the AWS SDK v3 `ServiceException` shape) and
 * never relies on `instanceof`, so it works with any copy of any client package.
 *
 * Families, checked in this order:
 * - `AbortError` (an `AbortSignal` fired) → {@link AbortedError}
 * - SageMaker Runtime `ModelError` → {@link ModelError}
 * - credentials missing, invalid or expired; `AccessDenied*`, `UnauthorizedOperation`, HTTP 403 and any message
 *   `… is not authorized to perform: <action>` → {@link AccessDeniedError} (with `action`)
 * - throttling names, HTTP 429, `$retryable.throttling` → {@link ThrottledError} (retryable)
 * - quotas (`ResourceLimitExceeded`, `ServiceQuotaExceededException`, `LimitExceededException` other than a
 *   429, `TooManyBuckets`) → {@link InvalidArgumentError} with argument `request`: a limit reached is neither a
 *   conflict nor transient, the caller must change the request (fewer or other instances) or raise the quota
 * - `ResourceNotFound`, `NoSuch…`, `…NotFound…`, HTTP 404, SageMaker's `Could not find …` validation errors →
 *   {@link NotFoundError} (with the resource)
 * - `ConflictException`, `ResourceInUse`, `…AlreadyExists…`, `PreconditionFailed`, HTTP 409 and 412, SageMaker's
 *   `Cannot create already existing …` / `Cannot update in-progress …` → {@link ConflictError} (retryable when the
 *   conflict is a change still in progress)
 * - `ValidationException`, `ValidationError`, `Invalid…`, `Malformed…`, `Missing…`, HTTP 400 →
 *   {@link InvalidArgumentError} with argument `request`
 * - 5xx, `$fault: 'server'`, `ServiceUnavailable`, `InternalFailure`, the SDK's `TimeoutError` and connection
 *   failures (`ECONNRESET`, `ETIMEDOUT`, `socket hang up`, …) → {@link ServiceError} (retryable)
 */
import {
  AbortedError,
  AccessDeniedError,
  type AwsErrorDetails,
  ConflictError,
  InvalidArgumentError,
  isModelshipError,
  ModelError,
  type ModelshipError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../errors.js';
import { iamActionFor } from './iam-actions.js';

/** What modelship was doing when an AWS call failed; it goes into the error's message and `aws` details. */
export interface AwsCallContext {
  /** The SDK service id, e.g. `SageMaker`, `S3`, `SageMaker Runtime`. */
  readonly service?: string;
  /** The operation, e.g. `CreateEndpoint`. */
  readonly operation?: string;
  /** The resource the call was about; becomes `NotFoundError.resource`. */
  readonly resource?: { readonly kind: string; readonly name: string };
}

// The fields of an AWS SDK v3 ServiceException (and of Node's system errors) that classification reads.
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
  readonly $retryable?: { readonly throttling?: unknown };
  readonly OriginalStatusCode?: unknown;
  readonly OriginalMessage?: unknown;
  readonly LogStreamArn?: unknown;
}

// The AWS SDK's own throttling list (LimitExceededException handled apart: mostly a quota, not a rate).
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
  'InvalidAccessKeyId',
  'InvalidToken',
  'TokenRefreshRequired',
  'RequestTimeTooSkewed',
  'RequestInTheFuture',
]);
const ACCESS_DENIED = /AccessDenied|^Unauthorized|^NotAuthorized|^AuthorizationError|^Forbidden|^OptInRequired/;
const QUOTA = /LimitExceeded|QuotaExceeded|LimitReached|^TooManyBuckets$/;
const NOT_FOUND = /^NoSuch|NotFound/;
const CONFLICT =
  /Conflict|AlreadyExists|AlreadyOwnedByYou|InUse|PreconditionFailed|ConcurrentModification|ConcurrentUpdate|IdempotencyParameterMismatch|OperationAborted|NotReady|TemporarilyUnmodifiable/;
const TRANSIENT_CONFLICT = /InUse|ConcurrentModification|ConcurrentUpdate|OperationAborted|NotReady|Unmodifiable/;
const VALIDATION = /^Validation|^Invalid|^Malformed|^Missing|^Serialization|BadRequest|^UnsupportedMediaType|TooLarge/;
const SERVER = /^Internal|ServiceUnavailable|ServiceFailure|^ServiceException$|Unexpected|^RequestTimeout/;
const WRONG_REGION = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
]);
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SageMaker answers a missing or duplicate resource with a ValidationException; its message tells which.
const NOT_FOUND_MESSAGE = /^Could not find\b|\bnot found\b|\bdoes not exist\b/i;
const CONFLICT_MESSAGE = /already exist|\bin-progress\b|\bis in progress\b/i;
const NOT_AUTHORIZED = /not authorized to perform:?\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)/;
const ON_RESOURCE = /on resource:?\s*"?(arn:[^\s"]+?)[".,]?(?:\s|$)/;

/**
 * The modelship error for anything an AWS call threw. Modelship errors pass through unchanged; the original error
 * is kept as `cause` and, for AWS answers, its name, HTTP status and request id as `aws`.
 *
 * @example
 * ```ts
 * try {
 *   await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
 * } catch (error) {
 *   throw toModelshipError(error, {
 *     service: 'SageMaker', operation: 'DescribeEndpoint', resource: { kind: 'SageMaker endpoint', name: 'churn' },
 *   });
 * }
 * ```
 */
export function toModelshipError(error: unknown, context: AwsCallContext = {}): ModelshipError {
  if (isModelshipError(error)) return error;
  const e: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const code = connectionCode(e);
  const awsShaped = e.$metadata !== undefined || e.$fault !== undefined;
  const aws = awsShaped || code !== undefined ? details(e, code ?? name, context) : undefined;
  const subject = describeCall(context);
  // The AWS message, then what AWS called the error; the sentence around it adds its own full stop.
  const said = `${message.replace(/\.\s*$/, '')}${suffix(aws)}`;
  const base = { cause: error, ...(aws === undefined ? {} : { aws }) };

  if (name === 'AbortError' || (isDomException(error) && name === 'TimeoutError')) {
    return new AbortedError(`${subject} was aborted through its AbortSignal.`, { cause: error });
  }
  if (message === 'Region is missing') {
    return new InvalidArgumentError(
      'region',
      `${subject} needs an AWS region and none is configured. Pass { region: "eu-west-1" } to modelship, set ` +
        'AWS_REGION, or set region in your AWS profile.',
      base,
    );
  }
  if (name === 'ModelError' || name === 'ModelStreamError') return modelError(e, subject, said, base);
  if (CREDENTIALS.has(name)) {
    const clock = /Skewed|InTheFuture|RequestExpired/.test(name) ? " Check this machine's clock too." : '';
    return new AccessDeniedError(
      `${subject} failed: the AWS credentials are missing, invalid or expired: ${said}. Refresh them (for example ` +
        `\`aws sso login\`, or new session credentials) or pass { credentials } or { profile } to modelship.${clock}`,
      base,
    );
  }
  if (ACCESS_DENIED.test(name) || status === 403 || NOT_AUTHORIZED.test(message)) {
    return accessDenied(message, subject, said, context, base);
  }
  if (name === 'ModelNotReadyException') {
    return new ServiceError(`${subject} failed: the model is not ready yet: ${said}. Try again shortly.`, base);
  }
  if (
    THROTTLING.has(name) ||
    status === 429 ||
    e.$retryable?.throttling === true ||
    (name === 'LimitExceededException' && status === 429)
  ) {
    return new ThrottledError(
      `${subject} was throttled by AWS: ${said}. The AWS SDK has already retried; wait and try again, make fewer ` +
        'calls at once, or raise the rate quota in Service Quotas.',
      base,
    );
  }
  if (QUOTA.test(name)) {
    return new InvalidArgumentError(
      'request',
      `${subject} failed: an AWS account quota was reached: ${said}. Delete resources you no longer use, choose ` +
        'a different instance type or count, or request a higher quota in Service Quotas ' +
        '(https://console.aws.amazon.com/servicequotas/).',
      base,
    );
  }
  const validation = VALIDATION.test(name);
  if (NOT_FOUND.test(name) || status === 404 || (validation && NOT_FOUND_MESSAGE.test(message))) {
    const resource = context.resource;
    return new NotFoundError(
      `${subject} failed: ${resource === undefined ? 'the resource does not exist' : 'it does not exist'}: ${said}. ` +
        'Check the name and the region: it may not have been created yet, or was deleted.',
      { ...base, ...(resource === undefined ? {} : { resource: { kind: resource.kind, name: resource.name } }) },
    );
  }
  if (CONFLICT.test(name) || status === 409 || status === 412 || (validation && CONFLICT_MESSAGE.test(message))) {
    const transient = TRANSIENT_CONFLICT.test(name) || /in-progress|in progress/i.test(message);
    return new ConflictError(
      transient
        ? `${subject} failed: another change to the resource is still in progress: ${said}. Wait for it to ` +
            'finish, then try again.'
        : `${subject} failed: it conflicts with the resource as it is now: ${said}. The resource may already ` +
            'exist with other settings or have changed since it was read: read it again, or use a new name.',
      { ...base, retryable: transient },
    );
  }
  if (WRONG_REGION.has(name) || status === 301) {
    return new InvalidArgumentError(
      'region',
      `${subject} went to the wrong region: ${said}. Use the region the resource is in.`,
      base,
    );
  }
  if (validation || status === 400 || status === 413) {
    return new InvalidArgumentError(
      'request',
      `${subject} was rejected as invalid: ${said}. Fix the value the message names.`,
      base,
    );
  }
  if (SERVER.test(name) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new ServiceError(
      `${subject} failed on the AWS side: ${said}. Trying again usually works; if it keeps failing, check ` +
        'https://health.aws.amazon.com/ and give the request id to AWS Support.',
      base,
    );
  }
  if (code !== undefined) {
    return new ServiceError(
      `${subject} could not reach AWS: ${said}. Check the network, any proxy and endpoint overrides; trying ` +
        'again may work.',
      base,
    );
  }
  if (e.$fault === 'client' || (status !== undefined && status >= 400)) {
    return new InvalidArgumentError('request', `${subject} was rejected: ${said}. Change the request.`, base);
  }
  return new ServiceError(`${subject} failed: ${said}.`, { ...base, retryable: e.$retryable !== undefined });
}

/**
 * Whether trying the failed call again unchanged may succeed: throttling, AWS-side failures, broken
 * connections, and conflicts with a change still in progress.
 *
 * @example
 * ```ts
 * try {
 *   await deployment.destroy();
 * } catch (error) {
 *   if (isRetryable(error)) await deployment.destroy(); // throttled or AWS-side: once more
 *   else throw error;
 * }
 * ```
 */
export function isRetryable(error: unknown): boolean {
  return toModelshipError(error).retryable;
}

function accessDenied(
  message: string,
  subject: string,
  said: string,
  context: AwsCallContext,
  base: { cause: unknown; aws?: AwsErrorDetails },
): AccessDeniedError {
  const action = NOT_AUTHORIZED.exec(message)?.[1] ?? iamActionFor(context.service, context.operation);
  const resource = ON_RESOURCE.exec(message)?.[1];
  const onResource = resource === undefined ? '' : ` on ${resource}`;
  const advice = /explicit deny/i.test(message)
    ? `An explicit deny (in a service control policy, permissions boundary, session or resource policy) blocks ` +
      `${action ?? 'it'}: granting more will not help; ask your AWS administrator to lift the deny.`
    : action === undefined
      ? 'Grant the missing permission to the IAM role or user modelship runs as.'
      : `Grant "${action}"${onResource} to the IAM role or user modelship runs as.`;
  return new AccessDeniedError(`${subject} was denied: ${said}. ${advice}`, {
    ...base,
    ...(action === undefined ? {} : { action }),
  });
}

function modelError(
  e: SdkErrorShape,
  subject: string,
  said: string,
  base: { cause: unknown; aws?: AwsErrorDetails },
): ModelError {
  const originalStatusCode = typeof e.OriginalStatusCode === 'number' ? e.OriginalStatusCode : undefined;
  const originalMessage = typeof e.OriginalMessage === 'string' ? e.OriginalMessage : undefined;
  const logStreamArn = typeof e.LogStreamArn === 'string' ? e.LogStreamArn : undefined;
  return new ModelError(
    `${subject} failed in the model's own code: ${said}.` +
      (logStreamArn === undefined ? '' : ` Read the model's log in CloudWatch: ${logStreamArn}.`),
    {
      ...base,
      ...(originalStatusCode === undefined ? {} : { originalStatusCode }),
      ...(originalMessage === undefined ? {} : { originalMessage }),
      ...(logStreamArn === undefined ? {} : { logStreamArn }),
    },
  );
}

function describeCall(context: AwsCallContext): string {
  const call = [context.service, context.operation].filter((part) => part !== undefined && part !== '').join(' ');
  const subject = call === '' ? 'The AWS call' : call;
  return context.resource === undefined ? subject : `${subject} (${context.resource.kind} "${context.resource.name}")`;
}

function details(e: SdkErrorShape, name: string, context: AwsCallContext): AwsErrorDetails {
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  return {
    name,
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
    ...(context.service === undefined ? {} : { service: context.service }),
    ...(context.operation === undefined ? {} : { operation: context.operation }),
  };
}

function suffix(aws: AwsErrorDetails | undefined): string {
  if (aws === undefined) return '';
  const parts = [aws.name];
  if (aws.httpStatusCode !== undefined) parts.push(`HTTP ${aws.httpStatusCode}`);
  if (aws.requestId !== undefined) parts.push(`request id ${aws.requestId}`);
  return ` [${parts.join(', ')}]`;
}

// Node system errors carry `code`; the SDK sometimes wraps them, so look one level into `cause` too. The HTTP
// handler's own timeouts are Errors named `TimeoutError` (a DOMException of that name is an AbortSignal's).
function connectionCode(e: SdkErrorShape): string | undefined {
  if (e.name === 'TimeoutError' && !isDomException(e)) return 'TimeoutError';
  for (const candidate of [e, e.cause as SdkErrorShape | undefined]) {
    const code = candidate?.code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    if (typeof candidate?.message === 'string' && /socket hang up/i.test(candidate.message)) return 'ECONNRESET';
  }
  return undefined;
}

function isDomException(value: unknown): boolean {
  return typeof DOMException !== 'undefined' && value instanceof DOMException;
}
