/**
 * `Lambda({ … })`: serverless inference on AWS Lambda, packaged by modelship (or a container image from ECR),
 * reached through Invoke, a Function URL or an API Gateway HTTP API on the `live` alias, updated canary-style when
 * asked.
 */
import { checkLambdaOptions } from './check-options.js';
import type { FunctionPackager, LambdaDependencies, LambdaOptions } from './options.js';
import { LambdaTarget } from './target.js';

export type { LambdaSettings } from './check-options.js';
export type { HttpApiOutput } from './http-api/api-step.js';
export type {
  FunctionPackage,
  FunctionPackager,
  LambdaArchitecture,
  LambdaDependencies,
  LambdaExposure,
  LambdaFeatures,
  LambdaOptions,
  LambdaRolloutOptions,
  LambdaRuntime,
  PackageableSource,
} from './options.js';
export type { AliasOutput } from './steps/alias-step.js';
export type { ExposureAuth } from './steps/exposure.js';
export type { FunctionOutput } from './steps/function-steps.js';
export type { FunctionUrlOutput } from './steps/url-step.js';
export type { VersionOutput } from './steps/version-step.js';
export { LambdaTarget } from './target.js';

// Loaded on first use: planning another target never pulls in the zip library and the runtime bundle.
const packageFunction: FunctionPackager = async (source, options) => {
  const packaging = await import('./package/index.js');
  return packaging.packageFunction(source, options);
};

/**
 * A Lambda target. The options are checked here, before any AWS call.
 * @param dependencies - replace the packager or the canary's clock (tests).
 * @throws {@link InvalidArgumentError} naming the option and what is allowed.
 * @example
 * ```ts
 * const deployment = await Model.fromFile('iris.onnx')
 *   .deployTo(Lambda({ memoryMb: 1024, timeoutS: 30, createRole: true, expose: 'function-url' }))
 *   .deploy();
 * ```
 */
export function Lambda(options: LambdaOptions, dependencies: LambdaDependencies = {}): LambdaTarget {
  const settings = checkLambdaOptions(options);
  return new LambdaTarget(settings, { package: packageFunction, ...dependencies });
}
