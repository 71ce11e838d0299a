/**
 * The endpoint a spec asks for, as the SageMaker requests that would make it. Pure: the same inputs give the same
 * requests and the same content-derived names, which is what lets `plan()` compare them with what exists.
 */
import type {
  ContainerDefinition,
  CreateEndpointConfigInput,
  CreateModelInput,
  DataCaptureConfig,
  DeploymentConfig,
  ProductionVariant,
  Tag,
} from '@aws-sdk/client-sagemaker';
import type { AwsTag } from '../../aws/tags.js';
import { asyncEndpointConfigOf } from './async/config.js';
import { type EndpointSettings, hasLocalStorage, type RealtimeSettings } from './check-options.js';
import { deploymentConfigOf } from './deployment-config.js';
import { contentName } from './names.js';

/** The serving container: its image, the artifact it downloads, its environment. */
export interface Container {
  readonly Image: string;
  readonly ModelDataUrl?: string;
  readonly Environment?: Readonly<Record<string, string>>;
}

/** One model the endpoint serves, as the CreateModel request that makes it. */
export type ModelDesign = CreateModelInput & { readonly ModelName: string };

/** Everything SageMaker is asked to make for one endpoint. */
export interface EndpointDesign {
  readonly endpointName: string;
  /** The models, the deployment's own first; a model two variants share appears once. */
  readonly models: readonly ModelDesign[];
  readonly config: CreateEndpointConfigInput & { readonly EndpointConfigName: string };
  /** How an update of the live endpoint rolls out; `undefined` leaves SageMaker's default (blue/green, all at once). */
  readonly deploymentConfig: DeploymentConfig | undefined;
  /** The production variants' traffic weights, by variant name. */
  readonly weights: Readonly<Record<string, number>>;
  readonly tags: Tag[];
}

/** One variant to design: its model's container and its share of traffic. */
export interface VariantInput {
  readonly name: string;
  readonly container: Container;
  /**
   * What identifies the artifact's content beyond its URL (an S3 ETag, a SHA-256), so a new artifact uploaded to
   * the same URL still makes a new model.
   */
  readonly artifactIdentity?: string;
  /** Real-time only; the endpoint's own when left out. */
  readonly instanceType?: string;
  readonly instanceCount?: number;
  /** Its traffic weight; for the shadow, the percentage of requests copied to it. */
  readonly weight: number;
}

/** What {@link designEndpoint} needs besides the settings. */
export interface DesignInputs {
  readonly settings: EndpointSettings;
  readonly endpointName: string;
  readonly roleArn: string;
  /** The production variants, the deployment's own first. */
  readonly production: readonly VariantInput[];
  readonly shadow?: VariantInput;
  readonly tags: readonly AwsTag[];
  /** CloudWatch alarms that roll an update back: `update.rollbackAlarms` and those `.monitor(…)` makes. */
  readonly rollbackAlarms?: readonly string[];
}

/** The requests that make the endpoint `inputs` describe. */
export function designEndpoint(inputs: DesignInputs): EndpointDesign {
  const { settings, endpointName, roleArn } = inputs;
  const tags = inputs.tags.map(({ Key, Value }) => ({ Key, Value }));
  const models = new Map<string, ModelDesign>();
  const modelOf = (variant: VariantInput): string => {
    const content: Omit<CreateModelInput, 'ModelName' | 'Tags'> = {
      PrimaryContainer: primaryContainer(variant.container),
      ExecutionRoleArn: roleArn,
      ...(settings.kind === 'realtime' ? networkOf(settings) : {}),
    };
    const ModelName = contentName(endpointName, { ...content, artifact: variant.artifactIdentity });
    if (!models.has(ModelName)) models.set(ModelName, { ModelName, ...content, Tags: tags });
    return ModelName;
  };
  const production = inputs.production.map((variant) => variantOf(settings, variant, modelOf(variant)));
  const shadow = inputs.shadow && variantOf(settings, inputs.shadow, modelOf(inputs.shadow));
  const configContent: Omit<CreateEndpointConfigInput, 'EndpointConfigName' | 'Tags'> = {
    ProductionVariants: production,
    ...(shadow === undefined ? {} : { ShadowProductionVariants: [shadow] }),
    ...(settings.kind === 'realtime' ? realtimeConfigOf(settings) : {}),
    ...asyncEndpointConfigOf(settings),
  };
  // Production weights change live (UpdateEndpointWeightsAndCapacities), without a new config: leave them out of
  // the config's name so a new split alone does not replace the fleet.
  const unweighted = {
    ...configContent,
    ProductionVariants: production.map(({ InitialVariantWeight: _, ...rest }) => rest),
  };
  return {
    endpointName,
    models: [...models.values()],
    config: { EndpointConfigName: contentName(endpointName, unweighted), ...configContent, Tags: tags },
    deploymentConfig: deploymentConfigOf({
      ...settings.update,
      rollbackAlarms: inputs.rollbackAlarms ?? settings.update.rollbackAlarms,
    }),
    weights: Object.fromEntries(inputs.production.map((variant) => [variant.name, variant.weight])),
    tags,
  };
}

function primaryContainer(container: Container): ContainerDefinition {
  const { Image, ModelDataUrl, Environment } = container;
  return {
    Image,
    ...(ModelDataUrl === undefined ? {} : { ModelDataUrl }),
    ...(Environment === undefined || Object.keys(Environment).length === 0 ? {} : { Environment: { ...Environment } }),
  };
}

function networkOf(settings: RealtimeSettings): Pick<CreateModelInput, 'VpcConfig' | 'EnableNetworkIsolation'> {
  return {
    ...(settings.vpc === undefined
      ? {}
      : { VpcConfig: { Subnets: [...settings.vpc.subnets], SecurityGroupIds: [...settings.vpc.securityGroupIds] } }),
    ...(settings.networkIsolation ? { EnableNetworkIsolation: true } : {}),
  };
}

function variantOf(settings: EndpointSettings, variant: VariantInput, ModelName: string): ProductionVariant {
  const VariantName = variant.name;
  if (settings.kind === 'serverless') {
    return {
      VariantName,
      ModelName,
      ServerlessConfig: {
        MemorySizeInMB: settings.memoryMb,
        MaxConcurrency: settings.maxConcurrency,
        ...(settings.provisionedConcurrency === undefined
          ? {}
          : { ProvisionedConcurrency: settings.provisionedConcurrency }),
      },
    };
  }
  const instanceType = variant.instanceType ?? settings.instanceType;
  return {
    VariantName,
    ModelName,
    InstanceType: instanceType as ProductionVariant['InstanceType'],
    InitialInstanceCount: variant.instanceCount ?? settings.instanceCount,
    InitialVariantWeight: variant.weight,
    ...(settings.volumeSizeGb === undefined || hasLocalStorage(instanceType)
      ? {}
      : { VolumeSizeInGB: settings.volumeSizeGb }),
    ...(settings.modelDataDownloadTimeoutS === undefined
      ? {}
      : { ModelDataDownloadTimeoutInSeconds: settings.modelDataDownloadTimeoutS }),
    ...(settings.startupHealthCheckTimeoutS === undefined
      ? {}
      : { ContainerStartupHealthCheckTimeoutInSeconds: settings.startupHealthCheckTimeoutS }),
  };
}

function realtimeConfigOf(
  settings: RealtimeSettings,
): Pick<CreateEndpointConfigInput, 'KmsKeyId' | 'DataCaptureConfig'> {
  const volumeKey = settings.kmsKeyId !== undefined && !hasLocalStorage(settings.instanceType);
  return {
    ...(volumeKey ? { KmsKeyId: settings.kmsKeyId } : {}),
    ...(settings.dataCapture === undefined ? {} : { DataCaptureConfig: dataCaptureOf(settings) }),
  };
}

function dataCaptureOf(settings: RealtimeSettings): DataCaptureConfig | undefined {
  const capture = settings.dataCapture;
  if (capture === undefined) return undefined;
  const modes =
    capture.capture === 'both'
      ? (['Input', 'Output'] as const)
      : ([capture.capture === 'input' ? 'Input' : 'Output'] as const);
  return {
    EnableCapture: true,
    InitialSamplingPercentage: capture.samplingPercent,
    DestinationS3Uri: capture.destination,
    ...(settings.kmsKeyId === undefined ? {} : { KmsKeyId: settings.kmsKeyId }),
    CaptureOptions: modes.map((CaptureMode) => ({ CaptureMode })),
  };
}
