/**
 * `autoscaling`, `monitor` and `traffic` of a plain config: what `.withAutoscaling()`, `.monitor()` and
 * `.withTraffic()` take (src/scaling/options.ts, src/monitor/options.ts). Which of them a target allows, and the
 * values, are the target's to check when the deployment is planned.
 *
 * Each key carries the TSDoc of the option it mirrors: TypeScript keeps it through zod's inference, so it shows on
 * hover in a `modelship.config.ts` and in the API reference of `ModelshipConfig`.
 */
import * as z from 'zod';
import { number, oneOf, strict, stringMap } from './strict.js';

const scheduled = strict({
  /** The action's name, unique in the deployment: letters, digits, `-`, `_` (it becomes `modelship-<name>`). */
  name: z.string(),
  /** When it fires: `cron(0 20 ? * MON-FRI *)`, `at(2025-12-24T18:00:00)` or `rate(1 day)`. */
  expression: z.string(),
  /** The IANA time zone of `cron` and `at`, e.g. `Europe/Paris`. @default UTC */
  timezone: z.string().optional(),
  /** The minimum capacity from then on (give `min`, `max` or both). */
  min: number.optional(),
  /** The maximum capacity from then on (give `min`, `max` or both). */
  max: number.optional(),
});

const scalingCommon = {
  /** Seconds after a scale-in before another may start. @default 300 */
  scaleInCooldownS: number.optional(),
  /** Seconds after a scale-out before another may start. @default 300 */
  scaleOutCooldownS: number.optional(),
  /** Only ever add capacity; it comes down only through `schedule` or a later deploy. @default false */
  disableScaleIn: z.boolean().optional(),
  /** Scheduled changes of the capacity bounds, e.g. nights and weekends at the minimum. */
  schedule: z.array(scheduled).optional(),
};

const realtimeAutoscaling = strict({
  /** The fewest instances, at least 1. */
  min: number,
  /** The most instances, at least `min`. */
  max: number,
  /** Invocations per instance per minute to aim for (`SageMakerVariantInvocationsPerInstance`). */
  targetInvocationsPerInstance: number.optional(),
  /** Average CPU use to aim for, in percent (100 per vCPU: up to 400 on 4 vCPUs). */
  targetCpuPercent: number.optional(),
  /** A CloudWatch metric of your own to track; it must fall as instances are added. */
  customMetric: strict({
    /** The metric's namespace, e.g. `MyApp/Inference`. */
    namespace: z.string(),
    /** The metric's name, e.g. `QueueDepthPerInstance`. */
    name: z.string(),
    /** The metric's dimensions, as published. @default `{ EndpointName, VariantName }` of the variant; `{}` for none */
    dimensions: stringMap.optional(),
    /** The statistic to track. @default 'Average' */
    statistic: z.enum(['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum']).optional(),
    /** The metric's CloudWatch unit, e.g. `Count`, when it is published with one. */
    unit: z.string().optional(),
    /** The value to keep the metric at. */
    target: number,
  }).optional(),
  ...scalingCommon,
});

const serverlessAutoscaling = strict({
  /** The provisioned concurrency's bounds and target (the endpoint must be created with provisioned concurrency). */
  provisionedConcurrency: strict({
    /** The least provisioned concurrency, 1 to 200. */
    min: number,
    /** The most provisioned concurrency: `min` to 200, at most the endpoint's `maxConcurrency`. */
    max: number,
    /** The share of provisioned concurrency in use to aim for, above 0 and at most 1. @default 0.7 */
    targetUtilization: number.optional(),
  }),
  ...scalingCommon,
});

const asyncAutoscaling = strict({
  /** The fewest instances, 0 or more: at 0 the endpoint costs nothing while its queue is empty. */
  min: number,
  /** The most instances, at least 1 and at least `min`. */
  max: number,
  /** Queued requests per instance to aim for (`ApproximateBacklogSizePerInstance`). */
  targetBacklogPerInstance: number,
  /** Add the first instance as soon as a request waits with none running. @default true when `min` can be 0 */
  scaleFromZero: z.boolean().optional(),
  ...scalingCommon,
});

/** The options of `withAutoscaling()` for a real-time, serverless or async endpoint. */
export const autoscalingSchema = oneOf(
  [realtimeAutoscaling, serverlessAutoscaling, asyncAutoscaling],
  'the autoscaling options of a real-time ({ min, max, targetInvocationsPerInstance… }), serverless ' +
    '({ provisionedConcurrency }) or async ({ min, max, targetBacklogPerInstance }) endpoint',
);

/** The options of `monitor()`: each threshold given is one CloudWatch alarm. */
export const monitorSchema = strict({
  /** Alarm when the p99 of `ModelLatency` is above this many milliseconds. */
  p99LatencyMs: number.optional(),
  /** Alarm when the share of 5xx invocations is above this fraction (0 to 1: `0.01` is 1 %). */
  maxErrorRate: number.optional(),
  /** Alarm when the share of 4xx invocations is above this fraction (0 to 1). */
  max4xxRate: number.optional(),
  /** Alarm when the instances' average CPU use is above this percentage (100 per vCPU). Real-time only. */
  cpuPercent: number.optional(),
  /** Alarm when the instances' average memory use is above this percentage (1 to 100). */
  memoryPercent: number.optional(),
  /** Alarm when the instances' disk use is above this percentage (1 to 100). Real-time only. */
  diskPercent: number.optional(),
  /** Alarm when the endpoint has had no invocation for this many hours (1 to 168). */
  idleHours: number.optional(),
  /** The SNS topic ARN (or up to 5) told when an alarm fires and clears, in the endpoint's region. */
  notify: z.union([z.string(), z.array(z.string())]).optional(),
  /** Periods in a row that must breach before an alarm fires. @default 5 */
  evaluationPeriods: number.optional(),
  /** The length of a period, in seconds: a multiple of 60. @default 60 */
  periodS: number.optional(),
  /** Whether to make a CloudWatch dashboard `modelship-<endpoint>`. @default true */
  dashboard: z.boolean().optional(),
});

/** The weights of `withTraffic()`, in percent by variant name. */
export const trafficSchema = z.record(z.string(), number);
