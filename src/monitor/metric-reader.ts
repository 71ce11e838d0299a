/**
 * Reading CloudWatch metrics as typed time series: one `GetMetricData` query (every page of it) for any set of
 * metrics, over a checked time range whose period fits what CloudWatch still keeps. The endpoint and function
 * metrics are both read here; each says only which metrics it wants.
 */
import type { Dimension, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { AwsContext } from '../aws/context.js';
import { integerOption } from '../checks.js';
import { AccessDeniedError, InvalidArgumentError, ServiceError } from '../errors.js';
import { CloudWatchApi } from './cloudwatch-api.js';
import type { MetricSeries } from './metrics.js';
import { timeRange } from './time-range.js';

/** One series to read: a metric, its statistic, and how to convert its values. */
export interface MetricStatSpec {
  /** The key of the series in the reading (a CloudWatch query id: a lower-case letter, then letters and digits). */
  readonly id: string;
  readonly namespace: string;
  readonly metric: string;
  /** `Sum`, `Average`, `p99`, … */
  readonly stat: string;
  readonly dimensions: readonly Dimension[];
  /** Each value is multiplied by it (1/1000 turns microseconds into milliseconds). @default 1 */
  readonly scale?: number;
}

/** The time range of a reading. */
export interface MetricRange {
  readonly since: Date;
  /** @default now */
  readonly until?: Date;
  /**
   * The period of each datapoint, in seconds (a multiple of 60). By default the shortest CloudWatch keeps for data
   * that old (60 s up to 15 days, 300 s up to 63 days, 3600 s beyond), lengthened to stay under 1440 points.
   */
  readonly periodS?: number;
}

/** What {@link readMetrics} found. */
export interface MetricReading {
  /** The period of each datapoint, in seconds. */
  readonly periodS: number;
  /** The series of each spec, by id, oldest first (empty when CloudWatch has no data). */
  readonly series: (id: string) => MetricSeries;
  /** True when CloudWatch said some series are incomplete (`PartialData`). */
  readonly partial: boolean;
}

const DAY_MS = 86_400_000;
const MAX_POINTS = 1440;

/**
 * Reads the series of `specs` over `range`, sorted oldest first.
 * @throws {@link InvalidArgumentError} when the range or period is not allowed (before any call).
 * @throws {@link AccessDeniedError} when CloudWatch refuses the query (`cloudwatch:GetMetricData`).
 */
export async function readMetrics(
  aws: AwsContext,
  range: MetricRange,
  specs: readonly MetricStatSpec[],
): Promise<MetricReading> {
  const { since, until, periodS } = checkMetricRange(range);
  const MetricDataQueries: MetricDataQuery[] = specs.map((spec) => ({
    Id: spec.id,
    MetricStat: {
      Metric: { Namespace: spec.namespace, MetricName: spec.metric, Dimensions: [...spec.dimensions] },
      Period: periodS,
      Stat: spec.stat,
    },
    ReturnData: true,
  }));
  const results = await new CloudWatchApi(aws).metricData({
    MetricDataQueries,
    StartTime: since,
    EndTime: until,
    ScanBy: 'TimestampAscending',
  });
  const byId = new Map(results.map((result) => [result.Id ?? '', result]));
  const scales = new Map(specs.map((spec) => [spec.id, spec.scale ?? 1]));
  const series = new Map(specs.map((spec) => [spec.id, toSeries(byId.get(spec.id), scales.get(spec.id) ?? 1)]));
  return {
    periodS,
    series: (id) => series.get(id) ?? { timestamps: [], values: [] },
    partial: results.some((result) => result.StatusCode === 'PartialData'),
  };
}

/**
 * The range checked, `until` filled in and the period chosen.
 * @throws {@link InvalidArgumentError} when a date is not valid, `since` is not before `until`, or the period is
 * not a multiple of what CloudWatch keeps for data that old.
 */
export function checkMetricRange(range: MetricRange): { since: Date; until: Date; periodS: number } {
  const { since, until } = timeRange(range.since, range.until);
  const floor = retentionFloor(since);
  const periodS = integerOption('periodS', range.periodS, 60, 604_800) ?? defaultPeriod(since, until, floor);
  if (periodS % floor !== 0) {
    throw new InvalidArgumentError(
      'periodS',
      `periodS is ${periodS}; it must be a multiple of ${floor}` +
        (floor === 60 ? '.' : `, as CloudWatch keeps data from ${since.toISOString()} at that resolution only.`),
    );
  }
  return { since, until, periodS };
}

function toSeries(result: MetricDataResult | undefined, scale: number): MetricSeries {
  if (result?.StatusCode === 'Forbidden') {
    throw new AccessDeniedError(
      `CloudWatch refused to read ${result.Label ?? result.Id}: ${messages(result)}. Allow cloudwatch:GetMetricData.`,
      { action: 'cloudwatch:GetMetricData' },
    );
  }
  if (result?.StatusCode === 'InternalError') {
    throw new ServiceError(`CloudWatch failed to read ${result.Label ?? result.Id}: ${messages(result)}.`);
  }
  const timestamps = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  const points = timestamps.map((time, index) => ({ time: new Date(time), value: (values[index] ?? 0) * scale }));
  // Pages and ScanBy already order the points; sorting again costs little and makes the promise unconditional.
  points.sort((a, b) => a.time.getTime() - b.time.getTime());
  return { timestamps: points.map((p) => p.time), values: points.map((p) => p.value) };
}

function messages(result: MetricDataResult): string {
  return (result.Messages ?? []).map((m) => m.Value ?? m.Code).join('; ') || 'no reason given';
}

// CloudWatch keeps 1-minute data for 15 days, 5-minute data for 63 days, hourly data for 455 days; GetMetricData
// takes only periods that are multiples of what it still keeps for the start time.
function retentionFloor(since: Date): number {
  const age = Date.now() - since.getTime();
  return age <= 15 * DAY_MS ? 60 : age <= 63 * DAY_MS ? 300 : 3600;
}

function defaultPeriod(since: Date, until: Date, floor: number): number {
  const spanS = (until.getTime() - since.getTime()) / 1000;
  return Math.max(floor, Math.ceil(spanS / MAX_POINTS / floor) * floor);
}
