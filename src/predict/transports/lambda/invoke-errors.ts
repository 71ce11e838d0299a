/**
 * Maps what the Lambda client throws for `Invoke` to modelship errors. Errors the service answered with (they
 * carry `$metadata`) are read here, by the names in Lambda's model; failures with no answer at all (abort,
 * refused or reset connections, a missing region) go to the SageMaker Runtime mapping, whose rules for those
 * are not service-specific. Like it, reads only the SDK's error shape, never `instanceof`.
 */
import {
  AccessDeniedError,
  type AwsErrorDetails,
  InvalidArgumentError,
  isModelshipError,
  type ModelshipError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
} from '../../../errors.js';
import { toModelshipError } from '../sagemaker-runtime-errors.js';
import { LAMBDA_SYNC_PAYLOAD_BYTES } from './envelope.js';

/** What the transport was calling. */
export interface InvokeCallContext {
  /** `Lambda function churn:live`. */
  readonly description: string;
  readonly functionName: string;
  readonly qualifier: string | undefined;
  /** The size of the Invoke payload that was sent, for a `RequestTooLargeException`. */
  readonly payloadBytes: number;
}

interface SdkError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly Reason?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'SignatureDoesNotMatch',
]);
/**
 * Lambda is still getting the function ready (inactive after idling, being updated, restoring a snapshot) or
 * could not reach its file system this time: worth retrying soon.
 */
const TRANSIENT = new Set([
  'ResourceNotReadyException',
  'ResourceConflictException',
  'SnapStartNotReadyException',
  'SnapStartTimeoutException',
  'EFSMountConnectivityException',
  'EFSMountTimeoutException',
  'EFSIOException',
]);
/**
 * The function cannot start as configured (its VPC, KMS key, EFS mount, code or runtime). Retrying the same call
 * will not help; the deployment needs fixing.
 */
const MISCONFIGURED =
  /^(EC2AccessDenied|ENILimitReached|InvalidRuntime|InvalidSecurityGroupID|InvalidSubnetID|InvalidZipFile|KMS\w+|EFSMountFailure|SubnetIPAddressLimitReached|SnapStart)Exception$/;

/** Turns anything the Lambda client threw into a modelship error; modelship errors pass through unchanged. */
export function toLambdaInvokeError(error: unknown, context: InvokeCallContext): ModelshipError {
  if (isModelshipError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  if (e.$metadata === undefined || typeof e.$metadata.httpStatusCode !== 'number') {
    return toModelshipError(error, {
      description: context.description,
      endpointName: context.functionName,
      operation: 'InvokeEndpoint',
    });
  }
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  const status = e.$metadata.httpStatusCode;
  const aws: AwsErrorDetails = {
    name,
    httpStatusCode: status,
    ...(typeof e.$metadata.requestId === 'string' ? { requestId: e.$metadata.requestId } : {}),
    service: 'Lambda',
    operation: 'Invoke',
  };
  const options = { cause: error, aws };
  const who = context.description;

  if (name === 'TooManyRequestsException' || name === 'EC2ThrottledException' || status === 429) {
    const reason = typeof e.Reason === 'string' ? ` (${e.Reason})` : '';
    return new ThrottledError(`${who} throttled the request${reason}: ${message}`, options);
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    const qualified =
      context.qualifier === undefined ? context.functionName : `${context.functionName}:${context.qualifier}`;
    return new NotFoundError(
      `The Lambda function ${qualified} does not exist in this account and region${context.qualifier === undefined ? '' : ', or has no alias or version by that name'}: ${message}`,
      { ...options, resource: { kind: 'Lambda function', name: qualified } },
    );
  }
  if (CREDENTIALS.has(name) || /^AccessDenied/.test(name) || status === 403) {
    return new AccessDeniedError(
      `Calling ${who} was refused (${name}): ${message} Check the credentials and that they allow lambda:InvokeFunction on this function${context.qualifier === undefined ? '' : ' and qualifier'}.`,
      { ...options, action: 'lambda:InvokeFunction' },
    );
  }
  if (name === 'RequestTooLargeException' || status === 413) {
    return new PayloadTooLargeError(
      `${who} refused a payload of ${context.payloadBytes} bytes as too large (Lambda's synchronous limit is ${LAMBDA_SYNC_PAYLOAD_BYTES} bytes): ${message}`,
      context.payloadBytes,
      LAMBDA_SYNC_PAYLOAD_BYTES,
      options,
    );
  }
  if (TRANSIENT.has(name)) {
    return new ServiceError(`${who} is not ready or hit a passing failure (${name}): ${message}`, options);
  }
  if (MISCONFIGURED.test(name)) {
    return new ServiceError(
      `The function behind ${who} cannot start as configured (${name}): ${message} Fix the function's configuration and deploy again.`,
      { ...options, retryable: false },
    );
  }
  if (e.$fault === 'server' || status >= 500) {
    return new ServiceError(`${who} failed on the service side (${name}): ${message}`, options);
  }
  return new InvalidArgumentError('request', `${who} rejected the request (${name}): ${message}`, options);
}
