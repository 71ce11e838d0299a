/**
 * The SageMaker targets: real-time endpoints on dedicated instances and serverless endpoints billed by request.
 *
 * Exported: `SageMaker` (the target factories), their options and the endpoint step's output. Not exported: the
 * plan steps, the SageMaker calls and naming (internal, free to change).
 *
 * @packageDocumentation
 */
import type { Target } from '../target.js';
import { type AsyncFeatures, type AsyncOptions, asyncTarget } from './async/index.js';
import { checkRealtimeOptions, checkServerlessOptions } from './check-options.js';
import type { RealtimeOptions, ServerlessOptions } from './options.js';
import { type RealtimeFeatures, SageMakerEndpointTarget, type ServerlessFeatures } from './target.js';

export type { AsyncFeatures, AsyncNotifyOptions, AsyncOptions } from './async/index.js';
export type {
  DataCaptureOptions,
  RealtimeOptions,
  SageMakerCommonOptions,
  ServerlessOptions,
  ShadowOptions,
  TrafficShift,
  UpdateOptions,
  VariantOptions,
  VpcOptions,
} from './options.js';
export type { SageMakerEndpointOutput } from './steps/endpoint-step.js';
export type { RealtimeFeatures, SageMakerFeatures, ServerlessFeatures } from './target.js';

/**
 * Targets on Amazon SageMaker.
 *
 * @example
 * ```ts
 * const deployment = await Model.fromS3('s3://ml-artifacts/churn/model.tar.gz', {
 *   framework: 'sklearn',
 *   frameworkVersion: '1.2-1',
 * })
 *   .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: 'arn:aws:iam::123456789012:role/sm' }))
 *   .deploy({ onEvent: (e) => console.log(e.type) });
 * ```
 */
export const SageMaker = {
  /**
   * A real-time endpoint on dedicated instances: lowest latency, billed per instance hour, requests up to 6 MB.
   * @throws {@link InvalidArgumentError} for an option outside SageMaker's limits (before any AWS call).
   */
  realtime(options: RealtimeOptions): Target<RealtimeFeatures> {
    return new SageMakerEndpointTarget(checkRealtimeOptions(options)) as Target<RealtimeFeatures>;
  },
  /**
   * A serverless endpoint: scales to zero, billed per request and duration, CPU only, requests up to 4 MB.
   * @throws {@link InvalidArgumentError} for an option outside SageMaker's limits (before any AWS call).
   */
  serverless(options: ServerlessOptions): Target<ServerlessFeatures> {
    return new SageMakerEndpointTarget(checkServerlessOptions(options)) as Target<ServerlessFeatures>;
  },
  /**
   * An asynchronous endpoint: payloads up to 1 GB read from S3, results written to S3, up to an hour per inference.
   * Call it with an `AsyncPredictor`.
   * @throws {@link InvalidArgumentError} for an option outside SageMaker's limits (before any AWS call).
   */
  async(options: AsyncOptions): Target<AsyncFeatures> {
    return asyncTarget(options);
  },
} as const;
