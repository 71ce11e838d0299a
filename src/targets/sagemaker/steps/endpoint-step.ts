/**
 * The endpoint itself: created when absent, moved to the new endpoint config when it serves another one (SageMaker's
 * blue/green update: the old fleet serves until the new one is proven), left alone when it already serves this one.
 */
import type { DescribeEndpointOutput } from '@aws-sdk/client-sagemaker';
import type { PlanStep, StepContext, WaitStatus } from '../../../deploy/plan.js';
import { ConflictError, ServiceError } from '../../../errors.js';
import type { SageMakerApi } from '../api.js';
import type { EndpointDesign } from '../design.js';
import { endpointLogGroup } from '../names.js';
import { acceptingHiddenSuccess } from './hidden-success.js';
import { ownedBy } from './owned.js';
import { pollUntil } from './poll.js';
import { liveWeights, sameSplit, weightsStep } from './weights-step.js';

/**
 * The output of a SageMaker deployment's `endpoint` step: what to call, and what serves it.
 *
 * @example
 * ```ts
 * const { endpointName, endpointConfigName } = deployment.outputs.get('endpoint') as SageMakerEndpointOutput;
 * const predictor = new Predictor({ endpointName });
 * ```
 */
export interface SageMakerEndpointOutput {
  /** The endpoint's name. */
  readonly endpointName: string;
  /** The endpoint's ARN. */
  readonly endpointArn: string;
  /** The endpoint config now serving. */
  readonly endpointConfigName: string;
  /** The config that served before this run's update, when it updated the endpoint. */
  readonly previousConfigName?: string;
}

// Statuses in which SageMaker is still changing the endpoint: it takes no update until it settles.
const BUSY = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

/**
 * Refuses, at plan time, an endpoint that cannot take this deployment now.
 * @throws {@link ConflictError} for an endpoint that is busy (retryable) or broken (not retryable).
 */
export function checkEndpointUsable(endpoint: DescribeEndpointOutput, name: string): void {
  const status = endpoint.EndpointStatus ?? 'unknown';
  if (status === 'InService') return;
  if (BUSY.has(status)) {
    throw new ConflictError(
      `SageMaker endpoint ${name} is ${status}: it takes no change until that finishes. Wait and deploy again.`,
      { retryable: true },
    );
  }
  const reason = endpoint.FailureReason ? ` (${endpoint.FailureReason})` : '';
  throw new ConflictError(
    `SageMaker endpoint ${name} is ${status}${reason} and cannot be updated. Read its logs in CloudWatch log group ` +
      `${endpointLogGroup(name)}, remove it (deployment.destroy() or DeleteEndpoint), and deploy again.`,
  );
}

/** The `endpoint` step for `design`, given what exists now. */
export function endpointStep(
  api: SageMakerApi,
  design: EndpointDesign,
  current: DescribeEndpointOutput | undefined,
  deployment: string,
): PlanStep {
  const name = design.endpointName;
  const configName = design.config.EndpointConfigName;
  const resource = { kind: 'SageMaker endpoint', name, arn: current?.EndpointArn };
  const dependsOn = ['endpoint-config'];
  if (current === undefined) {
    return {
      id: 'endpoint',
      resource,
      action: 'create',
      reason: `endpoint ${name} does not exist; serves endpoint config ${configName}`,
      dependsOn,
      async apply(ctx): Promise<SageMakerEndpointOutput> {
        const endpointArn = await acceptingHiddenSuccess(
          () =>
            api.createEndpoint({ EndpointName: name, EndpointConfigName: configName, Tags: design.tags }, ctx.signal),
          async () => {
            const made = await api.describeEndpoint(name, ctx.signal);
            const arn = made?.EndpointArn;
            const ours = arn !== undefined && made?.EndpointConfigName === configName;
            return ours && (await ownedBy(api, arn, deployment, ctx.signal)) ? arn : undefined;
          },
        );
        return { endpointName: name, endpointArn, endpointConfigName: configName };
      },
      wait: (ctx) => waitForConfig(api, name, configName, undefined, ctx),
      undo: (ctx) => deleteAndWait(api, name, ctx.signal),
    };
  }
  const endpointArn = current.EndpointArn ?? '';
  const previous = current.EndpointConfigName ?? '';
  if (previous === configName) {
    if (!sameSplit(liveWeights(current), design.weights)) return weightsStep(api, design, current);
    return {
      id: 'endpoint',
      resource,
      action: 'none',
      reason: `endpoint ${name} already serves endpoint config ${configName}`,
      dependsOn,
      existingOutput: {
        endpointName: name,
        endpointArn,
        endpointConfigName: configName,
      } satisfies SageMakerEndpointOutput,
    };
  }
  return {
    id: 'endpoint',
    resource,
    action: 'update',
    reason: `endpoint ${name} serves ${previous}; moves it to ${configName} (${rolloutOf(design)}), the old fleet serving until then`,
    dependsOn,
    async apply(ctx): Promise<SageMakerEndpointOutput> {
      const request = {
        EndpointName: name,
        EndpointConfigName: configName,
        ...(design.deploymentConfig === undefined ? {} : { DeploymentConfig: design.deploymentConfig }),
      };
      await acceptingHiddenSuccess(
        async () => {
          await api.updateEndpoint(request, ctx.signal);
          return true;
        },
        async () => {
          // An update under way shows its target config in PendingDeploymentSummary.
          const now = await api.describeEndpoint(name, ctx.signal);
          const moving = now?.PendingDeploymentSummary?.EndpointConfigName ?? now?.EndpointConfigName;
          return moving === configName ? true : undefined;
        },
      );
      return { endpointName: name, endpointArn, endpointConfigName: configName, previousConfigName: previous };
    },
    wait: (ctx) => waitForConfig(api, name, configName, previous, ctx),
    async undo(ctx) {
      // A later step failed after the update went through: put the old config back, the same blue/green way.
      const now = await api.describeEndpoint(name, ctx.signal);
      if (now === undefined || now.EndpointConfigName === previous) return;
      await pollUntil(async () => settled(await api.describeEndpoint(name, ctx.signal)), ctx.signal);
      await api.updateEndpoint({ EndpointName: name, EndpointConfigName: previous }, ctx.signal);
      await pollUntil(async () => {
        const endpoint = await api.describeEndpoint(name, ctx.signal);
        return endpoint?.EndpointStatus === 'InService' && endpoint.EndpointConfigName === previous;
      }, ctx.signal);
    },
  };
}

function rolloutOf(design: EndpointDesign): string {
  const policy = design.deploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration;
  const alarms = design.deploymentConfig?.AutoRollbackConfiguration?.Alarms?.length ?? 0;
  const shift = policy === undefined ? 'all at once' : policy.Type?.toLowerCase().replaceAll('_', ' ');
  return alarms === 0 ? `blue/green, ${shift}` : `blue/green, ${shift}, rolled back if any of ${alarms} alarm(s) fires`;
}

function settled(endpoint: DescribeEndpointOutput | undefined): boolean {
  return endpoint === undefined || !BUSY.has(endpoint.EndpointStatus ?? '');
}

async function waitForConfig(
  api: SageMakerApi,
  name: string,
  configName: string,
  previous: string | undefined,
  ctx: StepContext,
): Promise<WaitStatus> {
  const endpoint = await api.describeEndpoint(name, ctx.signal);
  if (endpoint === undefined) {
    throw new ServiceError(
      `SageMaker endpoint ${name} disappeared while it was being ${previous ? 'updated' : 'created'}.`,
      {
        retryable: false,
      },
    );
  }
  const status = endpoint.EndpointStatus ?? 'unknown';
  if (status === 'InService') {
    if (endpoint.EndpointConfigName === configName) return { done: true, status };
    throw new ServiceError(
      `The update of SageMaker endpoint ${name} was rolled back: it still serves ${endpoint.EndpointConfigName ?? previous}` +
        `${endpoint.FailureReason ? `, because ${endpoint.FailureReason}` : ''}. ${logHint(name)}`,
      { retryable: false },
    );
  }
  if (status === 'Failed' || status === 'UpdateRollbackFailed' || status === 'OutOfService') {
    throw new ServiceError(
      `SageMaker endpoint ${name} is ${status}: ${endpoint.FailureReason ?? 'SageMaker gave no reason'}. ${logHint(name)}`,
      { retryable: false },
    );
  }
  return { done: false, status };
}

function logHint(name: string): string {
  return (
    `The container's logs are in CloudWatch log group ${endpointLogGroup(name)} ` +
    '(one stream per instance, named <variant>/<instance id>).'
  );
}

/** Deletes an endpoint and waits until SageMaker no longer knows it. */
export async function deleteAndWait(api: SageMakerApi, name: string, signal: AbortSignal): Promise<void> {
  await pollUntil(async () => settled(await api.describeEndpoint(name, signal)), signal);
  await api.deleteEndpoint(name, signal);
  await pollUntil(async () => (await api.describeEndpoint(name, signal)) === undefined, signal);
}
