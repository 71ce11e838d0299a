/**
 * The entry of a modelship Lambda function, bundled into the package's `index.mjs` (handler `index.handler`).
 *
 * The model loads at module evaluation (top-level await), so it loads during Lambda's init phase: before the first
 * request of an on-demand environment, and ahead of any request with provisioned concurrency. Its files are found
 * next to this module (`modelship.json`, `model/…`, `node_modules/onnxruntime-node`), wherever the zip is extracted.
 *
 * @packageDocumentation
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFunctionModel } from './load-model.js';
import { createFunctionHandler, type FunctionResult, type LambdaContext } from './serve.js';

const serve = createFunctionHandler(await loadFunctionModel(dirname(fileURLToPath(import.meta.url))));

/**
 * Lambda's handler: answers a modelship `Invoke` envelope (see `protocol.ts`) or a Function URL / API Gateway HTTP
 * API event, in the same shape.
 */
export async function handler(event: unknown, context?: LambdaContext): Promise<FunctionResult> {
  return serve(event, context);
}
