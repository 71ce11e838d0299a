import { InvalidArgumentError } from '../errors.js';

/**
 * Per-call options of `predict` and friends, checked against the SageMaker Runtime API before sending.
 *
 * @example
 * ```ts
 * const output = await predictor.predict(input, {
 *   timeoutMs: 1_500,
 *   targetVariant: 'challenger',
 *   inferenceId: 'req-42',
 *   signal: request.signal,
 * });
 * ```
 */
export interface InvokeOptions {
  /** Cancels the call, including retries and backoff: it rejects with `AbortedError` at once. */
  readonly signal?: AbortSignal;
  /** A deadline for the whole call, retries included, in milliseconds: past it, `TimeoutError`. */
  readonly timeoutMs?: number;
  /** Passed to the model as is: at most 1024 visible ASCII characters. */
  readonly customAttributes?: string;
  /** The production variant to call, for A/B tests. */
  readonly targetVariant?: string;
  /** The model file to call on a multi-model endpoint, e.g. `churn-v3.tar.gz`. Not with `predictStream`. */
  readonly targetModel?: string;
  /** An id of yours for this inference (1 to 64 printable ASCII characters), written to data capture. */
  readonly inferenceId?: string;
  /** The inference component to call, on an endpoint that hosts inference components. */
  readonly inferenceComponentName?: string;
  /** The container to call on a multi-container endpoint with direct invocation. */
  readonly targetContainerHostname?: string;
}

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const COMPONENT = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
// The Smithy model's `^\A\S[\p{Print}]*\z$` (Java's ASCII \p{Print}): a visible first character, then printable.
const PRINTABLE_ID = /^[\x21-\x7e][\x20-\x7e]*$/;
const HEADER_TEXT = /^[\x20-\x7e\t]*$/;

/**
 * @internal Checks the per-call options that go into request headers, with the limits of the SageMaker Runtime
 * API (`../shared/aws-models/sagemaker-runtime.json`).
 * @throws InvalidArgumentError naming the option, what is allowed and what to do.
 */
export function checkInvokeOptions(options: InvokeOptions): void {
  const { customAttributes, inferenceId, targetVariant, targetModel, inferenceComponentName, targetContainerHostname } =
    options;
  if (customAttributes !== undefined) {
    if (typeof customAttributes !== 'string' || customAttributes.length > 1024) {
      throw new InvalidArgumentError(
        'customAttributes',
        `customAttributes is ${typeof customAttributes === 'string' ? `${customAttributes.length} characters` : typeof customAttributes}; SageMaker takes a string of at most 1024. Send larger data in the body.`,
      );
    }
    if (!HEADER_TEXT.test(customAttributes)) {
      throw new InvalidArgumentError(
        'customAttributes',
        'customAttributes must be visible US-ASCII characters and spaces (it travels as an HTTP header); encode other text, e.g. with encodeURIComponent.',
      );
    }
  }
  if (
    inferenceId !== undefined &&
    (typeof inferenceId !== 'string' || inferenceId.length > 64 || !PRINTABLE_ID.test(inferenceId))
  ) {
    throw new InvalidArgumentError(
      'inferenceId',
      `inferenceId "${String(inferenceId)}" is not allowed: use 1 to 64 printable ASCII characters, not starting with a space.`,
    );
  }
  if (
    targetModel !== undefined &&
    (typeof targetModel !== 'string' || targetModel.length > 1024 || !PRINTABLE_ID.test(targetModel))
  ) {
    throw new InvalidArgumentError(
      'targetModel',
      `targetModel "${String(targetModel)}" is not allowed: use 1 to 1024 printable ASCII characters (the model's path relative to the endpoint's S3 prefix, e.g. "churn-v3.tar.gz").`,
    );
  }
  checkName('targetVariant', targetVariant, NAME);
  checkName('targetContainerHostname', targetContainerHostname, NAME);
  checkName('inferenceComponentName', inferenceComponentName, COMPONENT);
}

function checkName(argument: string, value: string | undefined, pattern: RegExp): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > 63 || !pattern.test(value)) {
    throw new InvalidArgumentError(
      argument,
      `${argument} "${String(value)}" is not a SageMaker name: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`,
    );
  }
}
