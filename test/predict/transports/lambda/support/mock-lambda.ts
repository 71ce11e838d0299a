/** Helpers for tests of the Invoke transport against a contract-checked mock of the Lambda client. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  encodeInvokeError,
  encodeInvokeSuccess,
  type InvokeErrorDetails,
} from '../../../../../src/targets/lambda/runtime/protocol.js';
import { mockAwsClient } from '../../../../support/aws-contract.js';

/** A contract-checked stub of every LambdaClient (requests validated against ../shared/aws-models/lambda.json). */
export function mockLambda() {
  return mockAwsClient(LambdaClient);
}

const utf8 = new TextEncoder();

/** An `Invoke` output whose payload is the function runtime's answer for `body`. */
export function successOutput(body: string, contentType = 'application/json', extra: Record<string, string> = {}) {
  const envelope = encodeInvokeSuccess({ body: utf8.encode(body), contentType });
  return { StatusCode: 200, Payload: utf8.encode(JSON.stringify(envelope)) as never, ExecutedVersion: '7', ...extra };
}

/** An `Invoke` output carrying the runtime's error envelope. */
export function runtimeErrorOutput(statusCode: number, details: InvokeErrorDetails) {
  return { StatusCode: 200, Payload: utf8.encode(JSON.stringify(encodeInvokeError(statusCode, details))) as never };
}

/** An `Invoke` output for a function that threw (`Handled`) or crashed (`Unhandled`), with Lambda's error payload. */
export function functionErrorOutput(kind: 'Handled' | 'Unhandled', payload: unknown, logTail?: string) {
  return {
    StatusCode: 200,
    FunctionError: kind,
    ExecutedVersion: '7',
    Payload: utf8.encode(JSON.stringify(payload)) as never,
    ...(logTail === undefined ? {} : { LogResult: Buffer.from(logTail).toString('base64') }),
  };
}
