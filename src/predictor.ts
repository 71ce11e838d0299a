/**
 * `modelship/predictor`: call a deployed model from a backend. Imports nothing of the control plane,
 * so a service or Lambda function that only calls a model stays small and starts fast.
 *
 * @packageDocumentation
 * @module modelship/predictor
 */
export {
  AbortedError,
  InvalidArgumentError,
  isModelshipError,
  ModelError,
  ModelshipError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from './errors.js';
export * from './predict/index.js';
