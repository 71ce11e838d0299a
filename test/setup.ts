/**
 * Runs before every test file (vitest `setupFiles`).
 *
 * Every AWS request a test sends through a stub made with `mockAwsClient` is checked against AWS's Smithy models
 * after the test, and the stubs are reset so nothing leaks into the next test or file.
 */
// toHaveReceivedCommandWith & co. on `expect`, with their types.
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach } from 'vitest';
import { assertAwsRequestsValid, resetAwsMocks, restoreAwsMocks } from './support/aws-contract.js';

afterEach(() => {
  try {
    assertAwsRequestsValid();
  } finally {
    resetAwsMocks();
  }
});

afterAll(() => {
  restoreAwsMocks();
});
