/**
 * modelship: take a trained ML model to production on AWS with one typed fluent chain.
 *
 * @packageDocumentation
 */
export {
  AbortedError,
  AccessDeniedError,
  type AwsErrorDetails,
  ConflictError,
  DependencyMissingError,
  DeploymentFailedError,
  type DeploymentFailureReport,
  type ErrorCode,
  type ErrorFault,
  InvalidArgumentError,
  isModelshipError,
  ModelError,
  ModelshipError,
  type ModelshipErrorOptions,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from './errors.js';
