/**
 * Validation of `.withAutoscaling(…)` options against what Application Auto Scaling and SageMaker accept, before
 * any AWS call: a bad bound or a mistyped schedule fails the deploy at once, not after the endpoint is live.
 */
import { integerOption, objectOption, stringOption } from '../checks.js';
import { InvalidArgumentError } from '../errors.js';
import type {
  AsyncAutoscalingOptions,
  AutoscalingOptions,
  CustomScalingMetric,
  RealtimeAutoscalingOptions,
  ScalingCommonOptions,
  ScheduledScaling,
  ServerlessAutoscalingOptions,
} from './options.js';
import { checkScheduleExpression, checkTimezone } from './schedule-expression.js';
import type { PolicySettings, ScalingMetric, ScalingSettings, ScheduleSettings } from './settings.js';

/** What the endpoint the options are for allows. */
export interface ScalingCheckContext {
  /** `async`: a real-time endpoint with a queue in front, the one kind whose instances may scale to zero. */
  readonly kind: 'realtime' | 'serverless' | 'async';
  /** A serverless endpoint's `maxConcurrency`: provisioned concurrency may not exceed it. */
  readonly maxConcurrency?: number;
}

const ARG = 'autoscaling';
/** Application Auto Scaling's capacities are 32-bit integers. */
const MAX_CAPACITY = 2_147_483_647;
/** SageMaker's bound on a serverless variant's provisioned concurrency (`ProvisionedConcurrency`, 1–200). */
const MAX_PROVISIONED_CONCURRENCY = 200;
const DEFAULT_COOLDOWN_S = 300;
const DEFAULT_UTILIZATION = 0.7;
const SCHEDULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'] as const;
// CloudWatch's limits: namespaces and names of 1–255 characters, namespaces not starting with ':'; 30 dimensions.
const NAMESPACE = /^[^:].{0,254}$/su;
const METRIC_NAME = /^.{1,255}$/su;
const MAX_DIMENSIONS = 30;
const ASYNC_ONLY = ['targetBacklogPerInstance', 'scaleFromZero'] as const;
const REALTIME_ONLY = ['targetInvocationsPerInstance', 'targetCpuPercent', 'customMetric'] as const;

/**
 * Checks `.withAutoscaling(…)` options for an endpoint of kind `context.kind` and returns the settings the
 * planner works from, defaults filled in.
 *
 * @throws {@link InvalidArgumentError} naming the option at fault (`autoscaling.max`,
 * `autoscaling.schedule[1].expression`, …) when a value is not allowed, when a real-time endpoint is given no
 * target and no schedule (or a minimum of 0), or when the options are of another kind of endpoint.
 */
export function checkAutoscaling(options: AutoscalingOptions, context: ScalingCheckContext): ScalingSettings {
  objectOption(ARG, options, '{ min: 1, max: 4, targetInvocationsPerInstance: 100 }');
  const serverless = 'provisionedConcurrency' in options;
  if (serverless !== (context.kind === 'serverless')) {
    throw new InvalidArgumentError(
      ARG,
      context.kind === 'serverless'
        ? 'A serverless endpoint scales its provisioned concurrency: pass { provisionedConcurrency: { min, max } }.'
        : context.kind === 'async'
          ? 'provisionedConcurrency is for serverless endpoints; an async endpoint takes { min, max, ' +
            'targetBacklogPerInstance }.'
          : 'provisionedConcurrency is for serverless endpoints; a real-time endpoint takes { min, max, ' +
            'targetInvocationsPerInstance | targetCpuPercent | customMetric | schedule }.',
    );
  }
  if (serverless) return checkServerless(options as ServerlessAutoscalingOptions, context);
  return context.kind === 'async'
    ? checkAsync(options as AsyncAutoscalingOptions)
    : checkRealtime(options as RealtimeAutoscalingOptions);
}

function checkRealtime(options: RealtimeAutoscalingOptions): ScalingSettings {
  refuseOptions(options, ASYNC_ONLY, 'is for SageMaker.async endpoints, which scale on their queue');
  if (options.min === 0) {
    throw new InvalidArgumentError(
      `${ARG}.min`,
      `${ARG}.min is 0, but a real-time endpoint needs at least 1 instance to answer at all. Scaling to zero is ` +
        'for SageMaker.async endpoints, whose queue holds requests while no instance runs.',
    );
  }
  const min = wholeNumber(`${ARG}.min`, options.min, 1, MAX_CAPACITY);
  const max = checkMax(`${ARG}.max`, options.max, min, MAX_CAPACITY);
  const common = commonSettings(options);
  const policies: PolicySettings[] = [];
  const add = (key: string, metric: ScalingMetric, target: number) => policies.push({ key, metric, target, ...common });
  const invocations = positive(`${ARG}.targetInvocationsPerInstance`, options.targetInvocationsPerInstance);
  if (invocations !== undefined) {
    add('invocations', { kind: 'predefined', type: 'SageMakerVariantInvocationsPerInstance' }, invocations);
  }
  const cpu = positive(`${ARG}.targetCpuPercent`, options.targetCpuPercent);
  if (cpu !== undefined) add('cpu', { kind: 'cpu' }, cpu);
  if (options.customMetric !== undefined) {
    const { metric, target } = checkCustomMetric(options.customMetric);
    add('custom', metric, target);
  }
  const schedules = checkSchedules(options.schedule, 1, MAX_CAPACITY);
  if (policies.length === 0 && schedules.length === 0) {
    throw new InvalidArgumentError(
      ARG,
      'autoscaling needs something to scale on: targetInvocationsPerInstance, targetCpuPercent, customMetric or ' +
        'schedule, e.g. { min: 1, max: 4, targetInvocationsPerInstance: 100 }.',
    );
  }
  return { kind: 'realtime', dimension: 'sagemaker:variant:DesiredInstanceCount', min, max, policies, schedules };
}

function checkServerless(options: ServerlessAutoscalingOptions, context: ScalingCheckContext): ScalingSettings {
  const arg = `${ARG}.provisionedConcurrency`;
  const pc = options.provisionedConcurrency;
  objectOption(arg, pc, '{ min: 1, max: 10 }');
  const ceiling = Math.min(MAX_PROVISIONED_CONCURRENCY, context.maxConcurrency ?? MAX_PROVISIONED_CONCURRENCY);
  const min = wholeNumber(`${arg}.min`, pc.min, 1, ceiling);
  const max = checkMax(`${arg}.max`, pc.max, min, ceiling);
  const target = positive(`${arg}.targetUtilization`, pc.targetUtilization, 1) ?? DEFAULT_UTILIZATION;
  const metric: ScalingMetric = { kind: 'predefined', type: 'SageMakerVariantProvisionedConcurrencyUtilization' };
  const policies = [{ key: 'provisioned-concurrency', metric, target, ...commonSettings(options) }];
  const schedules = checkSchedules(options.schedule, 1, ceiling);
  return {
    kind: 'serverless',
    dimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
    min,
    max,
    policies,
    schedules,
  };
}

/**
 * An async endpoint tracks the backlog of its queue: invocations and CPU say little about requests that wait in S3.
 * `scaleFromZero` defaults to on whenever the bounds (or a schedule) allow zero instances, since target tracking
 * alone never adds the first one back.
 */
function checkAsync(options: AsyncAutoscalingOptions): ScalingSettings {
  refuseOptions(
    options,
    REALTIME_ONLY,
    'is for real-time endpoints; an async endpoint scales on targetBacklogPerInstance',
  );
  const min = wholeNumber(`${ARG}.min`, options.min, 0, MAX_CAPACITY);
  const max = checkMax(`${ARG}.max`, options.max, min, MAX_CAPACITY);
  const common = commonSettings(options);
  const argument = `${ARG}.targetBacklogPerInstance`;
  const target = positive(argument, required(argument, options.targetBacklogPerInstance)) as number;
  const schedules = checkSchedules(options.schedule, 0, MAX_CAPACITY);
  const scaleFromZero = options.scaleFromZero ?? (min === 0 || schedules.some((s) => s.min === 0));
  if (typeof scaleFromZero !== 'boolean') {
    throw new InvalidArgumentError(`${ARG}.scaleFromZero`, `${ARG}.scaleFromZero must be true or false.`);
  }
  return {
    kind: 'async',
    dimension: 'sagemaker:variant:DesiredInstanceCount',
    min,
    max,
    policies: [{ key: 'backlog', metric: { kind: 'backlog' }, target, ...common }],
    schedules,
    ...(scaleFromZero ? { scaleFromZero: { cooldownS: common.scaleOutCooldownS } } : {}),
  };
}

/** Refuses the `keys` of another kind of endpoint, which TypeScript callers cannot pass but JavaScript ones can. */
function refuseOptions(options: object, keys: readonly string[], why: string): void {
  const given = keys.find((key) => (options as Record<string, unknown>)[key] !== undefined);
  if (given !== undefined) throw new InvalidArgumentError(`${ARG}.${given}`, `${ARG}.${given} ${why}.`);
}

function commonSettings(options: ScalingCommonOptions) {
  const disableScaleIn = options.disableScaleIn ?? false;
  if (typeof disableScaleIn !== 'boolean') {
    throw new InvalidArgumentError(`${ARG}.disableScaleIn`, `${ARG}.disableScaleIn must be true or false.`);
  }
  return {
    scaleInCooldownS: integerOption(
      `${ARG}.scaleInCooldownS`,
      options.scaleInCooldownS,
      0,
      MAX_CAPACITY,
      DEFAULT_COOLDOWN_S,
    ),
    scaleOutCooldownS: integerOption(
      `${ARG}.scaleOutCooldownS`,
      options.scaleOutCooldownS,
      0,
      MAX_CAPACITY,
      DEFAULT_COOLDOWN_S,
    ),
    disableScaleIn,
  };
}

function checkCustomMetric(metric: CustomScalingMetric): { metric: ScalingMetric; target: number } {
  const arg = `${ARG}.customMetric`;
  objectOption(arg, metric, "{ namespace: 'MyApp', name: 'QueueDepthPerInstance', target: 10 }");
  const namespace = stringOption(
    `${arg}.namespace`,
    required(`${arg}.namespace`, metric.namespace),
    NAMESPACE,
    'a CloudWatch namespace of 1 to 255 characters, not starting with ":"',
  );
  const name = stringOption(
    `${arg}.name`,
    required(`${arg}.name`, metric.name),
    METRIC_NAME,
    'a CloudWatch metric name of 1 to 255 characters',
  );
  const statistic = metric.statistic ?? 'Average';
  if (!STATISTICS.includes(statistic)) {
    throw new InvalidArgumentError(`${arg}.statistic`, `${arg}.statistic must be one of ${STATISTICS.join(', ')}.`);
  }
  const unit = stringOption(`${arg}.unit`, metric.unit, /^.{1,64}$/su, 'a CloudWatch unit such as Count or Percent');
  const target = positive(`${arg}.target`, required(`${arg}.target`, metric.target)) as number;
  const dimensions = metric.dimensions;
  if (dimensions !== undefined) {
    objectOption(`${arg}.dimensions`, dimensions, "{ EndpointName: 'churn', VariantName: 'AllTraffic' }");
    const entries = Object.entries(dimensions);
    if (entries.length > MAX_DIMENSIONS) {
      throw new InvalidArgumentError(
        `${arg}.dimensions`,
        `${arg}.dimensions has ${entries.length}; CloudWatch allows ${MAX_DIMENSIONS}.`,
      );
    }
    for (const [key, value] of entries) {
      stringOption(`${arg}.dimensions.${key}`, value, /^.{1,1024}$/su, 'a string of 1 to 1024 characters');
    }
  }
  return {
    metric: { kind: 'custom', namespace: namespace as string, name: name as string, dimensions, statistic, unit },
    target,
  };
}

function checkSchedules(list: ScalingCommonOptions['schedule'], floor: number, ceiling: number): ScheduleSettings[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    throw new InvalidArgumentError(`${ARG}.schedule`, `${ARG}.schedule must be a list of scheduled actions.`);
  }
  const seen = new Set<string>();
  return (list as readonly ScheduledScaling[]).map((item, index) => {
    const arg = `${ARG}.schedule[${index}]`;
    const value: unknown = item;
    objectOption(arg, value, "{ name: 'night', expression: 'cron(0 22 * * ? *)', max: 1 }");
    const key = stringOption(
      `${arg}.name`,
      required(`${arg}.name`, item.name),
      SCHEDULE_NAME,
      'letters, digits, - and _, up to 64 characters, starting with a letter or digit',
    ) as string;
    if (seen.has(key)) throw new InvalidArgumentError(`${arg}.name`, `Two scheduled actions are named "${key}".`);
    seen.add(key);
    const min = integerOption(`${arg}.min`, item.min, floor, ceiling);
    const max = integerOption(`${arg}.max`, item.max, floor, ceiling);
    if (min === undefined && max === undefined) {
      throw new InvalidArgumentError(arg, `${arg} must set min, max or both: it is what the action changes.`);
    }
    if (min !== undefined && max !== undefined && max < min) {
      throw new InvalidArgumentError(`${arg}.max`, `${arg}.max is ${max}, below its min ${min}.`);
    }
    return {
      key,
      expression: checkScheduleExpression(`${arg}.expression`, item.expression),
      timezone: checkTimezone(`${arg}.timezone`, item.timezone),
      min,
      max,
    };
  });
}

function checkMax(argument: string, value: unknown, min: number, ceiling: number): number {
  const max = wholeNumber(argument, value, 1, ceiling);
  if (max < min) throw new InvalidArgumentError(argument, `${argument} is ${max}, below min ${min}.`);
  return max;
}

/** `value` when it is a finite number above 0 (and at most `ceiling`), `undefined` when it is `undefined`. */
function positive(argument: string, value: unknown, ceiling = Number.MAX_VALUE): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > ceiling) {
    const range = ceiling === Number.MAX_VALUE ? 'above 0' : `above 0 and at most ${ceiling}`;
    throw new InvalidArgumentError(argument, `${argument} is ${String(value)}; it must be a number ${range}.`);
  }
  return value;
}

/** `value` as a whole number from `min` to `max`; required. */
function wholeNumber(argument: string, value: unknown, min: number, max: number): number {
  return integerOption(argument, required(argument, value), min, max) as number;
}

function required<T>(argument: string, value: T | undefined): T {
  if (value === undefined) throw new InvalidArgumentError(argument, `${argument} is required.`);
  return value;
}
