/**
 * Async inference on SageMaker, the deploying side: `SageMaker.async`'s options, their check, and the pieces the
 * endpoint design and the execution role take from it.
 *
 * @packageDocumentation
 */
export { type AsyncEndpointSettings, type AsyncSettings, checkAsyncOptions, isAsyncSettings } from './check-options.js';
export { asyncEndpointConfigOf, asyncInferenceConfigOf } from './config.js';
export type { AsyncNotifyOptions, AsyncOptions } from './options.js';
export { asyncRoleStatements } from './role-statements.js';
export { type AsyncFeatures, asyncTarget } from './target.js';
