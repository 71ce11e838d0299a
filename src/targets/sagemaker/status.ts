/**
 * A SageMaker endpoint deployment as another process finds it, by name, with describe calls only: the endpoint
 * (refused when its `modelship:deployment` tag names another deployment), the endpoint config it serves, and from
 * them the status `status()` reports and the outputs `attach()` hands to the transport, metrics and destroy.
 */
import type {
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  ProductionVariantServerlessConfig,
  ProductionVariantSummary,
} from '@aws-sdk/client-sagemaker';
import { MODELSHIP_TAG_PREFIX } from '../../aws/tags.js';
import type { DeploymentOutputs, ResourceStatus, TargetStatus } from '../target.js';
import type { SageMakerApi } from './api.js';
import type { SageMakerEndpointOutput } from './steps/endpoint-step.js';
import { foreignEndpointError, isOwnedBy } from './steps/owned.js';

const MODEL_VERSION_TAG = `${MODELSHIP_TAG_PREFIX}model-version`;

/** The endpoint of a deployment and the config it serves, as found. */
export interface FoundEndpoint {
  readonly endpoint: DescribeEndpointOutput;
  /** The endpoint config it serves; `undefined` if that was deleted by hand. */
  readonly config: DescribeEndpointConfigOutput | undefined;
  /** The registry version the served config was made for (its `modelship:model-version` tag). */
  readonly modelVersion: string | undefined;
}

/**
 * The deployment's endpoint, or `undefined` when there is none of that name.
 * @throws {@link ConflictError} when the endpoint was not made by `deployment`.
 */
export async function findEndpoint(
  api: SageMakerApi,
  endpointName: string,
  deployment: string,
  signal?: AbortSignal,
): Promise<FoundEndpoint | undefined> {
  const endpoint = await api.describeEndpoint(endpointName, signal);
  if (endpoint === undefined) return undefined;
  const tags = await api.tagsOf(endpoint.EndpointArn ?? '', signal);
  if (!isOwnedBy(tags, deployment)) throw foreignEndpointError(endpointName, deployment);
  const configName = endpoint.EndpointConfigName;
  const config = configName === undefined ? undefined : await api.describeEndpointConfig(configName, signal);
  // The endpoint keeps the tags it was created with; each update serves a new config, tagged with its version.
  const configTags = config?.EndpointConfigArn === undefined ? {} : await api.tagsOf(config.EndpointConfigArn, signal);
  const modelVersion = configTags[MODEL_VERSION_TAG] ?? tags[MODEL_VERSION_TAG];
  return { endpoint, config, modelVersion };
}

/** What `status()` reports for `found` (nothing deployed when `undefined`). */
export function endpointStatus(found: FoundEndpoint | undefined): TargetStatus {
  if (found === undefined) return { deployed: false, state: 'NotDeployed', healthy: false, resources: [] };
  const { endpoint, config, modelVersion } = found;
  const state = endpoint.EndpointStatus ?? 'Unknown';
  const pending = endpoint.PendingDeploymentSummary?.EndpointConfigName;
  const main: ResourceStatus = {
    kind: 'SageMaker endpoint',
    name: endpoint.EndpointName ?? '',
    ...(endpoint.EndpointArn === undefined ? {} : { arn: endpoint.EndpointArn }),
    status: state,
    detail:
      `serves endpoint config ${endpoint.EndpointConfigName ?? '?'}` +
      (pending === undefined ? '' : `; moving to ${pending}`),
  };
  const variants = [
    ...(endpoint.ProductionVariants ?? []).map((v) => variantStatus(v, config, 'SageMaker production variant')),
    ...(endpoint.ShadowProductionVariants ?? []).map((v) => variantStatus(v, config, 'SageMaker shadow variant')),
  ];
  return {
    deployed: true,
    state,
    healthy: state === 'InService',
    ...(modelVersion === undefined ? {} : { modelVersion }),
    ...(endpoint.FailureReason === undefined ? {} : { failureReason: endpoint.FailureReason }),
    ...(endpoint.LastModifiedTime === undefined ? {} : { updatedAt: endpoint.LastModifiedTime }),
    resources: [main, ...variants],
  };
}

/** The outputs `attach()` gives: the `endpoint` step's, as the deploy that made the endpoint left them. */
export function endpointOutputs(found: FoundEndpoint): DeploymentOutputs {
  const { endpoint } = found;
  const output: SageMakerEndpointOutput = {
    endpointName: endpoint.EndpointName ?? '',
    endpointArn: endpoint.EndpointArn ?? '',
    endpointConfigName: endpoint.EndpointConfigName ?? '',
  };
  return new Map([['endpoint', output]]);
}

function variantStatus(
  variant: ProductionVariantSummary,
  config: DescribeEndpointConfigOutput | undefined,
  kind: string,
): ResourceStatus {
  const name = variant.VariantName ?? '';
  const configured = [...(config?.ProductionVariants ?? []), ...(config?.ShadowProductionVariants ?? [])].find(
    (item) => item.VariantName === name,
  );
  const capacity =
    variant.CurrentServerlessConfig !== undefined || variant.DesiredServerlessConfig !== undefined
      ? serverless(variant.CurrentServerlessConfig, variant.DesiredServerlessConfig)
      : instances(configured?.InstanceType, variant.CurrentInstanceCount, variant.DesiredInstanceCount);
  const weight = variant.CurrentWeight === undefined ? '' : `, weight ${variant.CurrentWeight}`;
  // The newest entry says what the variant is doing now (Creating, Updating, ActivatingTraffic, Baking).
  const doing = variant.VariantStatus?.at(-1)?.Status;
  return { kind, name, ...(doing === undefined ? {} : { status: doing }), detail: `${capacity}${weight}` };
}

function instances(type: string | undefined, current: number | undefined, desired: number | undefined): string {
  const count = current ?? desired;
  const of = count === undefined ? '' : `${count} × `;
  const wanted = desired !== undefined && desired !== current && current !== undefined ? ` (desired ${desired})` : '';
  return `${of}${type ?? 'instances'}${wanted}`;
}

function serverless(
  current: ProductionVariantServerlessConfig | undefined,
  desired: ProductionVariantServerlessConfig | undefined,
): string {
  const shown = current ?? desired;
  const memory = shown?.MemorySizeInMB === undefined ? '' : `, ${shown.MemorySizeInMB} MB`;
  const concurrency = shown?.MaxConcurrency === undefined ? '' : `, max concurrency ${shown.MaxConcurrency}`;
  const warm =
    shown?.ProvisionedConcurrency === undefined ? '' : `, provisioned concurrency ${shown.ProvisionedConcurrency}`;
  const changing =
    current !== undefined && desired !== undefined && JSON.stringify(current) !== JSON.stringify(desired)
      ? ' (changing)'
      : '';
  return `serverless${memory}${concurrency}${warm}${changing}`;
}
