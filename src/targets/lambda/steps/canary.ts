/**
 * The canary of an update: the new version takes `canaryPercent` of the alias's traffic for `waitS` seconds while
 * the rollback alarms are watched, then all of it. An alarm in state `ALARM` ends the canary: the alias goes back
 * to the old version alone and the step fails, so the deployment rolls back.
 */
import type { WaitStatus } from '../../../deploy/plan.js';
import { ServiceError } from '../../../errors.js';
import type { CloudWatchApi } from '../../../monitor/cloudwatch-api.js';
import type { LambdaApi } from '../api.js';
import { LIVE_ALIAS } from '../names.js';

/** One canary, from the moment the alias first splits traffic. */
export interface CanarySpec {
  readonly api: LambdaApi;
  readonly cloudwatch: CloudWatchApi;
  readonly functionName: string;
  readonly previous: string;
  readonly next: string;
  readonly canaryPercent: number;
  readonly waitS: number;
  readonly rollbackAlarms: readonly string[];
  readonly now: () => number;
}

/** The first alarm of `names` in state `ALARM`, or `undefined`. */
export async function firingAlarm(
  cloudwatch: CloudWatchApi,
  names: readonly string[],
  signal: AbortSignal,
): Promise<string | undefined> {
  for (const name of names) {
    const alarm = await cloudwatch.describeAlarm(name, signal);
    if (alarm?.StateValue === 'ALARM') return name;
  }
  return undefined;
}

/** Runs the canary: `start` splits the traffic, `poll` is the step's wait. */
export class Canary {
  #startedAt = 0;

  constructor(readonly spec: CanarySpec) {}

  /** Sends `canaryPercent` of the traffic to the new version; the old one keeps the rest. */
  async start(signal: AbortSignal): Promise<void> {
    const { api, functionName, previous, next, canaryPercent } = this.spec;
    await api.updateAlias(functionName, LIVE_ALIAS, previous, { [next]: canaryPercent / 100 }, signal);
    this.#startedAt = this.spec.now();
  }

  /**
   * Watches the alarms until `waitS` has passed, then moves all traffic to the new version.
   * @throws {@link ServiceError} (not retryable) after moving the traffic back, when an alarm fires.
   */
  async poll(signal: AbortSignal): Promise<WaitStatus> {
    const { api, cloudwatch, functionName, previous, next, canaryPercent, waitS, rollbackAlarms } = this.spec;
    const alarm = await firingAlarm(cloudwatch, rollbackAlarms, signal);
    if (alarm !== undefined) {
      // At once, not only in the step's undo: every second of the canary sends requests to a version that fails.
      await api.updateAlias(functionName, LIVE_ALIAS, previous, {}, signal);
      throw new ServiceError(
        `The alarm ${alarm} fired during the canary of version ${next} of ${functionName}; all traffic is back on ` +
          `version ${previous}.`,
        { retryable: false },
      );
    }
    const remainingS = Math.ceil(waitS - (this.spec.now() - this.#startedAt) / 1000);
    if (remainingS > 0) {
      return { done: false, status: `canary: ${canaryPercent}% on version ${next}, ${remainingS} s to go` };
    }
    await api.updateAlias(functionName, LIVE_ALIAS, next, {}, signal);
    return { done: true, status: `all traffic on version ${next}` };
  }
}
