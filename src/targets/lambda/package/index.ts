/**
 * Lambda function packages: {@link packageFunction} builds the .zip a modelship function runs.
 *
 * @packageDocumentation
 */
export { MAX_DIRECT_UPLOAD_BYTES, MAX_UNZIPPED_BYTES } from './limits.js';
export { HANDLER_FILE, packageFunction } from './package-function.js';
export type {
  LambdaFunctionPackage,
  PackageArchitecture,
  PackageableSource,
  PackageFunctionOptions,
} from './types.js';
