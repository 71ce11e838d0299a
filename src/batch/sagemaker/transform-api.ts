/**
 * The SageMaker transform job calls, each mapped to modelship errors that name the job.
 */
import {
  CreateTransformJobCommand,
  type CreateTransformJobRequest,
  DescribeTransformJobCommand,
  type DescribeTransformJobResponse,
  SageMakerClient,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { callAws, findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';

function context(operation: string, name: string) {
  return { service: 'SageMaker', operation, resource: { kind: 'SageMaker transform job', name } };
}

/** Transform jobs, as the batch runner uses them. */
export class TransformApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  async create(input: CreateTransformJobRequest, signal?: AbortSignal): Promise<string> {
    const out = await callAws(context('CreateTransformJob', input.TransformJobName ?? ''), () =>
      this.#aws.client(SageMakerClient).send(new CreateTransformJobCommand(input), { abortSignal: signal }),
    );
    return out.TransformJobArn ?? '';
  }

  /** The job, or `undefined` when there is none of that name. */
  describe(name: string, signal?: AbortSignal): Promise<DescribeTransformJobResponse | undefined> {
    return findAws(context('DescribeTransformJob', name), () =>
      this.#aws
        .client(SageMakerClient)
        .send(new DescribeTransformJobCommand({ TransformJobName: name }), { abortSignal: signal }),
    );
  }

  /** Asks the job to stop; a job already gone is not an error. */
  async stop(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('StopTransformJob', name), () =>
      this.#aws
        .client(SageMakerClient)
        .send(new StopTransformJobCommand({ TransformJobName: name }), { abortSignal: signal }),
    );
  }
}
