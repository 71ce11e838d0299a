/**
 * The plan of a SageMaker batch transform job: the model made exactly as an endpoint's (the SageMaker target's
 * container resolution, artifact upload and CreateModel design), the job, and the model's removal once the job has
 * ended. The model is named after the job, so it is never shared and always safe to remove.
 */
import type { CreateTransformJobRequest } from '@aws-sdk/client-sagemaker';
import type { AwsContext } from '../../aws/context.js';
import { buildTags } from '../../aws/tags.js';
import type { Plan, PlanStep } from '../../deploy/plan.js';
import { InvalidArgumentError } from '../../errors.js';
import { requireFramework } from '../../model/images/framework-image.js';
import type { ModelSource } from '../../model/source.js';
import { SageMakerApi } from '../../targets/sagemaker/api.js';
import { planLocalArtifact } from '../../targets/sagemaker/artifact-steps.js';
import { checkRealtimeOptions } from '../../targets/sagemaker/check-options.js';
import { remoteContainer } from '../../targets/sagemaker/container.js';
import { designEndpoint } from '../../targets/sagemaker/design.js';
import { createIfAbsentStep } from '../../targets/sagemaker/steps/create-if-absent.js';
import { ownedBy } from '../../targets/sagemaker/steps/owned.js';
import { type BatchSettings, checkBatchOptions } from '../check-options.js';
import type { BatchTransformOptions } from '../options.js';
import { type JobStepHooks, transformJobStep } from './job-step.js';
import { TransformApi } from './transform-api.js';
import { transformJobRequest } from './transform-request.js';

/**
 * A planned job: the plan, and the request it will send.
 *
 * @example
 * ```ts
 * const { plan, request } = await planSageMakerTransform(source, options, new AwsContext({ region: 'eu-west-1' }));
 * console.log(formatPlan(plan), request.TransformJobName);
 * ```
 */
export interface PlannedTransform {
  /** The steps: the model (and its artifact upload), the job, the model's removal. */
  readonly plan: Plan;
  /** The checked options. */
  readonly settings: BatchSettings;
  /** The CreateTransformJob request the job step will send. */
  readonly request: CreateTransformJobRequest;
}

const TARGET = 'sagemaker-batch';
const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/;

/**
 * Plans the job with read-only calls (the artifact checked, the bucket looked up). Nothing is created.
 * @throws {@link InvalidArgumentError} for bad options or a source SageMaker cannot run (before any call).
 *
 * @example
 * ```ts
 * const { plan } = await planSageMakerTransform(
 *   Model.fromS3('s3://ml-models/iris.tar.gz', { framework: 'sklearn', frameworkVersion: '1.2-1' }).source,
 *   { input: 's3://ml-data/in/', output: 's3://ml-data/out/', instanceType: 'ml.m5.large', role },
 *   new AwsContext({ region: 'eu-west-1' }),
 * );
 * console.log(formatPlan(plan));
 * ```
 */
export async function planSageMakerTransform(
  source: ModelSource,
  options: BatchTransformOptions,
  aws: AwsContext,
  hooks: JobStepHooks = { started: () => undefined, observe: () => undefined },
): Promise<PlannedTransform> {
  const settings = checkBatchOptions(options);
  for (const [argument, uri] of [
    ['input', settings.input],
    ['output', settings.output],
  ] as const) {
    if (!S3_PREFIX.test(uri)) {
      throw new InvalidArgumentError(
        argument,
        `${argument} must be an S3 prefix such as s3://bucket/prefix/, got ${JSON.stringify(uri)}.`,
      );
    }
  }
  if (options.createRole !== undefined && options.createRole !== false) {
    // The endpoint role modelship makes grants no access to the job's input, output or TransformJobs logs.
    throw new InvalidArgumentError(
      'createRole',
      'Batch transform jobs need a role that reads the input prefix and writes the output prefix: pass role with its ARN.',
    );
  }
  // The SageMaker target's own checks of the role, KMS key and artifact bucket: one set of rules for both.
  const target = checkRealtimeOptions({
    instanceType: settings.instanceType,
    instanceCount: settings.instanceCount,
    ...(options.role === undefined ? {} : { role: options.role }),
    ...(options.kmsKeyId === undefined ? {} : { kmsKeyId: options.kmsKeyId }),
    ...(options.artifactBucket === undefined ? {} : { artifactBucket: options.artifactBucket }),
  });
  if (!('arn' in target.role)) throw new InvalidArgumentError('role', 'A batch transform job needs role.');
  if (source.kind === 'file' || source.kind === 'directory') requireFramework(source);
  const region = await aws.region();
  const name = settings.jobName;
  const tags = buildTags(settings.tags, { deployment: name, target: TARGET });
  const artifact =
    source.kind === 'file' || source.kind === 'directory'
      ? await planLocalArtifact(source, { aws, region, settings: target, deployment: name })
      : undefined;
  const container = artifact ?? (await remoteContainer(source, aws, { region, instanceType: settings.instanceType }));
  const design = designEndpoint({
    settings: target,
    endpointName: name,
    roleArn: target.role.arn,
    production: [{ name: target.variantName, ...container, weight: 1 }],
    tags,
  });
  const model = { ...(design.models[0] as (typeof design.models)[number]), ModelName: name };
  const api = new SageMakerApi(aws);
  const before = artifact?.steps ?? [];
  const modelStep = createIfAbsentStep({
    id: 'model',
    kind: 'SageMaker model',
    name,
    existingArn: undefined,
    dependsOn: before.map((step) => step.id),
    what: `serves ${model.PrimaryContainer?.Image}${model.PrimaryContainer?.ModelDataUrl ? ` with ${model.PrimaryContainer.ModelDataUrl}` : ''} for the job`,
    create: (ctx) => api.createModel(model, ctx.signal),
    remove: (ctx) => api.deleteModel(name, ctx.signal),
    find: async (ctx) => {
      const arn = (await api.describeModel(name, ctx.signal))?.ModelArn;
      return arn !== undefined && (await ownedBy(api, arn, name, ctx.signal)) ? arn : undefined;
    },
  });
  const request = transformJobRequest(settings, name, tags, target.kmsKeyId);
  const removeModel: PlanStep = {
    id: 'delete-model',
    resource: { kind: 'SageMaker model', name },
    action: 'delete',
    reason: 'the job has ended; its model is no longer needed',
    cleanup: true,
    apply: (ctx) => api.deleteModel(name, ctx.signal),
  };
  const steps = [...before, modelStep, transformJobStep(new TransformApi(aws), request, hooks), removeModel];
  return { plan: { name, target: TARGET, steps }, settings, request };
}
