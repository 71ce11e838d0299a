/**
 * The options of `.monitor(...)` for a SageMaker endpoint, and their check: every threshold, period and topic is
 * checked before any AWS call, so a typo never leaves half the alarms made.
 */
import { parseArn } from '../aws/arn.js';
import { integerOption } from '../checks.js';
import { InvalidArgumentError } from '../errors.js';

/**
 * What to watch on a SageMaker endpoint. Each threshold given becomes one CloudWatch alarm; a threshold left out
 * makes no alarm (and removes the alarm an earlier deploy made for it).
 *
 * @example
 * ```ts
 * builder.monitor({
 *   p99LatencyMs: 250,
 *   maxErrorRate: 0.01,
 *   idleHours: 24,
 *   notify: 'arn:aws:sns:eu-west-1:123456789012:ml-oncall',
 * });
 * ```
 */
export interface MonitorOptions {
  /**
   * Alarm when the 99th percentile of `ModelLatency` (the time the model's container takes, as SageMaker sees it)
   * is above this many milliseconds. SageMaker reports the metric in microseconds; the conversion is done for you.
   */
  readonly p99LatencyMs?: number;
  /**
   * Alarm when the share of invocations that end in a 5xx error (`Invocation5XXErrors / Invocations`) is above
   * this fraction, from 0 to 1: `0.01` is 1 %. Periods without traffic count as 0 %.
   */
  readonly maxErrorRate?: number;
  /** Alarm when the share of invocations that end in a 4xx error (bad requests) is above this fraction, 0 to 1. */
  readonly max4xxRate?: number;
  /**
   * Alarm when the average CPU use of a variant's instances is above this percentage. Real-time endpoints only.
   * Each vCPU counts for 100 %, so on a 4-vCPU instance the metric goes up to 400.
   */
  readonly cpuPercent?: number;
  /** Alarm when the average memory use of a variant's instances is above this percentage (1 to 100). */
  readonly memoryPercent?: number;
  /** Alarm when the disk use of a variant's instances is above this percentage (1 to 100). Real-time only. */
  readonly diskPercent?: number;
  /**
   * Alarm when the endpoint has had no invocation at all for this many hours (1 to 168): an endpoint nobody calls
   * still bills for its instances. Hours without data count as idle.
   */
  readonly idleHours?: number;
  /**
   * The SNS topic (or up to 5 topics) told when an alarm goes off and when it is back to OK, by ARN, in the
   * endpoint's region. Without it the alarms still show in CloudWatch and can roll back updates.
   */
  readonly notify?: string | readonly string[];
  /**
   * How many periods in a row must breach before an alarm goes off (the idle alarm uses `idleHours` instead).
   * @default 5
   */
  readonly evaluationPeriods?: number;
  /**
   * The length of a period, in seconds: 60 or a multiple of 60 (SageMaker publishes its metrics every minute).
   * `periodS × evaluationPeriods` may be at most one day below an hour's period, 7 days from an hour up.
   * @default 60
   */
  readonly periodS?: number;
  /**
   * Whether to make a CloudWatch dashboard for the endpoint (`modelship-<endpoint>`), linked in the outputs.
   * @default true
   */
  readonly dashboard?: boolean;
}

/** The kind of endpoint being monitored: serverless endpoints publish no CPU or disk metrics. */
export interface MonitorTarget {
  readonly kind: 'realtime' | 'serverless';
}

/** {@link MonitorOptions} checked, with defaults applied. */
export interface MonitorSettings {
  readonly kind: 'realtime' | 'serverless';
  readonly p99LatencyMs?: number;
  readonly maxErrorRate?: number;
  readonly max4xxRate?: number;
  readonly cpuPercent?: number;
  readonly memoryPercent?: number;
  readonly diskPercent?: number;
  readonly idleHours?: number;
  /** The SNS topic ARNs, without duplicates; empty when none. */
  readonly notify: readonly string[];
  readonly evaluationPeriods: number;
  readonly periodS: number;
  readonly dashboard: boolean;
}

/** The default of {@link MonitorOptions.evaluationPeriods}. */
export const DEFAULT_EVALUATION_PERIODS = 5;
/** The default of {@link MonitorOptions.periodS}. */
export const DEFAULT_PERIOD_S = 60;
/** The most actions CloudWatch takes per alarm state (`AlarmActions`, `OKActions`: at most 5 in the API model). */
export const MAX_NOTIFY = 5;
/** The longest an idle alarm may wait: CloudWatch evaluates at most 7 days of data. */
export const MAX_IDLE_HOURS = 168;

const ONE_DAY_S = 86_400;
const SEVEN_DAYS_S = 7 * ONE_DAY_S;
// A generous ceiling for CPU: 100 per vCPU, and the largest SageMaker instances have 192 vCPUs.
const MAX_CPU_PERCENT = 100 * 192;
// An SNS topic name: letters, digits, "-" and "_", 1 to 256 characters, ".fifo" for FIFO topics.
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const KNOWN = new Set<string>([
  'p99LatencyMs',
  'maxErrorRate',
  'max4xxRate',
  'cpuPercent',
  'memoryPercent',
  'diskPercent',
  'idleHours',
  'notify',
  'evaluationPeriods',
  'periodS',
  'dashboard',
]);

/**
 * Checks `.monitor(...)` options for an endpoint of `target.kind` and applies the defaults. Makes no AWS call: the
 * topics' region is checked against the endpoint's at plan time, by {@link checkNotifyRegion}.
 *
 * @throws {@link InvalidArgumentError} (`argument: 'monitor.<option>'`) for an unknown option, a threshold out of
 * range, CPU or disk on a serverless endpoint, a period CloudWatch does not take, or a topic that is not an SNS
 * topic ARN.
 */
export function checkMonitor(options: MonitorOptions, target: MonitorTarget): MonitorSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('monitor', 'monitor options must be an object, e.g. { p99LatencyMs: 250 }.');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new InvalidArgumentError(
        `monitor.${key}`,
        `monitor has no option "${key}"; the options are ${[...KNOWN].join(', ')}.`,
      );
    }
  }
  if (target.kind === 'serverless') {
    for (const key of ['cpuPercent', 'diskPercent'] as const) {
      if (options[key] !== undefined) {
        throw new InvalidArgumentError(
          `monitor.${key}`,
          `monitor.${key} cannot be used on a serverless endpoint: SageMaker publishes no ${key === 'cpuPercent' ? 'CPU' : 'disk'} metric for it (serverless endpoints publish MemoryUtilization).`,
        );
      }
    }
  }
  const periodS = integerOption('monitor.periodS', options.periodS, 60, SEVEN_DAYS_S, DEFAULT_PERIOD_S);
  if (periodS % 60 !== 0) {
    throw new InvalidArgumentError(
      'monitor.periodS',
      `monitor.periodS is ${periodS}; it must be a multiple of 60, as SageMaker publishes its metrics every minute.`,
    );
  }
  const evaluationPeriods = integerOption(
    'monitor.evaluationPeriods',
    options.evaluationPeriods,
    1,
    SEVEN_DAYS_S / 60,
    DEFAULT_EVALUATION_PERIODS,
  );
  const window = periodS * evaluationPeriods;
  const maxWindow = periodS < 3600 ? ONE_DAY_S : SEVEN_DAYS_S;
  if (window > maxWindow) {
    throw new InvalidArgumentError(
      'monitor.evaluationPeriods',
      `monitor.periodS × evaluationPeriods is ${window} s; CloudWatch evaluates at most ${maxWindow} s ` +
        `(${maxWindow === ONE_DAY_S ? 'one day for periods under an hour' : '7 days'}).`,
    );
  }
  if (options.dashboard !== undefined && typeof options.dashboard !== 'boolean') {
    throw new InvalidArgumentError('monitor.dashboard', 'monitor.dashboard must be true or false.');
  }
  return {
    kind: target.kind,
    ...optional('p99LatencyMs', positive('monitor.p99LatencyMs', options.p99LatencyMs, 3_600_000, 'milliseconds')),
    ...optional('maxErrorRate', fraction('monitor.maxErrorRate', options.maxErrorRate)),
    ...optional('max4xxRate', fraction('monitor.max4xxRate', options.max4xxRate)),
    ...optional('cpuPercent', positive('monitor.cpuPercent', options.cpuPercent, MAX_CPU_PERCENT, 'percent')),
    ...optional('memoryPercent', positive('monitor.memoryPercent', options.memoryPercent, 100, 'percent')),
    ...optional('diskPercent', positive('monitor.diskPercent', options.diskPercent, 100, 'percent')),
    ...optional('idleHours', integerOption('monitor.idleHours', options.idleHours, 1, MAX_IDLE_HOURS)),
    notify: checkTopics('monitor.notify', options.notify),
    evaluationPeriods,
    periodS,
    dashboard: options.dashboard ?? true,
  };
}

/**
 * `value` as a list of distinct SNS topic ARNs (a single ARN or a list of 1 to 5); `[]` when `undefined`.
 * @throws {@link InvalidArgumentError} naming `argument` when one is not an SNS topic ARN.
 */
export function checkTopics(argument: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_NOTIFY) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be an SNS topic ARN or a list of 1 to ${MAX_NOTIFY} of them (CloudWatch takes at most ` +
        `${MAX_NOTIFY} actions per alarm state).`,
    );
  }
  list.forEach((item, index) => {
    checkTopicArn(list.length === 1 && typeof value === 'string' ? argument : `${argument}[${index}]`, item);
  });
  return [...new Set(list as string[])];
}

/**
 * Checks that every topic is in `region`: CloudWatch only notifies SNS topics in the alarm's own region, and the
 * alarms live in the endpoint's.
 * @throws {@link InvalidArgumentError} (`argument`) naming the topic in another region.
 */
export function checkNotifyRegion(topics: readonly string[], region: string, argument = 'monitor.notify'): void {
  for (const topic of topics) {
    const topicRegion = parseArn(topic).region;
    if (topicRegion !== region) {
      throw new InvalidArgumentError(
        argument,
        `The SNS topic ${topic} is in ${topicRegion}, but the alarms are in ${region}: CloudWatch alarms can only ` +
          `notify topics in their own region. Create a topic in ${region} and subscribe to it.`,
      );
    }
  }
}

function checkTopicArn(argument: string, value: unknown): void {
  const example = 'arn:aws:sns:eu-west-1:123456789012:ml-alerts';
  let why: string | undefined;
  if (typeof value !== 'string') why = 'it is not a string';
  else {
    try {
      const arn = parseArn(value);
      if (arn.service !== 'sns') why = `it is an ARN of ${arn.service}, not of SNS`;
      else if (arn.region === '' || !/^\d{12}$/.test(arn.accountId)) why = 'it has no region or account';
      else if (!TOPIC_NAME.test(arn.resource)) why = `"${arn.resource}" is not a topic name`;
    } catch (error) {
      why = (error as Error).message;
    }
  }
  if (why !== undefined) {
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${JSON.stringify(value)}, which is not an SNS topic ARN (${why}). A topic ARN looks like ${example}.`,
    );
  }
}

function positive(argument: string, value: unknown, max: number, unit: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${String(value)}; it must be a number of ${unit} above 0 and at most ${max}.`,
    );
  }
  return value;
}

function fraction(argument: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    const hint =
      typeof value === 'number' && value >= 1 && value <= 100 ? ` (for ${value} %, write ${value / 100})` : '';
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${String(value)}; it must be a fraction above 0 and below 1, e.g. 0.01 for 1 %${hint}.`,
    );
  }
  return value;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
