/**
 * The Local target: serve a model on this machine with the SageMaker Runtime API, no AWS account needed.
 *
 * Exported: `Local`, its options and outputs, and the types of a handler module. Not exported: the server, the
 * runners and the fault injection used by tests (internal, free to change).
 *
 * @packageDocumentation
 */
export type { LocalAsyncOptions, LocalAsyncStore } from './async/index.js';
export type { HandlerContext, LocalHandler } from './handler/types.js';
export type { OnnxBatchingOptions } from './onnx/index.js';
export type { LocalOptions } from './options.js';
export { Local, type LocalFeatures, type LocalModelOutput, type LocalServerOutput } from './target.js';
