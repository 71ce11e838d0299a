/**
 * Async inference on the Local server: an in-process queue behind `InvokeEndpointAsync`, reading payloads from and
 * writing results to the S3 API (the loopback S3 server) or a folder.
 *
 * @packageDocumentation
 */
export {
  ASYNC_INVOCATIONS_PATH,
  type AsyncInvocations,
  type AsyncInvocationsHooks,
  type AsyncServerContext,
  createAsyncInvocations,
} from './handler.js';
export type { AsyncJob } from './job.js';
export {
  checkLocalAsyncOptions,
  type LocalAsyncOptions,
  type LocalAsyncSettings,
  type LocalAsyncStore,
} from './options.js';
export { ASYNC_HEADERS } from './request.js';
