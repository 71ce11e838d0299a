/** Helpers for predictor tests against a contract-checked mock of the SageMaker Runtime client. */
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { mockAwsClient } from '../../support/aws-contract.js';

/** A contract-checked stub of every SageMakerRuntimeClient. */
export function mockRuntime() {
  return mockAwsClient(SageMakerRuntimeClient);
}

/** An `InvokeEndpoint` output whose body is `json`. */
export function jsonOutput(value: unknown, extra: Record<string, string> = {}) {
  return {
    // The SDK's Uint8ArrayBlobAdapter is a Uint8Array with helpers the transport does not use.
    Body: new TextEncoder().encode(JSON.stringify(value)) as never,
    ContentType: 'application/json',
    InvokedProductionVariant: 'AllTraffic',
    ...extra,
  };
}

/** An AWS SDK service exception as the client throws it. */
export function awsError(name: string, message: string, status: number, fault: 'client' | 'server' = 'client') {
  return Object.assign(new Error(message), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: 'req-1234' },
  });
}

/** A clock whose sleeps return at once and are recorded; `random` is fixed. */
export function recordingClock(random = 0.5) {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => random,
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export const decode = (body: unknown) => new TextDecoder().decode(body as Uint8Array);
