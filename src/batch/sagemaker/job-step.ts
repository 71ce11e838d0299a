/**
 * The `transform-job` step: CreateTransformJob, then polled (each status a `step-waiting` event) until the job
 * ends. `Failed` fails the step with SageMaker's FailureReason and the log group; a rollback (a stop, an abort, a
 * later failure) stops a job still running and waits until it has, so its model is not deleted under it.
 */
import type { CreateTransformJobRequest } from '@aws-sdk/client-sagemaker';
import type { PlanStep } from '../../deploy/plan.js';
import { AbortedError } from '../../errors.js';
import { pollUntil } from '../../targets/sagemaker/steps/poll.js';
import { TRANSFORM_LOG_GROUP, TransformJobFailedError } from '../errors.js';
import type { TransformJobStatus } from '../options.js';
import type { TransformApi } from './transform-api.js';

/** What the step tells its watcher. */
export interface JobStepHooks {
  /** The job exists: the handle can be handed out. */
  started(): void;
  /** A poll saw `status`. */
  observe(status: TransformJobStatus, failureReason?: string): void;
  /** How often the undo re-reads a stopping job. */
  readonly undoPollMs?: number;
}

const ENDED = new Set(['Completed', 'Failed', 'Stopped']);

/** The step that runs `request`. */
export function transformJobStep(api: TransformApi, request: CreateTransformJobRequest, hooks: JobStepHooks): PlanStep {
  const name = request.TransformJobName as string;
  const { TransformResources: resources } = request;
  return {
    id: 'transform-job',
    resource: { kind: 'SageMaker transform job', name },
    action: 'create',
    reason:
      `transforms ${request.TransformInput?.DataSource?.S3DataSource?.S3Uri} into ${request.TransformOutput?.S3OutputPath} ` +
      `on ${resources?.InstanceCount} × ${resources?.InstanceType}`,
    dependsOn: ['model'],
    async apply(ctx) {
      // A job name is unique for good: a retry after a hidden success finds our own job rather than failing.
      const arn = await api.create(request, ctx.signal).catch(async (error: unknown) => {
        const found = await api.describe(name, ctx.signal).catch(() => undefined);
        if (found?.ModelName === request.ModelName && found?.TransformJobArn) return found.TransformJobArn;
        throw error;
      });
      hooks.started();
      return { name, arn };
    },
    async wait(ctx) {
      const job = await api.describe(name, ctx.signal);
      const status = (job?.TransformJobStatus ?? 'InProgress') as TransformJobStatus;
      hooks.observe(status, job?.FailureReason);
      if (status === 'Failed') {
        throw new TransformJobFailedError(name, job?.FailureReason ?? 'SageMaker gave no reason', TRANSFORM_LOG_GROUP);
      }
      if (status === 'Stopped') throw new AbortedError(`Transform job ${name} was stopped outside modelship.`);
      return { done: status === 'Completed', status };
    },
    async undo(ctx) {
      const job = await api.describe(name, ctx.signal);
      if (job === undefined || ENDED.has(job.TransformJobStatus ?? '')) return;
      if (job.TransformJobStatus !== 'Stopping') await api.stop(name, ctx.signal);
      hooks.observe('Stopping');
      await pollUntil(
        async () => {
          const now = await api.describe(name, ctx.signal);
          return now === undefined || ENDED.has(now.TransformJobStatus ?? '');
        },
        ctx.signal,
        hooks.undoPollMs,
      );
      hooks.observe('Stopped');
    },
  };
}
