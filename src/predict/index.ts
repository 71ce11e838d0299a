/**
 * The predictor: call a deployed model. Everything here is public through `modelship/predictor`; it imports
 * the SageMaker Runtime client and nothing of the control plane (no deploy, targets, or `src/aws`).
 *
 * Deliberately not exported: the retry and batching internals (`retry.ts`, `batch.ts`, `call-scope.ts`), the
 * runtime error mapping, and the npy helpers' internals.
 *
 * @packageDocumentation
 */
export {
  type Prediction,
  type PredictManyOptions,
  Predictor,
  type PredictorCommonOptions,
  type PredictorOptions,
} from './predictor.js';
export type { Clock, RetryOptions } from './retry.js';
export { bytes, type MediaTypeOptions, text } from './serde/bytes.js';
export { type CsvCell, type CsvOptions, type CsvRow, csv } from './serde/csv.js';
export { type JsonOptions, json } from './serde/json.js';
export { type JsonLinesOptions, jsonLines } from './serde/json-lines.js';
export {
  decodeNpy,
  encodeNpy,
  type NestedArray,
  NPY_CONTENT_TYPE,
  type NpyArray,
  type NpyData,
  type NpyDtype,
  type NpyInput,
  type NpyOptions,
  type NpyTypedArray,
  npy,
  toNested,
  toNpyArray,
} from './serde/npy.js';
export type { Codec, Deserializer, Serializer } from './serde/types.js';
export { PredictionStream } from './stream.js';
export { StreamInterruptedError } from './stream-error.js';
export * from './stream-formats/index.js';
export type { InvokeRequest, InvokeResponse, Transport } from './transport.js';
export {
  createRuntimeClient,
  REALTIME_MAX_REQUEST_BYTES,
  SageMakerRuntimeTransport,
  type SageMakerRuntimeTransportOptions,
} from './transports/sagemaker-runtime.js';
export type { InvokeOptions } from './validate.js';
