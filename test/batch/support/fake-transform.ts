/**
 * Transform jobs added to the fake SageMaker of the target tests (on its contract-checked stub): a job goes
 * InProgress for `polls` describes, then ends as `outcome` says; StopTransformJob makes it Stopping, then Stopped.
 */
import {
  CreateTransformJobCommand,
  type CreateTransformJobRequest,
  DescribeTransformJobCommand,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { type FakeSageMaker, sageMakerError } from '../../targets/sagemaker/support/fake-sagemaker.js';

interface Job {
  readonly input: CreateTransformJobRequest;
  status: string;
  pending: number;
  failureReason?: string;
}

/** How new jobs end. */
export interface TransformBehaviour {
  polls: number;
  outcome: 'Completed' | 'Failed';
  failureReason: string;
}

/** Installs transform jobs on `sagemaker`; returns them and their behaviour. */
export function addTransformJobs(sagemaker: FakeSageMaker) {
  const jobs = new Map<string, Job>();
  const behaviour: TransformBehaviour = {
    polls: 2,
    outcome: 'Completed',
    failureReason: 'ClientError: See job logs for more information',
  };
  const s = sagemaker.stub;
  s.on(CreateTransformJobCommand).callsFake((input) => {
    if (jobs.has(input.TransformJobName)) throw sageMakerError('ResourceInUse', 'Job name in use.');
    if (!sagemaker.models.has(input.ModelName)) throw sageMakerError('ValidationException', 'Could not find model.');
    jobs.set(input.TransformJobName, { input, status: 'InProgress', pending: behaviour.polls });
    sagemaker.log.push(`CreateTransformJob ${input.TransformJobName}`);
    return { TransformJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:transform-job/${input.TransformJobName}` };
  });
  s.on(DescribeTransformJobCommand).callsFake((input) => {
    const job = jobs.get(input.TransformJobName);
    if (!job) throw sageMakerError('ValidationException', `Could not find job "${input.TransformJobName}".`);
    if (job.pending > 0) job.pending -= 1;
    else if (job.status === 'InProgress') {
      job.status = behaviour.outcome;
      if (job.status === 'Failed') job.failureReason = behaviour.failureReason;
    } else if (job.status === 'Stopping') job.status = 'Stopped';
    return {
      TransformJobName: input.TransformJobName,
      TransformJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:transform-job/${input.TransformJobName}`,
      TransformJobStatus: job.status,
      ModelName: job.input.ModelName,
      ...(job.failureReason ? { FailureReason: job.failureReason } : {}),
      TransformInput: job.input.TransformInput,
      TransformResources: job.input.TransformResources,
      CreationTime: new Date(0),
    } as never;
  });
  s.on(StopTransformJobCommand).callsFake((input) => {
    const job = jobs.get(input.TransformJobName);
    if (!job) throw sageMakerError('ValidationException', 'Could not find job.');
    if (job.status === 'InProgress') {
      job.status = 'Stopping';
      job.pending = 1; // stops after one more describe, however long the job would have run
    }
    sagemaker.log.push(`StopTransformJob ${input.TransformJobName}`);
    return {};
  });
  return { jobs, behaviour };
}
