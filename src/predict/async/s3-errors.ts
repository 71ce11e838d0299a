/**
 * Maps what the S3 client throws while moving async payloads to modelship errors. A missing object is the one
 * case polling expects, so it is told apart first ({@link isMissing}); access and bucket mistakes get messages
 * that name the S3 action; everything else (throttling, 5xx, broken connections) is classified by the runtime
 * transport's own rules, so retrying behaves the same for both services.
 */
import {
  AbortedError,
  AccessDeniedError,
  isModelshipError,
  type ModelshipError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../../errors.js';
import { type RuntimeCallContext, toModelshipError } from '../transports/sagemaker-runtime-errors.js';

/** What the S3 call was about. */
export interface S3CallContext {
  /** The S3 action, for messages and `AccessDeniedError.action`: `s3:PutObject`. */
  readonly action: 's3:PutObject' | 's3:GetObject';
  /** The operation sent: `PutObject`, `HeadObject`, `GetObject`. */
  readonly operation: 'PutObject' | 'HeadObject' | 'GetObject';
  /** `s3://bucket/key`. */
  readonly uri: string;
  /** The endpoint the payload belongs to, for messages. */
  readonly endpointName: string;
}

interface S3Failure {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** True when S3 said the object (not the bucket) does not exist: HeadObject's bare 404, GetObject's NoSuchKey. */
export function isMissing(error: unknown): boolean {
  const e = error as S3Failure | undefined;
  if (typeof e !== 'object' || e === null) return false;
  if (e.name === 'NoSuchKey') return true;
  // HeadObject answers with no body, so the SDK can only say `NotFound` (or the bare status).
  return (e.name === 'NotFound' || e.name === 'Unknown') && e.$metadata?.httpStatusCode === 404;
}

/** Turns anything an S3 call threw into a modelship error; modelship errors pass through unchanged. */
export function toS3Error(error: unknown, context: S3CallContext): ModelshipError {
  if (isModelshipError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as S3Failure;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;
  const aws = {
    name,
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    service: 'S3',
    operation: context.operation,
  };
  if (name === 'NoSuchBucket') {
    return new NotFoundError(`The bucket of ${context.uri} does not exist: ${message}`, {
      cause: error,
      aws,
      resource: { kind: 'S3 bucket', name: context.uri.split('/')[2] ?? context.uri },
    });
  }
  if (isMissing(error)) {
    return new NotFoundError(`${context.uri} does not exist.`, {
      cause: error,
      aws,
      resource: { kind: 'S3 object', name: context.uri },
    });
  }
  if (/^AccessDenied/.test(name) || status === 403) {
    return new AccessDeniedError(
      `S3 refused ${context.operation} of ${context.uri} (${name}): ${message} The caller needs ${context.action} ` +
        `on it${context.action === 's3:PutObject' ? ', and kms:GenerateDataKey on the KMS key when one is set' : ''}.`,
      { cause: error, aws, action: context.action },
    );
  }
  // Throttling (SlowDown, 503), 5xx and connection failures: the runtime rules, with S3 named instead.
  const runtime: RuntimeCallContext = {
    description: `S3 (${context.operation} ${context.uri}, for SageMaker endpoint ${context.endpointName})`,
    endpointName: context.endpointName,
    operation: 'InvokeEndpoint',
  };
  const mapped = toModelshipError(error, runtime);
  // The same class and retryability, with what S3 said (not SageMaker Runtime) in `aws`.
  const options = { cause: error, aws };
  switch (mapped.code) {
    case 'THROTTLED':
      return new ThrottledError(mapped.message, options);
    case 'ABORTED':
      return new AbortedError(mapped.message, options);
    case 'SERVICE_ERROR':
      return new ServiceError(mapped.message, { ...options, retryable: mapped.retryable });
    default:
      return mapped;
  }
}
