import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/aws/version.js';
import * as root from '../../src/index.js';
import * as local from '../../src/local.js';
import * as predictor from '../../src/predictor.js';

// The public surface, pinned: a name that appears or disappears here is an API change and needs a CHANGELOG line.
describe('public exports', () => {
  it('modelship', () => {
    expect(Object.keys(root).sort()).toMatchInlineSnapshot(`
      [
        "ASYNC_MAX_PAYLOAD_BYTES",
        "AbortedError",
        "AccessDeniedError",
        "AsyncInference",
        "AsyncPredictor",
        "AwsContext",
        "Baseline",
        "ConflictError",
        "DecodedStreamInterruptedError",
        "DependencyMissingError",
        "Deployment",
        "DeploymentBuilder",
        "DeploymentFailedError",
        "DriftReport",
        "IntegrityError",
        "InvalidArgumentError",
        "Lambda",
        "LambdaTarget",
        "Local",
        "LocalRegistryStore",
        "Model",
        "ModelError",
        "ModelshipError",
        "NPY_CONTENT_TYPE",
        "NotFoundError",
        "PLAN_JSON_VERSION",
        "PayloadTooLargeError",
        "PredictionStream",
        "Predictor",
        "REALTIME_MAX_REQUEST_BYTES",
        "Registry",
        "S3RegistryStore",
        "SageMaker",
        "SageMakerRegistryStore",
        "SageMakerRuntimeTransport",
        "ServiceError",
        "StreamFormatError",
        "StreamInterruptedError",
        "TRANSFORM_LOG_GROUP",
        "ThrottledError",
        "TimeoutError",
        "TransformJobFailedError",
        "ValidationReport",
        "applyPlan",
        "bytes",
        "checkBatchOptions",
        "compareToBaseline",
        "createBillingAlarm",
        "createRuntimeClient",
        "csv",
        "decodeNpy",
        "defineConfig",
        "encodeNpy",
        "formatModelRef",
        "formatPlan",
        "isModelshipError",
        "isRetryable",
        "json",
        "jsonLineValues",
        "jsonLines",
        "npy",
        "parseModelRef",
        "planSageMakerTransform",
        "planToJSON",
        "removeBillingAlarm",
        "runLocalTransform",
        "runSageMakerTransform",
        "serverSentEvents",
        "text",
        "textChunks",
        "textLines",
        "toNested",
        "toNpyArray",
        "tokens",
        "validatePredictor",
      ]
    `);
  });

  it('modelship/predictor', () => {
    expect(Object.keys(predictor).sort()).toMatchInlineSnapshot(`
      [
        "AbortedError",
        "DecodedStreamInterruptedError",
        "InvalidArgumentError",
        "ModelError",
        "ModelshipError",
        "NPY_CONTENT_TYPE",
        "NotFoundError",
        "PayloadTooLargeError",
        "PredictionStream",
        "Predictor",
        "REALTIME_MAX_REQUEST_BYTES",
        "SageMakerRuntimeTransport",
        "ServiceError",
        "StreamFormatError",
        "StreamInterruptedError",
        "ThrottledError",
        "TimeoutError",
        "bytes",
        "createRuntimeClient",
        "csv",
        "decodeNpy",
        "encodeNpy",
        "isModelshipError",
        "json",
        "jsonLineValues",
        "jsonLines",
        "npy",
        "serverSentEvents",
        "text",
        "textChunks",
        "textLines",
        "toNested",
        "toNpyArray",
        "tokens",
      ]
    `);
  });

  it('modelship/local', () => {
    expect(Object.keys(local).sort()).toMatchInlineSnapshot(`
      [
        "Local",
      ]
    `);
  });

  it('the user agent carries the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
