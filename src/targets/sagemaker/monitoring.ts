/**
 * `.monitor(…)` on a SageMaker endpoint: CloudWatch alarms (made before the endpoint changes, so an update can
 * name them as rollback alarms) and a dashboard, planned with the endpoint and removed with it.
 */
import type { AwsContext } from '../../aws/context.js';
import type { AwsTag } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import { AccessDeniedError, InvalidArgumentError } from '../../errors.js';
import {
  checkMonitor,
  checkNotifyRegion,
  destroyAlarms,
  destroyDashboard,
  type MonitorOptions,
  type MonitorSettings,
  planAlarms,
  planDashboard,
  rollbackAlarmNames,
} from '../../monitor/index.js';
import type { EndpointSettings } from './check-options.js';

/**
 * Checks `.monitor(…)` for the endpoint's settings (and, given the region, that its topics are there).
 * @throws {@link InvalidArgumentError} for an option that does not fit (before any AWS call).
 */
export function checkEndpointMonitor(
  settings: EndpointSettings,
  options: MonitorOptions | undefined,
  region?: string,
): MonitorSettings | undefined {
  if (options === undefined) return undefined;
  const monitor = checkMonitor(options, { kind: settings.kind });
  // SNS topics must be in the endpoint's region; known once the region is, and checked before any call.
  if (region !== undefined) checkNotifyRegion(monitor.notify, region);
  return monitor;
}

/**
 * The alarms an update rolls back on: the user's own `update.rollbackAlarms`, then the latency and error-rate
 * alarms `.monitor(…)` makes. SageMaker takes at most 10.
 */
export function updateRollbackAlarms(
  settings: EndpointSettings,
  endpointName: string,
  monitor: MonitorSettings | undefined,
): string[] {
  const own = monitor === undefined ? [] : rollbackAlarmNames(endpointName, monitor);
  const all = [...new Set([...settings.update.rollbackAlarms, ...own])];
  if (all.length > 10) {
    throw new InvalidArgumentError(
      'update.rollbackAlarms',
      `An update can watch at most 10 rollback alarms, and this one would watch ${all.length}: ` +
        `${settings.update.rollbackAlarms.length} of update.rollbackAlarms and ${own.length} that .monitor() makes ` +
        `(${own.join(', ')}). Drop ${all.length - 10} of yours.`,
    );
  }
  return all;
}

/** What {@link planEndpointMonitoring} needs. */
export interface EndpointMonitoringInput {
  readonly endpointName: string;
  readonly variantNames: readonly string[];
  readonly settings: EndpointSettings;
  readonly monitor: MonitorSettings | undefined;
  readonly deployment: string;
  readonly tags: readonly AwsTag[];
  readonly region: string;
}

/**
 * The alarm steps (the endpoint step waits for them) and the dashboard step. A live endpoint whose deployment no
 * longer asks for monitoring (or for the dashboard) gets steps that remove what an earlier deploy made.
 */
export async function planEndpointMonitoring(
  aws: AwsContext,
  input: EndpointMonitoringInput & { readonly endpointExists: boolean },
): Promise<PlanStep[]> {
  const { monitor, endpointName, deployment } = input;
  if (monitor === undefined) {
    return input.endpointExists ? destroyEndpointMonitoring(aws, endpointName, deployment, undefined) : [];
  }
  const alarms = await planAlarms(aws, { ...input, settings: monitor });
  if (monitor.dashboard) return [...alarms, await planDashboard(aws, { ...input, kind: input.settings.kind })];
  return input.endpointExists ? [...alarms, ...(await destroyDashboard(aws, { endpointName, deployment }))] : alarms;
}

/**
 * The steps that remove the deployment's alarms and dashboard. A deployment that never asked for monitoring must
 * not need CloudWatch permissions for its teardown: when it may not read alarms, it made none.
 */
export async function destroyEndpointMonitoring(
  aws: AwsContext,
  endpointName: string,
  deployment: string,
  monitor: MonitorSettings | undefined,
): Promise<PlanStep[]> {
  try {
    return [
      ...(await destroyAlarms(aws, { endpointName, deployment })),
      ...(await destroyDashboard(aws, { endpointName, deployment })),
    ];
  } catch (error) {
    if (monitor === undefined && error instanceof AccessDeniedError) return [];
    throw error;
  }
}
