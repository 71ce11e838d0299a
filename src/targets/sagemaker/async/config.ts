/**
 * The `AsyncInferenceConfig` of an async endpoint's CreateEndpointConfig request. Pure, like the rest of the
 * design: the same settings give the same config, and so the same content-derived endpoint config name.
 */
import type { AsyncInferenceConfig, CreateEndpointConfigInput } from '@aws-sdk/client-sagemaker';
import type { EndpointSettings } from '../check-options.js';
import { type AsyncEndpointSettings, isAsyncSettings } from './check-options.js';

/** The `AsyncInferenceConfig` for `settings`: outputs, failures, notifications, the KMS key, per-instance concurrency. */
export function asyncInferenceConfigOf(settings: AsyncEndpointSettings): AsyncInferenceConfig {
  const { outputS3Uri, failureS3Uri, notify, maxConcurrentInvocationsPerInstance } = settings.async;
  const topics = [
    ...(notify.success === undefined ? [] : (['SUCCESS_NOTIFICATION_TOPIC'] as const)),
    ...(notify.error === undefined ? [] : (['ERROR_NOTIFICATION_TOPIC'] as const)),
  ];
  const notification = {
    ...(notify.success === undefined ? {} : { SuccessTopic: notify.success }),
    ...(notify.error === undefined ? {} : { ErrorTopic: notify.error }),
    ...(notify.includeResult ? { IncludeInferenceResponseIn: [...topics] } : {}),
  };
  return {
    OutputConfig: {
      S3OutputPath: outputS3Uri,
      ...(failureS3Uri === undefined ? {} : { S3FailurePath: failureS3Uri }),
      // The deployment's key encrypts what the endpoint writes, as it does the artifact and captured data.
      ...(settings.kmsKeyId === undefined ? {} : { KmsKeyId: settings.kmsKeyId }),
      ...(topics.length === 0 ? {} : { NotificationConfig: notification }),
    },
    ...(maxConcurrentInvocationsPerInstance === undefined
      ? {}
      : { ClientConfig: { MaxConcurrentInvocationsPerInstance: maxConcurrentInvocationsPerInstance } }),
  };
}

/**
 * The design's hook: the part of the endpoint config an async endpoint adds, nothing for the others. Spread it
 * into `configContent` in `designEndpoint`, so it is part of the config's content-derived name (a new output
 * path makes a new config, as SageMaker requires: `AsyncInferenceConfig` cannot be changed in place).
 */
export function asyncEndpointConfigOf(
  settings: EndpointSettings,
): Pick<CreateEndpointConfigInput, 'AsyncInferenceConfig'> {
  return isAsyncSettings(settings) ? { AsyncInferenceConfig: asyncInferenceConfigOf(settings) } : {};
}
