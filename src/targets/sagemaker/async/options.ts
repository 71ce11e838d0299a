/**
 * The options of `SageMaker.async`, as users write them: a real-time endpoint's (instances, role, VPC, data
 * capture…) plus where SageMaker writes outputs and failures, whom it notifies, and how many requests each
 * instance works on at once.
 */
import type { RealtimeOptions } from '../options.js';

/**
 * SNS topics SageMaker publishes to when an inference ends.
 *
 * @example
 * ```ts
 * SageMaker.async({
 *   instanceType: 'ml.g5.xlarge', createRole: true, outputS3Uri: 's3://ml-results/whisper/',
 *   notify: { success: 'arn:aws:sns:eu-west-1:123456789012:done', error: 'arn:aws:sns:eu-west-1:123456789012:failed' },
 * });
 * ```
 */
export interface AsyncNotifyOptions {
  /** The topic ARN told of each output written. */
  readonly success?: string;
  /** The topic ARN told of each failure. */
  readonly error?: string;
  /**
   * Also put the output (or failure) itself in the notification, for small results, so subscribers need not read
   * S3. SageMaker includes it only when it fits in the SNS message (256 KB).
   * @default false
   */
  readonly includeResult?: boolean;
}

/**
 * Options of {@link SageMaker.async}: an endpoint on dedicated instances that queues requests, reads their
 * payloads from S3 (up to 1 GB) and writes results to S3, for inferences that run for up to an hour. With
 * `.withAutoscaling({ min: 0, … })` it scales to zero when its queue is empty.
 *
 * Not for async endpoints: `variants` and `shadow` (one production variant serves the queue).
 *
 * @example
 * ```ts
 * SageMaker.async({
 *   instanceType: 'ml.g5.xlarge',
 *   outputS3Uri: 's3://ml-results/whisper/',
 *   failureS3Uri: 's3://ml-results/whisper-failures/',
 *   notify: { error: 'arn:aws:sns:eu-west-1:123456789012:whisper-failures' },
 *   role: 'arn:aws:iam::123456789012:role/sm',
 * });
 * ```
 */
export interface AsyncOptions extends Omit<RealtimeOptions, 'variants' | 'shadow'> {
  /** Where SageMaker writes each output, as `s3://bucket/prefix/` (at most 512 characters). */
  readonly outputS3Uri: string;
  /**
   * Where SageMaker writes each failure (`s3://bucket/prefix/`); without it, a failure is only told through
   * `notify.error`, and callers waiting on S3 wait until their deadline.
   * @default none
   */
  readonly failureS3Uri?: string;
  /** SNS notifications of outputs and failures. */
  readonly notify?: AsyncNotifyOptions;
  /**
   * Requests each instance's container is sent at once (1–1000).
   * @default SageMaker's choice for the container
   */
  readonly maxConcurrentInvocationsPerInstance?: number;
  /**
   * Where callers upload payloads (`s3://bucket/prefix/`), so that `createRole: true` can let the endpoint read
   * them and nothing else. Needed with `createRole`; ignored with a role of yours (it must allow reading them).
   */
  readonly inputS3Uri?: string;
}
