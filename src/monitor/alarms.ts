/**
 * Planning an endpoint's CloudWatch alarms: describe what exists under the endpoint's alarm prefix, then create
 * what is missing, update what differs, leave what matches and delete what the options no longer ask for. Only
 * alarms of modelship's own names and of this deployment (its `modelship:deployment` tag) are ever changed.
 */
import type { AwsContext } from '../aws/context.js';
import { type AwsTag, MODELSHIP_TAG_PREFIX } from '../aws/tags.js';
import type { PlanStep } from '../deploy/plan.js';
import {
  ALARM_KINDS,
  type AlarmKind,
  type AlarmSubject,
  alarmDefinitions,
  alarmName,
  alarmPrefix,
} from './alarm-specs.js';
import { alarmStep, checkOwned, deleteAlarmStep, type ExistingAlarm, withTags } from './alarm-step.js';
import { CloudWatchApi } from './cloudwatch-api.js';
import { checkNotifyRegion, type MonitorSettings } from './options.js';

export { ALARM_KINDS, type AlarmKind, alarmName, alarmPrefix, rollbackAlarmNames } from './alarm-specs.js';

/** What {@link planAlarms} needs. */
export interface PlanAlarmsInput extends AlarmSubject {
  /** Checked `.monitor(...)` options (see `checkMonitor`). */
  readonly settings: MonitorSettings;
  /** The deployment's name: its tag marks the alarms as its own. */
  readonly deployment: string;
  /** The tags to put on every alarm (the deployment's `buildTags` list). */
  readonly tags: readonly AwsTag[];
  /** The endpoint's region, where the alarms are made: the SNS topics must be in it. */
  readonly region: string;
  /**
   * The steps every alarm step waits for. Alarm steps do not depend on one another, so by default they wait for
   * nothing and may run first: rollback alarms must exist before an update of the endpoint names them.
   * @default []
   */
  readonly dependsOn?: readonly string[];
}

/** What {@link destroyAlarms} needs. */
export interface DestroyAlarmsInput {
  readonly endpointName: string;
  readonly deployment: string;
  /** @default [] */
  readonly dependsOn?: readonly string[];
}

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/**
 * The steps that make the endpoint's alarms match `settings`. Step ids are `alarm-<kind>` (`alarm-p99-latency`,
 * `alarm-error-rate`, `alarm-4xx-rate`, `alarm-cpu`, `alarm-memory`, `alarm-disk`, `alarm-idle`), one per alarm
 * asked for or to remove, in that order; each outputs an `AlarmOutput`.
 *
 * @throws {@link InvalidArgumentError} when a topic is outside `region`, or there are too many variants.
 * @throws {@link ConflictError} when an alarm of a wanted name exists but belongs to another deployment.
 */
export async function planAlarms(aws: AwsContext, input: PlanAlarmsInput): Promise<PlanStep[]> {
  checkNotifyRegion(input.settings.notify, input.region);
  const wanted = alarmDefinitions(input, input.settings);
  const api = new CloudWatchApi(aws);
  const existing = await ownAlarms(api, input.endpointName);
  const dependsOn = input.dependsOn ?? [];
  const steps: PlanStep[] = [];
  for (const kind of ALARM_KINDS) {
    const definition = wanted.get(kind);
    const found = existing.get(kind);
    const owned = found?.tags[DEPLOYMENT_TAG] === input.deployment;
    if (definition !== undefined) {
      checkOwned(found, owned, `the modelship deployment "${input.deployment}"`);
      steps.push(
        alarmStep(api, {
          id: `alarm-${kind}`,
          definition,
          tags: input.tags,
          existing: found,
          dependsOn,
          what: describe(kind, input.settings),
        }),
      );
    } else if (found !== undefined && owned) {
      steps.push(
        deleteAlarmStep(api, { id: `alarm-${kind}`, existing: found, dependsOn, why: 'is no longer asked for' }),
      );
    }
  }
  return steps;
}

/**
 * The steps that delete the endpoint's alarms made by this deployment (ids `delete-alarm-<kind>`). Found by name,
 * so it works from a new process; safe to run twice: a second run finds nothing and plans nothing.
 */
export async function destroyAlarms(aws: AwsContext, input: DestroyAlarmsInput): Promise<PlanStep[]> {
  const api = new CloudWatchApi(aws);
  const existing = await ownAlarms(api, input.endpointName);
  const steps: PlanStep[] = [];
  for (const kind of ALARM_KINDS) {
    const found = existing.get(kind);
    if (found === undefined || found.tags[DEPLOYMENT_TAG] !== input.deployment) continue;
    steps.push(
      deleteAlarmStep(api, {
        id: `delete-alarm-${kind}`,
        existing: found,
        dependsOn: input.dependsOn ?? [],
        why: `is removed with deployment ${input.deployment}`,
      }),
    );
  }
  return steps;
}

/**
 * The alarms under the endpoint's prefix whose names are exactly one of modelship's kinds, with their tags. The
 * exact match matters: the prefix of endpoint `churn` also matches the alarms of endpoint `churn-v2`.
 */
async function ownAlarms(api: CloudWatchApi, endpointName: string): Promise<Map<AlarmKind, ExistingAlarm>> {
  const byName = new Map(ALARM_KINDS.map((kind) => [alarmName(endpointName, kind), kind]));
  const listed = await api.alarmsWithPrefix(alarmPrefix(endpointName));
  const ours = listed.filter((alarm) => byName.has(alarm.AlarmName ?? ''));
  const found = await Promise.all(ours.map((alarm) => withTags(api, alarm)));
  return new Map(found.map((item) => [byName.get(item.alarm.AlarmName ?? '') as AlarmKind, item]));
}

function describe(kind: AlarmKind, settings: MonitorSettings): string {
  const notify = settings.notify.length === 0 ? '' : `, notifying ${settings.notify.join(', ')}`;
  const what: Record<AlarmKind, string> = {
    'p99-latency': `watches p99 model latency above ${settings.p99LatencyMs} ms`,
    'error-rate': `watches the 5xx error rate above ${settings.maxErrorRate}`,
    '4xx-rate': `watches the 4xx error rate above ${settings.max4xxRate}`,
    cpu: `watches CPU use above ${settings.cpuPercent} %`,
    memory: `watches memory use above ${settings.memoryPercent} %`,
    disk: `watches disk use above ${settings.diskPercent} %`,
    idle: `watches for ${settings.idleHours} h without invocations`,
  };
  return what[kind] + notify;
}
