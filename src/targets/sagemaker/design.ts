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
  TrafficRoutingConfig,
} from '@aws-sdk/client-sagemaker';
import type { AwsTag } from '../../aws/tags.js';
import { type EndpointSettings, hasLocalStorage, type RealtimeSettings, type UpdateSettings } from './check-options.js';
import { contentName } from './names.js';

/** The serving container: its image, the artifact it downloads, its environment. */
export interface Container {
  readonly Image: string;
  readonly ModelDataUrl?: string;
  readonly Environment?: Readonly<Record<string, string>>;
}

/** Everything SageMaker is asked to make for one endpoint. */
export interface EndpointDesign {
  readonly endpointName: string;
  readonly model: CreateModelInput & { readonly ModelName: string };
  readonly config: CreateEndpointConfigInput & { readonly EndpointConfigName: string };
  /** How an update of the live endpoint rolls out; `undefined` leaves SageMaker's default (blue/green, all at once). */
  readonly deploymentConfig: DeploymentConfig | undefined;
  readonly tags: Tag[];
}

/** What {@link designEndpoint} needs besides the settings. */
export interface DesignInputs {
  readonly settings: EndpointSettings;
  readonly endpointName: string;
  readonly container: Container;
  readonly roleArn: string;
  /**
   * What identifies the artifact's content beyond its URL (an S3 ETag, a SHA-256), so a new artifact uploaded to
   * the same URL still makes a new model.
   */
  readonly artifactIdentity?: string;
  readonly tags: readonly AwsTag[];
}

/** The requests that make the endpoint `inputs` describe. */
export function designEndpoint(inputs: DesignInputs): EndpointDesign {
  const { settings, endpointName, container, roleArn } = inputs;
  const tags = inputs.tags.map(({ Key, Value }) => ({ Key, Value }));
  const modelContent: Omit<CreateModelInput, 'ModelName' | 'Tags'> = {
    PrimaryContainer: primaryContainer(container),
    ExecutionRoleArn: roleArn,
    ...(settings.kind === 'realtime' ? networkOf(settings) : {}),
  };
  const ModelName = contentName(endpointName, { ...modelContent, artifact: inputs.artifactIdentity });
  const configContent: Omit<CreateEndpointConfigInput, 'EndpointConfigName' | 'Tags'> = {
    ProductionVariants: [variantOf(settings, ModelName)],
    ...(settings.kind === 'realtime' ? realtimeConfigOf(settings) : {}),
  };
  return {
    endpointName,
    model: { ModelName, ...modelContent, Tags: tags },
    config: { EndpointConfigName: contentName(endpointName, configContent), ...configContent, Tags: tags },
    deploymentConfig: deploymentConfigOf(settings.update),
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

function variantOf(settings: EndpointSettings, ModelName: string): ProductionVariant {
  const VariantName = settings.variantName;
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
  return {
    VariantName,
    ModelName,
    InstanceType: settings.instanceType as ProductionVariant['InstanceType'],
    InitialInstanceCount: settings.instanceCount,
    InitialVariantWeight: 1,
    ...(settings.volumeSizeGb === undefined ? {} : { VolumeSizeInGB: settings.volumeSizeGb }),
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

function deploymentConfigOf(update: UpdateSettings): DeploymentConfig | undefined {
  const { traffic, rollbackAlarms, terminationWaitS, maxExecutionTimeoutS } = update;
  const isDefault =
    traffic.type === 'all-at-once' &&
    (traffic.waitS ?? 0) === 0 &&
    rollbackAlarms.length === 0 &&
    terminationWaitS === undefined &&
    maxExecutionTimeoutS === undefined;
  if (isDefault) return undefined;
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: trafficRoutingOf(update),
      ...(terminationWaitS === undefined ? {} : { TerminationWaitInSeconds: terminationWaitS }),
      ...(maxExecutionTimeoutS === undefined ? {} : { MaximumExecutionTimeoutInSeconds: maxExecutionTimeoutS }),
    },
    ...(rollbackAlarms.length === 0
      ? {}
      : { AutoRollbackConfiguration: { Alarms: rollbackAlarms.map((AlarmName) => ({ AlarmName })) } }),
  };
}

function trafficRoutingOf({ traffic }: UpdateSettings): TrafficRoutingConfig {
  switch (traffic.type) {
    case 'all-at-once':
      return { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: traffic.waitS ?? 0 };
    case 'canary':
      return {
        Type: 'CANARY',
        WaitIntervalInSeconds: traffic.waitS,
        CanarySize: capacity(traffic.percent, traffic.instances),
      };
    case 'linear':
      return {
        Type: 'LINEAR',
        WaitIntervalInSeconds: traffic.waitS,
        LinearStepSize: capacity(traffic.stepPercent, traffic.stepInstances),
      };
  }
}

function capacity(percent: number | undefined, instances: number | undefined) {
  return percent !== undefined
    ? { Type: 'CAPACITY_PERCENT' as const, Value: percent }
    : { Type: 'INSTANCE_COUNT' as const, Value: instances ?? 1 };
}
