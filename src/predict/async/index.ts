/**
 * Async inference from the calling side: {@link AsyncPredictor} and the handle it returns. It needs the S3 client
 * besides the SageMaker Runtime one, which is why it is not part of `modelship/predictor` (whose budget is the
 * runtime client alone) but of the main entry and, once wired, its own subpath.
 *
 * @packageDocumentation
 */
export { AsyncPredictor } from './async-predictor.js';
export { AsyncInference, type AsyncInferenceLocations, type AsyncInferenceState } from './inference.js';
export {
  ASYNC_MAX_PAYLOAD_BYTES,
  type AsyncPredictorOptions,
  type ResultOptions,
  type SubmitOptions,
} from './options.js';
