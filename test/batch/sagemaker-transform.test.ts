import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { planSageMakerTransform, runSageMakerTransform, TransformJobFailedError } from '../../src/batch/index.js';
import type { BatchTransformOptions } from '../../src/batch/options.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import { Model } from '../../src/deploy/model.js';
import { AbortedError, InvalidArgumentError } from '../../src/errors.js';
import { ARTIFACT, AWS, fakeAws, ROLE } from '../targets/sagemaker/support/setup.js';
import { addTransformJobs } from './support/fake-transform.js';

const source = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' }).source;
const options: BatchTransformOptions = {
  input: 's3://ml-data/iris/in/',
  output: 's3://ml-data/iris/out/',
  instanceType: 'ml.m5.large',
  instanceCount: 2,
  contentType: 'text/csv',
  accept: 'text/csv',
  splitType: 'Line',
  maxPayloadMb: 4,
  maxConcurrentTransforms: 2,
  joinSource: 'Input',
  inputFilter: '$[1:]',
  outputFilter: '$[0,-1]',
  role: ROLE,
  jobName: 'iris-batch-1',
  tags: { team: 'ml' },
};
const fast = { poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 }, stopPollMs: 1 };

function setup() {
  const { sagemaker } = fakeAws();
  const transform = addTransformJobs(sagemaker);
  const events: DeployEvent[] = [];
  return {
    sagemaker,
    ...transform,
    events,
    context: { aws: AWS, onEvent: (e: DeployEvent) => events.push(e), ...fast },
  };
}

describe('runSageMakerTransform', () => {
  it('creates the model like an endpoint model, sends a valid CreateTransformJob, polls, and removes the model', async () => {
    const { sagemaker, jobs, events, context } = setup();
    const job = await runSageMakerTransform(source, options, context);
    expect(job.name).toBe('iris-batch-1');
    expect(job.outputLocation).toBe('s3://ml-data/iris/out/');
    const result = await job.wait();
    expect(result).toEqual({ name: 'iris-batch-1', status: 'Completed', outputLocation: 's3://ml-data/iris/out/' });
    expect(job.status).toBe('Completed');
    expect(sagemaker.log).toEqual([
      'CreateModel iris-batch-1',
      'CreateTransformJob iris-batch-1',
      'DeleteModel iris-batch-1',
    ]);
    expect(sagemaker.resources()).toEqual([]);
    const request = jobs.get('iris-batch-1')?.input;
    expect(request).toMatchObject({
      ModelName: 'iris-batch-1',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 4,
      MaxConcurrentTransforms: 2,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/iris/in/' } },
        ContentType: 'text/csv',
        SplitType: 'Line',
        CompressionType: 'None',
      },
      TransformOutput: { S3OutputPath: 's3://ml-data/iris/out/', Accept: 'text/csv', AssembleWith: 'Line' },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 2 },
      DataProcessing: { InputFilter: '$[1:]', OutputFilter: '$[0,-1]', JoinSource: 'Input' },
    });
    expect(request?.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'ml' }]));
    const statuses = events.flatMap((e) => (e.type === 'step-waiting' ? [e.status] : []));
    expect(statuses).toEqual(['InProgress', 'InProgress']); // the engine reports the polls that were not done yet
  });

  it('surfaces FailureReason and the log group, and still removes the model', async () => {
    const { sagemaker, behaviour, context } = setup();
    behaviour.outcome = 'Failed';
    behaviour.failureReason = 'ClientError: Unable to parse record 3';
    const job = await runSageMakerTransform(source, options, context);
    const error = await job.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransformJobFailedError);
    expect((error as TransformJobFailedError).message).toContain('ClientError: Unable to parse record 3');
    expect((error as TransformJobFailedError).message).toContain('/aws/sagemaker/TransformJobs');
    expect(job.status).toBe('Failed');
    expect(job.failureReason).toBe('ClientError: Unable to parse record 3');
    expect(sagemaker.resources()).toEqual([]);
    expect(sagemaker.log.at(-1)).toBe('DeleteModel iris-batch-1');
  });

  it('stop() stops the job first, waits until it has stopped, then removes the model', async () => {
    const { sagemaker, behaviour, context } = setup();
    behaviour.polls = 1_000_000;
    const job = await runSageMakerTransform(source, options, {
      ...context,
      poll: { initialDelayMs: 5, maxDelayMs: 5, jitter: 0 },
    });
    await job.stop();
    expect(job.status).toBe('Stopped');
    expect(sagemaker.log).toEqual([
      'CreateModel iris-batch-1',
      'CreateTransformJob iris-batch-1',
      'StopTransformJob iris-batch-1',
      'DeleteModel iris-batch-1',
    ]);
    await expect(job.wait()).rejects.toBeInstanceOf(AbortedError);
  });

  it('an aborted signal stops the job the same way', async () => {
    const { sagemaker, behaviour, context } = setup();
    behaviour.polls = 1_000_000;
    const controller = new AbortController();
    const job = await runSageMakerTransform(source, options, { ...context, signal: controller.signal });
    controller.abort();
    await expect(job.wait()).rejects.toBeInstanceOf(AbortedError);
    expect(sagemaker.log).toContain('StopTransformJob iris-batch-1');
    expect(sagemaker.resources()).toEqual([]);
  });

  it('wait({ timeoutMs }) gives up waiting without stopping the job', async () => {
    const { sagemaker, behaviour, context } = setup();
    behaviour.polls = 1_000_000;
    const job = await runSageMakerTransform(source, options, {
      ...context,
      poll: { initialDelayMs: 5, maxDelayMs: 5, jitter: 0 },
    });
    await expect(job.wait({ timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(job.status).toBe('InProgress');
    await job.stop();
    expect(sagemaker.resources()).toEqual([]);
  });

  it('plans without creating anything', async () => {
    const { sagemaker } = setup();
    const { plan, request } = await planSageMakerTransform(source, options, new AwsContext(AWS));
    expect(plan.steps.map((s) => `${s.id}:${s.action}${s.cleanup ? ':cleanup' : ''}`)).toEqual([
      'model:create',
      'transform-job:create',
      'delete-model:delete:cleanup',
    ]);
    expect(request.TransformJobName).toBe('iris-batch-1');
    expect(sagemaker.log).toEqual([]);
  });

  it('refuses bad options before any call', async () => {
    const { sagemaker } = setup();
    const bad: Partial<BatchTransformOptions>[] = [
      { maxPayloadMb: 101 },
      { splitType: 'Lines' as never },
      { maxConcurrentTransforms: -1 },
      { instanceCount: 0 },
      { inputFilter: '$..x' },
      { input: './local-folder' },
      { jobName: 'bad name' },
      { role: undefined },
      { maxPayloadMb: 0 },
    ];
    for (const change of bad) {
      await expect(runSageMakerTransform(source, { ...options, ...change }, { aws: AWS })).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
    }
    expect(sagemaker.stub.calls()).toHaveLength(0);
  });
});
