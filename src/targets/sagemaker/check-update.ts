/**
 * Checks how updates of a live endpoint roll out: SageMaker's blue/green traffic shifting, rollback alarms and
 * waits, with SageMaker's own ranges.
 */
import { integerOption, objectOption, stringListOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import type { TrafficShift, UpdateOptions } from './options.js';
import { UNBOUNDED } from './patterns.js';

/** Update settings, defaults filled in. */
export interface UpdateSettings {
  readonly traffic: TrafficShift;
  readonly rollbackAlarms: readonly string[];
  readonly terminationWaitS?: number;
  readonly maxExecutionTimeoutS?: number;
}

const ALARM_NAME = /^(?!\s*$).{1,255}$/;

/**
 * Checks `update` and fills in its defaults (all at once, no alarms).
 * @throws {@link InvalidArgumentError} naming the option at fault.
 */
export function checkUpdate(update: UpdateOptions | undefined): UpdateSettings {
  if (update === undefined) return { traffic: { type: 'all-at-once' }, rollbackAlarms: [] };
  objectOption('update', update, "{ traffic: { type: 'canary', percent: 10, waitS: 300 }, rollbackAlarms: ['…'] }");
  return {
    traffic: checkTraffic(update.traffic),
    rollbackAlarms:
      stringListOption('update.rollbackAlarms', update.rollbackAlarms, ALARM_NAME, 'a CloudWatch alarm name', 10) ?? [],
    terminationWaitS: integerOption('update.terminationWaitS', update.terminationWaitS, 0, 3600),
    maxExecutionTimeoutS: integerOption('update.maxExecutionTimeoutS', update.maxExecutionTimeoutS, 600, 28800),
  };
}

function checkTraffic(traffic: TrafficShift | undefined): TrafficShift {
  if (traffic === undefined) return { type: 'all-at-once' };
  const argument = 'update.traffic';
  switch (traffic?.type) {
    case 'all-at-once':
      return { type: 'all-at-once', waitS: integerOption(`${argument}.waitS`, traffic.waitS, 0, 3600, 0) };
    case 'canary': {
      const [percent, instances] = onePortion(
        argument,
        traffic.percent,
        traffic.instances,
        ['percent', 'instances'],
        50,
      );
      return { type: 'canary', percent, instances, waitS: requiredWait(argument, traffic.waitS) };
    }
    case 'linear': {
      const [stepPercent, stepInstances] = onePortion(
        argument,
        traffic.stepPercent,
        traffic.stepInstances,
        ['stepPercent', 'stepInstances'],
        100,
      );
      return { type: 'linear', stepPercent, stepInstances, waitS: requiredWait(argument, traffic.waitS) };
    }
    default:
      throw new InvalidArgumentError(
        `${argument}.type`,
        `${argument}.type must be 'all-at-once', 'canary' or 'linear', not ${JSON.stringify((traffic as { type?: unknown })?.type)}.`,
      );
  }
}

function onePortion(
  argument: string,
  percent: number | undefined,
  instances: number | undefined,
  names: [string, string],
  maxPercent: number,
): [number | undefined, number | undefined] {
  if ((percent === undefined) === (instances === undefined)) {
    throw new InvalidArgumentError(
      argument,
      `Give exactly one of ${argument}.${names[0]} (a percentage of capacity) and ${argument}.${names[1]} (a number of instances).`,
    );
  }
  return [
    integerOption(`${argument}.${names[0]}`, percent, 1, maxPercent),
    integerOption(`${argument}.${names[1]}`, instances, 1, UNBOUNDED),
  ];
}

function requiredWait(argument: string, waitS: number | undefined): number {
  const checked = integerOption(`${argument}.waitS`, waitS, 0, 3600);
  if (checked === undefined) {
    throw new InvalidArgumentError(
      `${argument}.waitS`,
      `${argument}.waitS is required: the seconds to watch each step's alarms before moving more traffic (0 to 3600).`,
    );
  }
  return checked;
}
