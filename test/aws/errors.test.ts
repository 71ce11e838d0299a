import { ConcurrentUpdateException } from '@aws-sdk/client-application-auto-scaling';
import { EntityAlreadyExistsException, NoSuchEntityException } from '@aws-sdk/client-iam';
import {
  InvalidParameterValueException,
  PreconditionFailedException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { AccessDenied, NoSuchBucket, NoSuchKey, NotFound, S3ServiceException } from '@aws-sdk/client-s3';
import {
  ConflictException,
  ResourceInUse,
  ResourceLimitExceeded,
  ResourceNotFound,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import {
  InternalFailure,
  ModelNotReadyException,
  ModelError as RuntimeModelError,
  ServiceUnavailable,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { type AwsCallContext, isRetryable, toModelshipError } from '../../src/aws/errors.js';
import {
  AbortedError,
  AccessDeniedError,
  ConflictError,
  InvalidArgumentError,
  ModelError,
  type ModelshipError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../../src/errors.js';

const meta = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 3, totalRetryDelay: 120 });
const sagemaker = (name: string, httpStatusCode: number, message: string, fault: 'client' | 'server' = 'client') =>
  new SageMakerServiceException({ name, $fault: fault, $metadata: meta(httpStatusCode), message });
const endpoint = { kind: 'SageMaker endpoint', name: 'churn' };
const create = { service: 'SageMaker', operation: 'CreateEndpoint', resource: endpoint };

function mapped(error: unknown, context: AwsCallContext = create): ModelshipError {
  const result = toModelshipError(error, context);
  expect(result.cause).toBe(error);
  return result;
}

describe('toModelshipError', () => {
  it('keeps what AWS said and names the call in the message', () => {
    const error = mapped(sagemaker('ThrottlingException', 400, 'Rate exceeded'));
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.aws).toEqual({
      name: 'ThrottlingException',
      httpStatusCode: 400,
      requestId: 'req-1',
      service: 'SageMaker',
      operation: 'CreateEndpoint',
    });
    expect(error.message).toContain('SageMaker CreateEndpoint (SageMaker endpoint "churn") was throttled');
    expect(error.message).toContain('Rate exceeded [ThrottlingException, HTTP 400, request id req-1]');
    expect(error).toMatchObject({ code: 'THROTTLED', fault: 'server', retryable: true });
  });

  it('passes modelship errors through unchanged', () => {
    const original = new NotFoundError('gone');
    expect(toModelshipError(original, create)).toBe(original);
  });

  it.each([
    ['ThrottlingException', sagemaker('ThrottlingException', 400, 'Rate exceeded')],
    ['Throttling', sagemaker('Throttling', 400, 'Rate exceeded')],
    ['ProvisionedThroughputExceededException', sagemaker('ProvisionedThroughputExceededException', 400, 'x')],
    ['RequestLimitExceeded', sagemaker('RequestLimitExceeded', 400, 'x')],
    ['SlowDown (S3, 503)', new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: meta(503) })],
    [
      'Lambda TooManyRequestsException',
      new TooManyRequestsException({
        $metadata: meta(429),
        message: 'Rate exceeded',
        Reason: 'CallerRateLimitExceeded',
      }),
    ],
    ['any 429', sagemaker('SomethingNew', 429, 'slow down')],
    ['LimitExceededException with a 429', sagemaker('LimitExceededException', 429, 'Too many requests')],
  ])('maps throttling: %s → ThrottledError', (_, error) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(ThrottledError);
    expect(result.retryable).toBe(true);
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['SageMaker Runtime ServiceUnavailable', new ServiceUnavailable({ $metadata: meta(503), message: 'unavailable' })],
    ['SageMaker Runtime InternalFailure', new InternalFailure({ $metadata: meta(500), message: 'internal' })],
    ['an unmodeled 502', sagemaker('BadGatewayOrSo', 502, 'bad gateway', 'server')],
    ['$fault server', sagemaker('Weird', 0, 'weird', 'server')],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'ETIMEDOUT under cause',
      new Error('request failed', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }),
    ],
    ['socket hang up', new Error('socket hang up')],
    ['the HTTP handler TimeoutError', Object.assign(new Error('timed out after 100 ms'), { name: 'TimeoutError' })],
    ['ModelNotReadyException', new ModelNotReadyException({ $metadata: meta(429), message: 'not ready' })],
  ])('maps server and connection failures: %s → ServiceError', (_, error) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(ServiceError);
    expect(result).toMatchObject({ code: 'SERVICE_ERROR', fault: 'server', retryable: true });
  });

  it('tells a connection failure apart and keeps its code', () => {
    const error = mapped(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    expect(error.message).toContain('could not reach AWS');
    expect(error.aws).toMatchObject({ name: 'ECONNREFUSED', service: 'SageMaker' });
  });

  it('extracts the IAM action and the resource of an access denied message', () => {
    const error = mapped(
      sagemaker(
        'AccessDeniedException',
        400,
        'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sagemaker:CreateEndpoint on ' +
          'resource: arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn because no identity-based policy ' +
          'allows the sagemaker:CreateEndpoint action',
      ),
    );
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ code: 'ACCESS_DENIED', action: 'sagemaker:CreateEndpoint', retryable: false });
    expect(error.message).toContain(
      'Grant "sagemaker:CreateEndpoint" on arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn to the IAM role',
    );
  });

  it('finds the action in any error that says "not authorized to perform", e.g. iam:PassRole', () => {
    const error = mapped(
      sagemaker(
        'ValidationException',
        400,
        'User: x is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ml',
      ),
    );
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).action).toBe('iam:PassRole');
  });

  it('derives the action from the call when AWS does not name it', () => {
    const s3 = mapped(new AccessDenied({ $metadata: meta(403), message: 'Access Denied' }), {
      service: 'S3',
      operation: 'HeadObject',
      resource: { kind: 'S3 object', name: 's3://bucket/model.tar.gz' },
    });
    expect(s3).toBeInstanceOf(AccessDeniedError);
    expect((s3 as AccessDeniedError).action).toBe('s3:GetObject');
    const lambda = mapped(sagemaker('UnauthorizedOperation', 403, 'You are not authorized'), {
      service: 'Lambda',
      operation: 'Invoke',
      resource: { kind: 'Lambda function', name: 'churn' },
    });
    expect((lambda as AccessDeniedError).action).toBe('lambda:InvokeFunction');
    expect(mapped(sagemaker('Forbidden', 403, ''), {})).toBeInstanceOf(AccessDeniedError);
  });

  it('says an explicit deny cannot be fixed by granting more', () => {
    const error = mapped(
      sagemaker(
        'AccessDeniedException',
        400,
        'User: x is not authorized to perform: sagemaker:DeleteEndpoint with an explicit deny in a service control policy',
      ),
    );
    expect(error.message).toContain('granting more will not help');
  });

  it.each([
    [
      'STS ExpiredTokenException',
      new ExpiredTokenException({
        $metadata: meta(400),
        message: 'The security token included in the request is expired',
      }),
    ],
    ['UnrecognizedClientException', sagemaker('UnrecognizedClientException', 400, 'The security token is invalid')],
    [
      'no credentials at all',
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
    ],
  ])('maps bad credentials to AccessDeniedError: %s', (_, error) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(AccessDeniedError);
    expect(result.message).toContain('credentials are missing, invalid or expired');
    expect(result.message).toContain('aws sso login');
  });

  it.each([
    [
      'SageMaker ValidationException',
      sagemaker('ValidationException', 400, "Value 'ml.x' at 'instanceType' failed to satisfy constraint"),
    ],
    ['SageMaker Runtime ValidationError', new ValidationError({ $metadata: meta(400), message: 'bad input' })],
    [
      'Lambda InvalidParameterValueException',
      new InvalidParameterValueException({ $metadata: meta(400), message: 'bad' }),
    ],
    ['an unknown client fault', sagemaker('IncompatibleThing', 418, 'no')],
  ])('maps invalid requests to InvalidArgumentError: %s', (_, error) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(InvalidArgumentError);
    expect(result).toMatchObject({ argument: 'request', retryable: false, fault: 'client' });
    expect(result.message).toContain((error as Error).message);
  });

  it('maps quotas to InvalidArgumentError, not to a conflict or a throttle', () => {
    for (const error of [
      new ResourceLimitExceeded({
        $metadata: meta(400),
        message: 'The account-level service limit ml.g5.xlarge for endpoint usage is 0 Instances',
      }),
      sagemaker('LimitExceededException', 400, 'Cannot exceed quota for PoliciesPerRole: 10'),
      sagemaker('ServiceQuotaExceededException', 402, 'quota'),
    ]) {
      const result = mapped(error);
      expect(result).toBeInstanceOf(InvalidArgumentError);
      expect(result).toMatchObject({ argument: 'request', retryable: false });
      expect(result.message).toContain('Service Quotas');
    }
  });

  it.each([
    [
      'SageMaker ResourceNotFound',
      new ResourceNotFound({ $metadata: meta(400), message: 'Requested resource not found.' }),
    ],
    ['SageMaker "Could not find endpoint"', sagemaker('ValidationException', 400, 'Could not find endpoint "churn".')],
    ['S3 NoSuchKey', new NoSuchKey({ $metadata: meta(404), message: 'The specified key does not exist.' })],
    ['S3 NotFound (HEAD)', new NotFound({ $metadata: meta(404), message: 'UnknownError' })],
    ['S3 NoSuchBucket', new NoSuchBucket({ $metadata: meta(404), message: 'The specified bucket does not exist' })],
    [
      'Lambda ResourceNotFoundException',
      new ResourceNotFoundException({ $metadata: meta(404), message: 'Function not found' }),
    ],
    [
      'IAM NoSuchEntityException',
      new NoSuchEntityException({ $metadata: meta(404), message: 'The role cannot be found' }),
    ],
    ['any 404', sagemaker('Whatever', 404, 'gone')],
  ])('maps missing resources to NotFoundError: %s', (_, error) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(NotFoundError);
    expect(result).toMatchObject({ code: 'NOT_FOUND', resource: endpoint, retryable: false });
    expect(result.message).toContain('SageMaker CreateEndpoint (SageMaker endpoint "churn") failed: it does not exist');
  });

  it.each([
    ['SageMaker ConflictException', new ConflictException({ $metadata: meta(400), message: 'conflict' }), false],
    ['SageMaker ResourceInUse', new ResourceInUse({ $metadata: meta(400), message: 'Resource in use' }), true],
    [
      'SageMaker "already existing"',
      sagemaker(
        'ValidationException',
        400,
        'Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn".',
      ),
      false,
    ],
    [
      'SageMaker "in-progress"',
      sagemaker(
        'ValidationException',
        400,
        'Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn".',
      ),
      true,
    ],
    [
      'Lambda PreconditionFailedException (412)',
      new PreconditionFailedException({ $metadata: meta(412), message: 'revision id' }),
      false,
    ],
    [
      'S3 PreconditionFailed (412)',
      new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: meta(412) }),
      false,
    ],
    [
      'IAM EntityAlreadyExistsException',
      new EntityAlreadyExistsException({ $metadata: meta(409), message: 'Role with name ml already exists.' }),
      false,
    ],
    [
      'Application Auto Scaling ConcurrentUpdateException',
      new ConcurrentUpdateException({ $metadata: meta(400), message: 'update in progress' }),
      true,
    ],
  ])('maps conflicts to ConflictError: %s', (_, error, retryable) => {
    const result = mapped(error);
    expect(result).toBeInstanceOf(ConflictError);
    expect(result).toMatchObject({ code: 'CONFLICT', retryable });
  });

  it('maps an aborted call to AbortedError', () => {
    const sdkAbort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(mapped(sdkAbort)).toBeInstanceOf(AbortedError);
    expect(mapped(new DOMException('This operation was aborted', 'AbortError'))).toBeInstanceOf(AbortedError);
    expect(isRetryable(sdkAbort)).toBe(false);
  });

  it("keeps what the model's container said", () => {
    const error = mapped(
      new RuntimeModelError({
        $metadata: meta(424),
        message: 'Received client error (400) from primary with message "bad shape"',
        OriginalStatusCode: 400,
        OriginalMessage: 'bad shape',
        LogStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn',
      }),
      { service: 'SageMaker Runtime', operation: 'InvokeEndpoint', resource: endpoint },
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ originalStatusCode: 400, originalMessage: 'bad shape', retryable: false });
    expect(error.message).toContain('/aws/sagemaker/Endpoints/churn');
  });

  it('says how to set a region when the SDK has none', () => {
    const error = mapped(new Error('Region is missing'));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'region' });
    expect(error.message).toContain('AWS_REGION');
  });

  it('wraps anything else as a non-retryable ServiceError', () => {
    const error = toModelshipError('boom');
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('The AWS call failed: boom.');
    expect(isRetryable(new TypeError('x is not a function'))).toBe(false);
  });
});
