/**
 * Batch transform: run a model over every object under an S3 prefix (SageMaker) or a folder (Local), with one set
 * of options and one job handle.
 *
 * @packageDocumentation
 */
export type { BatchSettings } from './check-options.js';
export { checkBatchOptions } from './check-options.js';
export { TRANSFORM_LOG_GROUP, TransformJobFailedError } from './errors.js';
export { type LocalTransformContext, runLocalTransform } from './local/run-local.js';
export type {
  BatchStrategy,
  BatchTransformOptions,
  SplitType,
  TransformJob,
  TransformJobResult,
  TransformJobStatus,
  TransformWaitOptions,
} from './options.js';
export { type PlannedTransform, planSageMakerTransform } from './sagemaker/plan.js';
export { runSageMakerTransform, type SageMakerTransformContext } from './sagemaker/run-sagemaker.js';
