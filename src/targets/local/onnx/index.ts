/**
 * ONNX models for the Local target: `createOnnxRunner` loads a model into onnxruntime-node (an optional peer
 * dependency, imported on first use) and serves it to the Local server.
 *
 * @packageDocumentation
 */
export {
  createOnnxRunner,
  type OnnxBatchingOptions,
  type OnnxRunner,
  type OnnxRunnerOptions,
  type OnnxRunnerStats,
} from './onnx-runner.js';
export type { Dim as OnnxDim, TensorInfo as OnnxTensorInfo, TensorType as OnnxTensorType } from './tensor.js';
