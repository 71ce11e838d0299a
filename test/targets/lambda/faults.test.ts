/**
 * Fault injection on the calls that change a Lambda deployment: throttled (retried, succeeds), a 500 after Lambda
 * carried the call out (retried, converges without a second function, version or alias move), access denied
 * (fails, and what the run changed is undone). Faults are injected when the apply starts, so planning reads are
 * not hit.
 */
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, DeploymentFailedError } from '../../../src/errors.js';
import { type FakeLambda, lambdaError } from './support/fake-lambda.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

type Kind = 'throttle' | '500 after the change' | 'access denied';
const ROWS: readonly [flow: 'create' | 'update', operation: string][] = [
  ['create', 'CreateFunction'],
  ['create', 'PublishVersion'],
  ['update', 'UpdateFunctionCode'],
  ['update', 'PublishVersion'],
  ['update', 'UpdateAlias'],
];
const KINDS: readonly Kind[] = ['throttle', '500 after the change', 'access denied'];

function inject(lambda: FakeLambda, operation: string, kind: Kind): void {
  if (kind === 'throttle') lambda.fail(operation, () => lambdaError('TooManyRequestsException', 'Rate exceeded', 429));
  else if (kind === 'access denied') {
    lambda.fail(operation, () =>
      lambdaError('AccessDeniedException', `User is not authorized to perform: lambda:${operation}`, 403),
    );
  } else lambda.fail(operation, () => lambdaError('ServiceException', 'Internal error', 500), 1, true);
}

describe.each(ROWS)('%s: %s', (flow, operation) => {
  it.each(KINDS)('%s', async (kind) => {
    const { lambda } = fakeServices();
    const { packager, code } = fakePackager();
    if (flow === 'update') {
      await churn({}, packager).deploy(fastApply());
      code.text = 'v2';
    }
    const options = fastApply({
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      onEvent: (event) => {
        if (event.type === 'apply-started') inject(lambda, operation, kind);
        if (event.type === 'step-failed') lambda.clearFaults();
      },
    });
    const result = await churn({}, packager)
      .deploy(options)
      .then(() => undefined)
      .catch((error: unknown) => error);

    if (kind === 'access denied') {
      expect(result).toBeInstanceOf(DeploymentFailedError);
      expect((result as DeploymentFailedError).cause).toBeInstanceOf(AccessDeniedError);
      // Undone: no function after a failed create; the alias still on version 1 after a failed update.
      if (flow === 'create') expect(lambda.functions.has('churn')).toBe(false);
      else {
        expect(lambda.live()).toBe('1');
        expect([...lambda.fn('churn').versions.keys()]).toEqual(['1']);
      }
    } else {
      expect(result).toBeUndefined();
      const expected = flow === 'create' ? '1' : '2';
      expect(lambda.live()).toBe(expected);
      // Converged without a second version or function.
      expect(lambda.fn('churn').versions.size).toBe(Number(expected));
    }
    // Whatever happened, the next run without faults reaches the spec.
    await churn({}, packager).deploy(fastApply());
    expect(lambda.live()).toBe(flow === 'create' ? '1' : String(lambda.fn('churn').lastPublished));
  });
});
