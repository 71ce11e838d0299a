/**
 * Runs a planned SageMaker batch transform job with the engine in the background and hands back its handle once
 * the job exists.
 */

import type { AwsConfig } from '../../aws/config.js';
import { AwsContext } from '../../aws/context.js';
import { applyPlan, type PollOptions } from '../../deploy/apply.js';
import type { DeployEventHandler } from '../../deploy/events.js';
import type { ModelSource } from '../../model/source.js';
import { RunningTransformJob } from '../job.js';
import type { BatchTransformOptions, TransformJob } from '../options.js';
import { startSignal } from '../started.js';
import { planSageMakerTransform } from './plan.js';

/**
 * How {@link runSageMakerTransform} runs.
 *
 * @example
 * ```ts
 * const context: SageMakerTransformContext = {
 *   aws: { region: 'eu-west-1' },
 *   onEvent: console.log,
 *   poll: { maxDelayMs: 60_000 },
 * };
 * const job = await runSageMakerTransform(model.source, options, context);
 * ```
 */
export interface SageMakerTransformContext {
  /** The AWS context or configuration (region, credentials, clients). */
  readonly aws: AwsContext | AwsConfig;
  /** Progress: the engine's events; each poll of the job is a `step-waiting` event with its status. */
  readonly onEvent?: DeployEventHandler;
  /** Stops the job (StopTransformJob) and removes its model, as `stop()` does. */
  readonly signal?: AbortSignal;
  /** How often the job is polled. @default the engine's backoff */
  readonly poll?: PollOptions;
  /** How often a stopping job is re-read before its model is removed. @default 10 s */
  readonly stopPollMs?: number;
}

/**
 * Creates the job's model (uploading a local model first), starts the transform job, and resolves with its handle
 * once the job exists. The model is removed when the job ends, fails or is stopped.
 * @throws {@link InvalidArgumentError} for bad options (before any call); what planning or creating throws
 *   (`DeploymentFailedError` with the cause, after removing what was made).
 * @example
 * ```ts
 * const job = await runSageMakerTransform(
 *   Model.fromS3('s3://models/iris.tar.gz', { framework: 'sklearn', frameworkVersion: '1.2-1' }).source,
 *   {
 *     input: 's3://data/in/',
 *     output: 's3://data/out/',
 *     instanceType: 'ml.m5.large',
 *     contentType: 'text/csv',
 *     splitType: 'Line',
 *     role: 'arn:aws:iam::123456789012:role/sm',
 *   },
 *   { aws: { region: 'eu-west-1' } },
 * );
 * await job.wait();
 * ```
 */
export async function runSageMakerTransform(
  source: ModelSource,
  options: BatchTransformOptions,
  context: SageMakerTransformContext,
): Promise<TransformJob> {
  const aws = context.aws instanceof AwsContext ? context.aws : new AwsContext(context.aws);
  const start = startSignal();
  let handle: RunningTransformJob | undefined;
  const { plan, settings } = await planSageMakerTransform(source, options, aws, {
    started: start.started,
    observe: (status, reason) => handle?.observe(status, reason),
    ...(context.stopPollMs === undefined ? {} : { undoPollMs: context.stopPollMs }),
  });
  const controller = new AbortController();
  context.signal?.addEventListener('abort', () => controller.abort(context.signal?.reason), { once: true });
  const applied = applyPlan(plan, {
    signal: controller.signal,
    // A transform job runs as long as its data needs (SageMaker's own limit is days), not an endpoint's hour.
    timeoutMs: Number.POSITIVE_INFINITY,
    ...(context.onEvent ? { onEvent: context.onEvent } : {}),
    ...(context.poll ? { poll: context.poll } : {}),
  });
  handle = new RunningTransformJob({
    name: settings.jobName,
    outputLocation: settings.output,
    controller,
    applied,
    result: () => ({ name: settings.jobName, status: 'Completed', outputLocation: settings.output }),
  });
  await start.wait(applied);
  return handle;
}
