/**
 * Loads the runner for a model file: a handler module, or an ONNX model in onnxruntime (imported only when an
 * ONNX model is served, so handler-only users never load it).
 */
import { createHandlerRunner } from './handler/handler-runner.js';
import type { LocalModelFile } from './model-files.js';
import type { OnnxBatchingOptions } from './onnx/index.js';
import type { ModelRunner } from './runner.js';

/** Options of {@link loadRunner}. */
export interface LoadOptions {
  /** Dynamic batching of an ONNX model; handlers ignore it. */
  readonly batching?: boolean | OnnxBatchingOptions;
}

/**
 * Loads `model` and returns its runner, whose `close()` does its work once however often it is called.
 * @throws what `createHandlerRunner` or `createOnnxRunner` throw (bad module or model file, missing onnxruntime).
 */
export async function loadRunner(model: LocalModelFile, options: LoadOptions = {}): Promise<ModelRunner> {
  if (model.runner === 'handler') return closeOnce(await createHandlerRunner(model.path));
  const { createOnnxRunner } = await import('./onnx/index.js');
  const runner = await createOnnxRunner(
    model.path,
    options.batching === undefined ? {} : { batching: options.batching },
  );
  return closeOnce(runner);
}

/** The same runner, with a `close()` that closes it at most once: the server and the plan's undo may both call it. */
function closeOnce(runner: ModelRunner): ModelRunner {
  let closed: Promise<void> | undefined;
  const stream = runner.invokeStream?.bind(runner);
  return {
    description: runner.description,
    invoke: (request) => runner.invoke(request),
    ...(stream ? { invokeStream: stream } : {}),
    close: () => {
      closed ??= runner.close();
      return closed;
    },
  };
}
