/**
 * Maps what the SageMaker Runtime client throws to modelship errors. A lean copy of the rules in
 * `src/aws/errors.ts`, kept here so that `modelship/predictor` imports nothing of the control plane; it reads
 * only the AWS SDK v3 `ServiceException` shape (`name`, `$fault`, `$metadata`) and Node's system error codes,
 * never `instanceof`.
 */
import {
  AbortedError,
  AccessDeniedError,
  type AwsErrorDetails,
  InvalidArgumentError,
  isModelshipError,
  ModelError,
  type ModelshipError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../../errors.js';

/** What the transport was doing when the call failed. */
export interface RuntimeCallContext {
  /** `SageMaker endpoint churn`. */
  readonly description: string;
  readonly endpointName: string;
  readonly operation: 'InvokeEndpoint' | 'InvokeEndpointWithResponseStream' | 'InvokeEndpointAsync';
}

interface SdkError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
  readonly OriginalStatusCode?: unknown;
  readonly OriginalMessage?: unknown;
  readonly LogStreamArn?: unknown;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const SERVER = new Set([
  'ServiceUnavailable',
  'InternalFailure',
  'InternalDependencyException',
  'InternalStreamFailure',
]);
const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);
/** Connection failures worth another try: the request may not have reached the model, or its answer was lost. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETRESET',
]);

/**
 * True when nothing listened at the endpoint's address (`ECONNREFUSED`). The predictor retries this once only:
 * a moment's blip on AWS recovers within one backoff, a wrong or stopped local endpoint never does.
 */
export function isConnectionRefused(error: unknown): boolean {
  return connectionCode(error) === 'ECONNREFUSED';
}

/** Turns anything the client threw into a modelship error; modelship errors pass through unchanged. */
export function toModelshipError(error: unknown, context: RuntimeCallContext): ModelshipError {
  if (isModelshipError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkError;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const aws: AwsErrorDetails | undefined =
    e.$metadata === undefined
      ? undefined
      : {
          name,
          ...(status === undefined ? {} : { httpStatusCode: status }),
          ...(typeof e.$metadata.requestId === 'string' ? { requestId: e.$metadata.requestId } : {}),
          service: 'SageMaker Runtime',
          operation: context.operation,
        };
  const options = { cause: error, ...(aws === undefined ? {} : { aws }) };
  const who = context.description;

  if (name === 'AbortError') return new AbortedError(`The call to ${who} was aborted.`, options);
  if (name === 'ModelError') {
    const originalStatusCode = typeof e.OriginalStatusCode === 'number' ? e.OriginalStatusCode : undefined;
    const originalMessage = typeof e.OriginalMessage === 'string' ? e.OriginalMessage : undefined;
    const logStreamArn = typeof e.LogStreamArn === 'string' ? e.LogStreamArn : undefined;
    const said = originalMessage === undefined ? message : originalMessage;
    return new ModelError(
      `The model behind ${who} failed${originalStatusCode === undefined ? '' : ` with status ${originalStatusCode}`}: ${truncate(said)}${logStreamArn === undefined ? '' : ` (its log: ${logStreamArn})`}. Not retried: fix the input or the model.`,
      {
        ...options,
        ...(originalStatusCode === undefined ? {} : { originalStatusCode }),
        ...(originalMessage === undefined ? {} : { originalMessage }),
        ...(logStreamArn === undefined ? {} : { logStreamArn }),
      },
    );
  }
  if (name === 'ModelNotReadyException') {
    return new ThrottledError(
      `${who} is not ready yet (a serverless endpoint still provisioning, or a multi-model endpoint still loading the model): ${message}`,
      options,
    );
  }
  if (THROTTLING.has(name) || status === 429) {
    return new ThrottledError(`${who} throttled the request (${name}): ${message}`, options);
  }
  if ((name === 'ValidationError' || name === 'ValidationException') && /not found/i.test(message)) {
    return new NotFoundError(`${who} does not exist in this account and region: ${message}`, {
      ...options,
      resource: { kind: 'SageMaker endpoint', name: context.endpointName },
    });
  }
  if (CREDENTIALS.has(name) || /^AccessDenied/.test(name) || status === 403) {
    return new AccessDeniedError(
      `Calling ${who} was refused (${name}): ${message} Check the credentials and that they allow sagemaker:InvokeEndpoint on this endpoint.`,
      { ...options, action: 'sagemaker:InvokeEndpoint' },
    );
  }
  if (/region is missing/i.test(message)) {
    return new InvalidArgumentError(
      'region',
      `No AWS region is set for ${who}. Pass { region: 'eu-west-1' } or set AWS_REGION.`,
      options,
    );
  }
  if (name === 'ValidationError' || name === 'ValidationException') {
    return new InvalidArgumentError('request', `${who} rejected the request: ${message}`, options);
  }
  if (SERVER.has(name) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new ServiceError(`${who} failed on the service side (${name}): ${message}`, options);
  }
  const code = connectionCode(error);
  if (code === 'ECONNREFUSED') {
    return new ServiceError(`Nothing accepted a connection for ${who} (ECONNREFUSED): ${message}`, options);
  }
  if (code === 'ENOTFOUND') {
    return new ServiceError(
      `The address of ${who} could not be resolved (ENOTFOUND): ${message} Check the region and endpoint.`,
      { ...options, retryable: false },
    );
  }
  if (code !== undefined || name === 'TimeoutError') {
    return new ServiceError(`The connection to ${who} failed (${code ?? name}): ${message}`, options);
  }
  if (e.$fault === 'client' || (status !== undefined && status >= 400)) {
    return new InvalidArgumentError('request', `${who} rejected the request (${name}): ${message}`, options);
  }
  return new ServiceError(`Calling ${who} failed (${name}): ${message}`, { ...options, retryable: false });
}

function connectionCode(error: unknown): string | undefined {
  // The handler throws Node's own error; some layers wrap it as `cause`.
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const { code, message } = e as SdkError;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code === 'ECONNREFUSED' || code === 'ENOTFOUND')) {
      return code;
    }
    if (typeof message === 'string' && /socket hang up/i.test(message)) return 'ECONNRESET';
    e = (e as SdkError).cause;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > 1024 ? `${text.slice(0, 1024)}…` : text;
}
