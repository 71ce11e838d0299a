/**
 * SageMaker's `DeploymentConfig` for an update of a live endpoint: blue/green traffic shifting (all at once,
 * canary, linear), the alarms that roll it back, and the final wait before the old fleet goes.
 */
import type { DeploymentConfig, TrafficRoutingConfig } from '@aws-sdk/client-sagemaker';
import type { UpdateSettings } from './check-update.js';

/** The `DeploymentConfig` for `update`; `undefined` when it asks for nothing beyond SageMaker's default. */
export function deploymentConfigOf(update: UpdateSettings): DeploymentConfig | undefined {
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
