/**
 * The steps that make an endpoint's models and its endpoint config: each created when absent (its name says its
 * content), found again after a hidden success, and removed if a later step of the run fails.
 */
import type { DescribeEndpointConfigOutput, DescribeModelOutput } from '@aws-sdk/client-sagemaker';
import type { PlanStep } from '../../../deploy/plan.js';
import type { SageMakerApi } from '../api.js';
import type { EndpointSettings } from '../check-options.js';
import type { EndpointDesign, ModelDesign } from '../design.js';
import { createIfAbsentStep } from './create-if-absent.js';
import { ownedBy } from './owned.js';

/** What exists of the design now. */
export interface ExistingResources {
  readonly config: DescribeEndpointConfigOutput | undefined;
  /** In the order of `design.models`. */
  readonly models: readonly (DescribeModelOutput | undefined)[];
}

/** Where the steps go in the plan. */
export interface ModelStepsContext {
  readonly deployment: string;
  /** Steps the models wait for (the artifact upload, the role). */
  readonly after: readonly PlanStep[];
  readonly settings: EndpointSettings;
}

/** One step per model (`model`, `model-2`, …), then `endpoint-config`. */
export function modelAndConfigSteps(
  api: SageMakerApi,
  design: EndpointDesign,
  existing: ExistingResources,
  context: ModelStepsContext,
): PlanStep[] {
  const { deployment, settings } = context;
  const modelIds = design.models.map((_, index) => (index === 0 ? 'model' : `model-${index + 1}`));
  const steps = design.models.map((model, index) =>
    createIfAbsentStep({
      id: modelIds[index] as string,
      kind: 'SageMaker model',
      name: model.ModelName,
      existingArn: existing.models[index]?.ModelArn,
      dependsOn: context.after.map((step) => step.id),
      what: `serves ${describeContainer(model)}`,
      create: (step) => api.createModel(model, step.signal),
      remove: (step) => api.deleteModel(model.ModelName, step.signal),
      find: async (step) => ownArn(api, (await api.describeModel(model.ModelName, step.signal))?.ModelArn, deployment),
    }),
  );
  const configName = design.config.EndpointConfigName;
  steps.push(
    createIfAbsentStep({
      id: 'endpoint-config',
      kind: 'SageMaker endpoint config',
      name: configName,
      existingArn: existing.config?.EndpointConfigArn,
      dependsOn: modelIds,
      what: describeCapacity(settings, design),
      create: (step) => api.createEndpointConfig(design.config, step.signal),
      remove: (step) => api.deleteEndpointConfig(configName, step.signal),
      find: async (step) =>
        ownArn(api, (await api.describeEndpointConfig(configName, step.signal))?.EndpointConfigArn, deployment),
    }),
  );
  return steps;
}

/** `arn` when the resource there carries this deployment's tag. */
async function ownArn(api: SageMakerApi, arn: string | undefined, deployment: string): Promise<string | undefined> {
  return arn !== undefined && (await ownedBy(api, arn, deployment)) ? arn : undefined;
}

function describeContainer(model: ModelDesign): string {
  const container = model.PrimaryContainer;
  return `${container?.Image ?? 'an image'}${container?.ModelDataUrl ? ` with ${container.ModelDataUrl}` : ''}`;
}

function describeCapacity(settings: EndpointSettings, design: EndpointDesign): string {
  if (settings.kind === 'serverless') {
    return `serverless, ${settings.memoryMb} MB, up to ${settings.maxConcurrency} concurrent invocations`;
  }
  const variants = design.config.ProductionVariants ?? [];
  const fleets = variants.map((v) => `${v.VariantName}: ${v.InitialInstanceCount} × ${v.InstanceType}`);
  const shadow = design.config.ShadowProductionVariants?.[0];
  return (
    fleets.join(', ') +
    (shadow ? `, shadow ${shadow.VariantName}: ${shadow.InitialInstanceCount} × ${shadow.InstanceType}` : '')
  );
}
