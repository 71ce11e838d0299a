/**
 * Checks the options of `SageMaker.async` without any I/O. What a real-time endpoint shares is checked by
 * `checkRealtimeOptions` itself, so an async endpoint refuses exactly what a real-time one would; the async
 * part is checked against SageMaker's `AsyncInferenceConfig` rules (sagemaker.json).
 */
import { integerOption, objectOption, stringOption } from '../../../checks.js';
import { InvalidArgumentError } from '../../../errors.js';
import { checkRealtimeOptions, type RealtimeSettings } from '../check-options.js';
import type { AsyncNotifyOptions, AsyncOptions } from './options.js';

/** The checked async part. */
export interface AsyncSettings {
  readonly outputS3Uri: string;
  readonly failureS3Uri: string | undefined;
  readonly notify: { readonly success?: string; readonly error?: string; readonly includeResult: boolean };
  readonly maxConcurrentInvocationsPerInstance: number | undefined;
  readonly inputS3Uri: string | undefined;
}

/**
 * Checked options of an async endpoint: a real-time endpoint's settings (kind `realtime`, so the plan, scaling
 * and monitoring treat its instances as they treat any) with the async part beside them.
 */
export type AsyncEndpointSettings = RealtimeSettings & { readonly async: AsyncSettings };

// DestinationS3Uri in sagemaker.json allows https:// too; modelship takes s3:// only, which the role and the
// predictor can name and read. Bucket rules as S3's.
const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const S3_PREFIX_TEXT = 'an S3 prefix such as s3://ml-results/churn/ (at most 512 characters)';
// SnsTopicArn in sagemaker.json.
const SNS_TOPIC = /^arn:aws[a-z-]*:sns:[a-z0-9-]*:[0-9]{12}:[a-zA-Z0-9_.-]+$/;
const ASYNC_ONLY = [
  'outputS3Uri',
  'failureS3Uri',
  'notify',
  'maxConcurrentInvocationsPerInstance',
  'inputS3Uri',
] as const;

/** True when settings are an async endpoint's. */
export function isAsyncSettings(settings: object): settings is AsyncEndpointSettings {
  return 'async' in settings && typeof (settings as { async?: unknown }).async === 'object';
}

/**
 * Checks the options of `SageMaker.async`.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 */
export function checkAsyncOptions(options: AsyncOptions): AsyncEndpointSettings {
  objectOption(
    'options',
    options,
    "{ instanceType: 'ml.m5.large', outputS3Uri: 's3://bucket/results/', role: 'arn:aws:iam::…:role/…' }",
  );
  const loose = options as AsyncOptions & Record<string, unknown>;
  for (const key of ['variants', 'shadow'] as const) {
    if (loose[key] !== undefined) {
      throw new InvalidArgumentError(
        key,
        `Async endpoints do not take ${key}: one production variant works through the endpoint's queue. Deploy ` +
          'the other model as an endpoint of its own, or use SageMaker.realtime for A/B tests and shadows.',
      );
    }
  }
  const realtimeOptions = Object.fromEntries(
    Object.entries(options).filter(([key]) => !(ASYNC_ONLY as readonly string[]).includes(key)),
  ) as unknown as AsyncOptions;
  const realtime = checkRealtimeOptions(realtimeOptions);
  const outputS3Uri = prefixOption('outputS3Uri', options.outputS3Uri);
  if (outputS3Uri === undefined) {
    throw new InvalidArgumentError(
      'outputS3Uri',
      "SageMaker.async needs outputS3Uri, where SageMaker writes each output, e.g. 's3://ml-results/churn/'.",
    );
  }
  const inputS3Uri = prefixOption('inputS3Uri', options.inputS3Uri);
  if (inputS3Uri === undefined && 'create' in realtime.role) {
    throw new InvalidArgumentError(
      'inputS3Uri',
      'With createRole, SageMaker.async needs inputS3Uri (where callers upload payloads, the prefix given to ' +
        "AsyncPredictor), so the role it creates may read them: e.g. inputS3Uri: 's3://ml-inputs/churn/'.",
    );
  }
  return {
    ...realtime,
    async: {
      outputS3Uri,
      failureS3Uri: prefixOption('failureS3Uri', options.failureS3Uri),
      notify: checkNotify(options.notify),
      maxConcurrentInvocationsPerInstance: integerOption(
        'maxConcurrentInvocationsPerInstance',
        options.maxConcurrentInvocationsPerInstance,
        1,
        1000,
      ),
      inputS3Uri,
    },
  };
}

function prefixOption(argument: string, value: unknown): string | undefined {
  const uri = stringOption(argument, value, S3_PREFIX, S3_PREFIX_TEXT);
  if (uri !== undefined && uri.length > 512) {
    throw new InvalidArgumentError(argument, `${argument} is ${uri.length} characters; SageMaker takes at most 512.`);
  }
  return uri;
}

function checkNotify(notify: AsyncNotifyOptions | undefined): AsyncSettings['notify'] {
  if (notify === undefined) return { includeResult: false };
  objectOption('notify', notify, "{ success: 'arn:aws:sns:…', error: 'arn:aws:sns:…' }");
  const what = 'an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:inference-done';
  const success = stringOption('notify.success', notify.success, SNS_TOPIC, what);
  const error = stringOption('notify.error', notify.error, SNS_TOPIC, what);
  const includeResult = notify.includeResult ?? false;
  if (typeof includeResult !== 'boolean') {
    throw new InvalidArgumentError('notify.includeResult', 'notify.includeResult must be true or false.');
  }
  if (includeResult && success === undefined && error === undefined) {
    throw new InvalidArgumentError('notify.includeResult', 'notify.includeResult needs a success or error topic.');
  }
  return {
    ...(success === undefined ? {} : { success }),
    ...(error === undefined ? {} : { error }),
    includeResult,
  };
}
