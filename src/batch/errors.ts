/**
 * The error of a transform job that ran and failed: separate from the deployment errors because what went wrong is
 * the job's data or model, not the resources around it.
 */
import { ModelshipError, type ModelshipErrorOptions } from '../errors.js';

/**
 * A batch transform job ended `Failed`.
 *
 * @example
 * ```ts
 * try {
 *   await job.wait();
 * } catch (error) {
 *   if (error instanceof TransformJobFailedError) console.error(error.failureReason, error.logGroup);
 * }
 * ```
 */
export class TransformJobFailedError extends ModelshipError {
  /** The job's name. */
  readonly jobName: string;
  /** What SageMaker (or the Local runner) said: `FailureReason`. */
  readonly failureReason: string;
  /** Where the job's container logs are: `/aws/sagemaker/TransformJobs` on SageMaker; absent on Local. */
  readonly logGroup: string | undefined;

  constructor(jobName: string, failureReason: string, logGroup?: string, options: ModelshipErrorOptions = {}) {
    const logs = logGroup === undefined ? '' : ` See the log group ${logGroup} (streams ${jobName}/…).`;
    super('MODEL_ERROR', `Transform job ${jobName} failed: ${failureReason}${logs}`, options);
    this.jobName = jobName;
    this.failureReason = failureReason;
    this.logGroup = logGroup;
  }
}

/**
 * The CloudWatch log group SageMaker writes every transform job's container logs to.
 *
 * @example
 * ```ts
 * // The logs of a job's containers: streams named `<job name>/…` in this group.
 * console.log(`aws logs tail ${TRANSFORM_LOG_GROUP} --log-stream-name-prefix ${job.name}/`);
 * ```
 */
export const TRANSFORM_LOG_GROUP = '/aws/sagemaker/TransformJobs';
