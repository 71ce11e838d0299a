import { describe, expect, it } from 'vitest';
import { ThrottledError } from '../../../src/errors.js';
import { isConnectionRefused, toModelshipError } from '../../../src/predict/transports/sagemaker-runtime-errors.js';

const context = {
  description: 'SageMaker endpoint churn',
  endpointName: 'churn',
  operation: 'InvokeEndpoint',
} as const;
const sdk = (name: string, status?: number, fault?: string, message = 'said the service') =>
  Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: status === undefined ? undefined : { httpStatusCode: status },
  });
const sys = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('SageMaker Runtime error mapping', () => {
  it.each([
    [sdk('ThrottlingException', 400, 'client'), 'THROTTLED', true],
    [sdk('ModelNotReadyException', 429, 'client'), 'THROTTLED', true],
    [sdk('SomethingNew', 429, 'client'), 'THROTTLED', true],
    [sdk('ServiceUnavailable', 503, 'server'), 'SERVICE_ERROR', true],
    [sdk('InternalFailure', 500, 'server'), 'SERVICE_ERROR', true],
    [sdk('InternalDependencyException', 530, 'server'), 'SERVICE_ERROR', true],
    [sdk('ModelError', 424, 'client'), 'MODEL_ERROR', false],
    [sdk('ValidationError', 400, 'client', 'Endpoint churn of account 1 not found.'), 'NOT_FOUND', false],
    [sdk('ValidationError', 400, 'client', 'Inference Component Name header is required'), 'INVALID_ARGUMENT', false],
    [sdk('AccessDeniedException', 403, 'client'), 'ACCESS_DENIED', false],
    [sdk('ExpiredTokenException', 400, 'client'), 'ACCESS_DENIED', false],
    [
      sdk('CredentialsProviderError', undefined, undefined, 'Could not load credentials from any providers'),
      'ACCESS_DENIED',
      false,
    ],
    [new Error('Region is missing'), 'INVALID_ARGUMENT', false],
    [sdk('AbortError'), 'ABORTED', false],
    [sys('ECONNRESET'), 'SERVICE_ERROR', true],
    [sys('EPIPE'), 'SERVICE_ERROR', true],
    [Object.assign(new Error('socket hang up'), { code: 'UNKNOWN' }), 'SERVICE_ERROR', true],
    [sdk('TimeoutError', undefined, undefined, 'Connection timed out after 5000 ms'), 'SERVICE_ERROR', true],
    [sys('ECONNREFUSED'), 'SERVICE_ERROR', true],
    [sys('ENOTFOUND', 'getaddrinfo ENOTFOUND runtime.sagemaker.xx-nowhere-1.amazonaws.com'), 'SERVICE_ERROR', false],
    [sdk('UnmodelledClientThing', 418, 'client'), 'INVALID_ARGUMENT', false],
  ])('maps %s', (error, code, retryable) => {
    const mapped = toModelshipError(error, context);
    expect(mapped).toMatchObject({ code, retryable });
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toContain('churn');
  });

  it('keeps AWS details and passes modelship errors through', () => {
    const error = Object.assign(sdk('ServiceUnavailable', 503, 'server'), {
      $metadata: { httpStatusCode: 503, requestId: 'r-9' },
    });
    expect(toModelshipError(error, context).aws).toEqual({
      name: 'ServiceUnavailable',
      httpStatusCode: 503,
      requestId: 'r-9',
      service: 'SageMaker Runtime',
      operation: 'InvokeEndpoint',
    });
    const own = new ThrottledError('x');
    expect(toModelshipError(own, context)).toBe(own);
  });

  it('tells a refused connection apart, through wrapping', () => {
    expect(isConnectionRefused(toModelshipError(sys('ECONNREFUSED'), context))).toBe(true);
    expect(isConnectionRefused(toModelshipError(sys('ECONNRESET'), context))).toBe(false);
  });
});
