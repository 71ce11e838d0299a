/**
 * A Lambda function error: the function ran and failed (it threw, timed out, ran out of memory, or crashed).
 * Lambda answers such an Invoke with status 200, an `X-Amz-Function-Error` header and its own error payload;
 * the transport turns it into a `ModelError` (like SageMaker's 424 `ModelError`: the service worked, the model
 * failed), never retried.
 */
import { ModelError } from '../../../errors.js';

/**
 * `Handled`: the handler threw or rejected. `Unhandled`: the runtime failed (timeout, out of memory, crash).
 *
 * @example
 * ```ts
 * if (error instanceof LambdaFunctionError && error.functionError === 'Unhandled')
 *   console.error('timeout, out of memory or crash');
 * ```
 */
export type LambdaFunctionErrorKind = 'Handled' | 'Unhandled';

/**
 * Options of {@link LambdaFunctionError}.
 *
 * @example
 * ```ts
 * throw new LambdaFunctionError('Lambda function churn:live', {
 *   functionError: 'Handled', errorType: 'TypeError', errorMessage: 'x is undefined', stackTrace: undefined,
 *   logTail: undefined, executedVersion: '7',
 * });
 * ```
 */
export interface LambdaFunctionErrorOptions {
  /** Whether the handler threw (`Handled`) or the runtime failed (`Unhandled`). */
  readonly functionError: LambdaFunctionErrorKind;
  /** Lambda's `errorType`, e.g. `TypeError`, `Runtime.ExitError`, `Sandbox.Timedout`. */
  readonly errorType: string | undefined;
  /** Lambda's `errorMessage`. */
  readonly errorMessage: string | undefined;
  /** Lambda's `stackTrace`, one frame per line. */
  readonly stackTrace: readonly string[] | undefined;
  /** The end of the function's log for this call (at most 4 KB), when the transport asked for it. */
  readonly logTail: string | undefined;
  /** The function version that ran. */
  readonly executedVersion: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * The Lambda function failed on a request. A `ModelError` (code `MODEL_ERROR`, not retried) with what Lambda
 * reported: `errorType`, `errorMessage`, `stackTrace` and, when asked for (`logTail: true`), the log's tail.
 *
 * @example
 * ```ts
 * const predictor = new Predictor({
 *   transport: new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live', logTail: true }),
 * });
 * try {
 *   await predictor.predict(input);
 * } catch (error) {
 *   if (error instanceof LambdaFunctionError) console.error(error.errorType, error.errorMessage, error.logTail);
 * }
 * ```
 */
export class LambdaFunctionError extends ModelError {
  /** Whether the handler threw (`Handled`) or the runtime failed (`Unhandled`). */
  readonly functionError: LambdaFunctionErrorKind;
  /** Lambda's `errorType`, e.g. `TypeError`, `Runtime.ExitError`, `Sandbox.Timedout`. */
  readonly errorType: string | undefined;
  /** Lambda's `errorMessage`. */
  readonly errorMessage: string | undefined;
  /** Lambda's `stackTrace`, one frame per line. */
  readonly stackTrace: readonly string[] | undefined;
  /** The end of the function's log for this call (at most 4 KB), when the transport asked for it (`logTail: true`). */
  readonly logTail: string | undefined;
  /** The function version that ran. */
  readonly executedVersion: string | undefined;

  constructor(description: string, options: LambdaFunctionErrorOptions) {
    const { functionError, errorType, errorMessage, logTail, executedVersion } = options;
    const what = functionError === 'Handled' ? 'threw' : 'failed in its runtime';
    const version = executedVersion === undefined ? '' : ` (version ${executedVersion})`;
    // The tail goes into the message too: it is what one needs when the error is only printed.
    const tail = logTail === undefined || logTail === '' ? '' : `\n--- last lines of its log ---\n${logTail.trimEnd()}`;
    super(
      `The function behind ${description}${version} ${what}: ${errorType ?? 'Error'}: ${truncate(errorMessage ?? '(no message)')}. Not retried: fix the input or the function.${tail}`,
      {
        cause: options.cause,
        ...(errorMessage === undefined ? {} : { originalMessage: errorMessage }),
      },
    );
    this.functionError = functionError;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.stackTrace = options.stackTrace;
    this.logTail = logTail;
    this.executedVersion = executedVersion;
  }
}

/**
 * Reads Lambda's error payload (`{errorMessage, errorType, stackTrace}`; anything else is kept whole as the
 * message) and the base64 `LogResult` into a {@link LambdaFunctionError}.
 */
export function functionErrorFrom(
  description: string,
  functionError: string,
  payload: Uint8Array | undefined,
  logResult: string | undefined,
  executedVersion: string | undefined,
): LambdaFunctionError {
  const text = payload === undefined ? '' : new TextDecoder().decode(payload);
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed = value as Record<string, unknown>;
    else parsed = { errorMessage: text };
  } catch {
    parsed = text === '' ? {} : { errorMessage: text };
  }
  const stackTrace = Array.isArray(parsed.stackTrace)
    ? parsed.stackTrace.filter((line): line is string => typeof line === 'string')
    : undefined;
  return new LambdaFunctionError(description, {
    functionError: functionError === 'Handled' ? 'Handled' : 'Unhandled',
    errorType: typeof parsed.errorType === 'string' ? parsed.errorType : undefined,
    errorMessage: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : undefined,
    stackTrace,
    logTail: logResult === undefined ? undefined : Buffer.from(logResult, 'base64').toString('utf8'),
    executedVersion,
  });
}

function truncate(text: string): string {
  return text.length > 1024 ? `${text.slice(0, 1024)}…` : text;
}
