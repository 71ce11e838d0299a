/**
 * Every error modelship throws is a {@link ModelshipError} with a stable {@link ErrorCode}.
 * Branch on `error.code` (or `instanceof`), never on message text: messages are for people and may improve.
 *
 * @packageDocumentation
 */

/**
 * The stable codes of modelship errors. New codes may be added in minor releases; existing ones never change.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(input);
 * } catch (error) {
 *   if (isModelshipError(error) && error.code === 'THROTTLED') await retryLater();
 *   else throw error;
 * }
 * ```
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ACCESS_DENIED'
  | 'THROTTLED'
  | 'SERVICE_ERROR'
  | 'DEPLOYMENT_FAILED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'MODEL_ERROR'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'DEPENDENCY_MISSING'
  | 'INTEGRITY';

/**
 * Who is at fault, as the AWS SDK's `$fault`: the caller (fix the input) or the server (try again later).
 *
 * @example
 * ```ts
 * if (isModelshipError(error) && error.fault === 'client') console.error(`Fix the request: ${error.message}`);
 * ```
 */
export type ErrorFault = 'client' | 'server';

/**
 * What an AWS service said, kept on errors that came from an AWS call.
 *
 * @example
 * ```ts
 * if (isModelshipError(error) && error.aws)
 *   console.error(`${error.aws.operation} failed, request id ${error.aws.requestId}`);
 * ```
 */
export interface AwsErrorDetails {
  /** The AWS error name, e.g. `ValidationException`, `ThrottlingException`. */
  readonly name: string;
  /** The HTTP status of the response, when there was one. */
  readonly httpStatusCode?: number;
  /** `$metadata.requestId`: quote it to AWS support. */
  readonly requestId?: string;
  /** The service that answered, e.g. `SageMaker`. */
  readonly service?: string;
  /** The operation that was called, e.g. `CreateEndpoint`. */
  readonly operation?: string;
}

/**
 * Options common to every modelship error.
 *
 * @example
 * ```ts
 * throw new ServiceError('The model store did not answer.', { cause: error, retryable: true });
 * ```
 */
export interface ModelshipErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** Whether trying again unchanged may succeed. Defaults per error class. */
  retryable?: boolean;
  /** Set when the error came from an AWS response. */
  aws?: AwsErrorDetails;
}

// A symbol registered globally, so `isModelshipError` works across duplicated copies of the package
// (two versions in one node_modules tree), where `instanceof` would not.
const BRAND = Symbol.for('modelship.error');

/**
 * The base of every modelship error.
 *
 * @example
 * ```ts
 * try {
 *   await deployment.destroy();
 * } catch (error) {
 *   if (error instanceof ModelshipError) console.error(`[${error.code}] ${error.message}`);
 * }
 * ```
 */
export class ModelshipError extends Error {
  /** The stable code to branch on. */
  readonly code: ErrorCode;
  /** Whether the caller (`client`) or the service (`server`) is at fault. */
  readonly fault: ErrorFault;
  /** Whether trying again unchanged may succeed. */
  readonly retryable: boolean;
  /** What AWS said, when the error came from an AWS call. */
  readonly aws: AwsErrorDetails | undefined;
  /** @internal */
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, options: ModelshipErrorOptions & { fault?: ErrorFault } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fault = options.fault ?? 'client';
    this.retryable = options.retryable ?? false;
    this.aws = options.aws;
  }
}

/**
 * True for any modelship error, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * // Works even when two copies of modelship are installed, where `instanceof` would not.
 * if (isModelshipError(error) && error.retryable) await tryAgain();
 * ```
 */
export function isModelshipError(value: unknown): value is ModelshipError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * An argument or option is not allowed. Thrown before any AWS call is made.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(input, { timeoutMs: -1 });
 * } catch (error) {
 *   if (error instanceof InvalidArgumentError) console.error(`${error.argument}: ${error.message}`); // timeoutMs: …
 * }
 * ```
 */
export class InvalidArgumentError extends ModelshipError {
  /** The option or argument at fault, as a path such as `instanceCount` or `monitor.p99LatencyMs`. */
  readonly argument: string;
  constructor(argument: string, message: string, options: ModelshipErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, options);
    this.argument = argument;
  }
}

/**
 * A resource does not exist (an endpoint, an S3 object, a registry version).
 *
 * @example
 * ```ts
 * try {
 *   await registry.get('churn', '7');
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.error(`No ${error.resource?.kind} named ${error.resource?.name}`);
 * }
 * ```
 */
export class NotFoundError extends ModelshipError {
  /** What was looked for, e.g. `{ kind: 'SageMaker endpoint', name: 'churn' }`. */
  readonly resource:
    | {
        /** What kind of resource, for people (`SageMaker endpoint`, `registry version`). */
        readonly kind: string;
        /** Its name (or URI) in its service. */
        readonly name: string;
      }
    | undefined;
  constructor(message: string, options: ModelshipErrorOptions & { resource?: { kind: string; name: string } } = {}) {
    super('NOT_FOUND', message, options);
    this.resource = options.resource;
  }
}

/**
 * The caller's credentials lack a permission.
 *
 * @example
 * ```ts
 * try {
 *   await builder.deploy();
 * } catch (error) {
 *   if (error instanceof AccessDeniedError)
 *     console.error(`Grant ${error.action ?? 'the missing permission'} to this role`);
 * }
 * ```
 */
export class AccessDeniedError extends ModelshipError {
  /** The IAM action that was refused, when known (e.g. `sagemaker:CreateEndpoint`). */
  readonly action: string | undefined;
  constructor(message: string, options: ModelshipErrorOptions & { action?: string } = {}) {
    super('ACCESS_DENIED', message, options);
    this.action = options.action;
  }
}

/**
 * AWS throttled the request. Retryable.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(input);
 * } catch (error) {
 *   if (error instanceof ThrottledError) await retryLater(); // retryable: AWS asked us to slow down
 * }
 * ```
 */
export class ThrottledError extends ModelshipError {
  constructor(message: string, options: ModelshipErrorOptions = {}) {
    super('THROTTLED', message, { retryable: true, ...options, fault: 'server' });
  }
}

/**
 * AWS failed on its side (5xx) or the connection broke. Retryable.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(input);
 * } catch (error) {
 *   if (error instanceof ServiceError)
 *     console.error(`AWS failed (${error.aws?.requestId}); retryable: ${error.retryable}`);
 * }
 * ```
 */
export class ServiceError extends ModelshipError {
  constructor(message: string, options: ModelshipErrorOptions = {}) {
    super('SERVICE_ERROR', message, { retryable: true, ...options, fault: 'server' });
  }
}

/**
 * A resource changed under us or already exists with other content (a registry version, an alias).
 *
 * @example
 * ```ts
 * try {
 *   await registry.setAlias('churn', 'production', '7');
 * } catch (error) {
 *   if (error instanceof ConflictError) console.error('Someone else moved the alias; read it again and retry');
 * }
 * ```
 */
export class ConflictError extends ModelshipError {
  constructor(message: string, options: ModelshipErrorOptions = {}) {
    super('CONFLICT', message, options);
  }
}

/**
 * Stored data is not what was recorded: an artifact whose SHA-256 no longer matches, a registry record that is not
 * valid JSON. Never retried, never silently skipped or overwritten: the message names what and where.
 *
 * @example
 * ```ts
 * try {
 *   await Model.fromRegistry(registry, 'churn@production');
 * } catch (error) {
 *   if (error instanceof IntegrityError) console.error(`Corrupt artifact at ${error.location}`);
 * }
 * ```
 */
export class IntegrityError extends ModelshipError {
  /** What was found wrong: an artifact URI, a file path. */
  readonly location: string;
  constructor(message: string, location: string, options: ModelshipErrorOptions = {}) {
    super('INTEGRITY', message, options);
    this.location = location;
  }
}

/**
 * Waiting ran past its deadline.
 *
 * @example
 * ```ts
 * try {
 *   await builder.deploy({ timeoutMs: 30 * 60_000 });
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.error(`Gave up after ${error.timeoutMs} ms`, error.report?.leftBehind);
 * }
 * ```
 */
export class TimeoutError extends ModelshipError {
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * When a deployment ran out of time: the step that was still running, and what was undone or left behind.
   * Undefined for other timeouts.
   */
  readonly report: DeploymentFailureReport | undefined;
  constructor(
    message: string,
    timeoutMs: number,
    options: ModelshipErrorOptions & { report?: DeploymentFailureReport } = {},
  ) {
    super('TIMEOUT', message, { retryable: true, ...options, fault: 'server' });
    this.timeoutMs = timeoutMs;
    this.report = options.report;
  }
}

/**
 * The operation was cancelled through an `AbortSignal`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 5_000);
 * try {
 *   await predictor.predict(input, { signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof AbortedError) console.error('Cancelled');
 * }
 * ```
 */
export class AbortedError extends ModelshipError {
  /**
   * When a deployment was aborted while running: the step that was interrupted, and what was undone or left
   * behind. Undefined for other aborts, and for a deployment aborted before it started (nothing had changed).
   */
  readonly report: DeploymentFailureReport | undefined;
  constructor(
    message = 'The operation was aborted.',
    options: ModelshipErrorOptions & { report?: DeploymentFailureReport } = {},
  ) {
    super('ABORTED', message, options);
    this.report = options.report;
  }
}

/**
 * A request or payload is larger than the service accepts.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(hugeInput);
 * } catch (error) {
 *   if (error instanceof PayloadTooLargeError) console.error(`Sent ${error.size} bytes; the limit is ${error.limit}`);
 * }
 * ```
 */
export class PayloadTooLargeError extends ModelshipError {
  /** The size that was sent, in bytes. */
  readonly size: number;
  /** The limit, in bytes. */
  readonly limit: number;
  constructor(message: string, size: number, limit: number, options: ModelshipErrorOptions = {}) {
    super('PAYLOAD_TOO_LARGE', message, options);
    this.size = size;
    this.limit = limit;
  }
}

/**
 * The model itself failed on an input (the container answered with an error). Not retried.
 *
 * @example
 * ```ts
 * try {
 *   await predictor.predict(input);
 * } catch (error) {
 *   if (error instanceof ModelError)
 *     console.error(error.originalStatusCode, error.originalMessage, error.logStreamArn);
 * }
 * ```
 */
export class ModelError extends ModelshipError {
  /** The status the model's container answered with. */
  readonly originalStatusCode: number | undefined;
  /** The body the model's container answered with. */
  readonly originalMessage: string | undefined;
  /** The CloudWatch log stream to read for the model's own log, when SageMaker names one. */
  readonly logStreamArn: string | undefined;
  constructor(
    message: string,
    options: ModelshipErrorOptions & {
      originalStatusCode?: number;
      originalMessage?: string;
      logStreamArn?: string;
    } = {},
  ) {
    super('MODEL_ERROR', message, { ...options, fault: 'server', retryable: false });
    this.originalStatusCode = options.originalStatusCode;
    this.originalMessage = options.originalMessage;
    this.logStreamArn = options.logStreamArn;
  }
}

/**
 * An optional dependency (such as `onnxruntime-node`) is needed but not installed.
 *
 * @example
 * ```ts
 * try {
 *   await Model.fromFile('iris.onnx').deployTo(Local()).deploy();
 * } catch (error) {
 *   if (error instanceof DependencyMissingError) console.error(`Run: npm install ${error.packageName}`);
 * }
 * ```
 */
export class DependencyMissingError extends ModelshipError {
  /** The npm package to install. */
  readonly packageName: string;
  constructor(packageName: string, purpose: string, options: ModelshipErrorOptions = {}) {
    super(
      'DEPENDENCY_MISSING',
      `${purpose} needs the optional package "${packageName}", which is not installed. Run: npm install ${packageName}`,
      options,
    );
    this.packageName = packageName;
  }
}

/**
 * What a failed deployment had done before it failed, and what it undid.
 *
 * @example
 * ```ts
 * try {
 *   await builder.deploy();
 * } catch (error) {
 *   if (error instanceof DeploymentFailedError) {
 *     const { failedStep, cleanedUp, leftBehind } = error.report;
 *     console.error(`${failedStep} failed; undid ${cleanedUp.length}; left behind:`, leftBehind.map((r) => r.name));
 *   }
 * }
 * ```
 */
export interface DeploymentFailureReport {
  /** The id of the step that failed. */
  readonly failedStep: string;
  /** The resources this run had created or changed and then undid, in the order they were undone. */
  readonly cleanedUp: readonly {
    /** What kind of resource, for people (`SageMaker endpoint`). */
    readonly kind: string;
    /** Its name in its service. */
    readonly name: string;
  }[];
  /** Resources whose undo itself failed: these are left behind and need attention. */
  readonly leftBehind: readonly {
    /** What kind of resource, for people (`SageMaker endpoint`). */
    readonly kind: string;
    /** Its name in its service. */
    readonly name: string;
    /** What its undo threw. */
    readonly error: unknown;
  }[];
}

/**
 * Applying a plan failed. What this run created has been undone unless `report.leftBehind` says otherwise.
 *
 * @example
 * ```ts
 * try {
 *   await builder.deploy();
 * } catch (error) {
 *   if (error instanceof DeploymentFailedError && error.report.leftBehind.length > 0) {
 *     console.error('Remove by hand:', error.report.leftBehind);
 *   }
 * }
 * ```
 */
export class DeploymentFailedError extends ModelshipError {
  /** What the deployment had done and undone when it failed. */
  readonly report: DeploymentFailureReport;
  constructor(message: string, report: DeploymentFailureReport, options: ModelshipErrorOptions = {}) {
    super('DEPLOYMENT_FAILED', message, { fault: 'server', ...options });
    this.report = report;
  }
}
