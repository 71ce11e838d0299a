/**
 * `autoscaling`, `monitor` and `traffic` of a plain config: what `.withAutoscaling()`, `.monitor()` and
 * `.withTraffic()` take (src/scaling/options.ts, src/monitor/options.ts). Which of them a target allows, and the
 * values, are the target's to check when the deployment is planned.
 */
import * as z from 'zod';
import { number, oneOf, strict, stringMap } from './strict.js';

const scheduled = strict({
  name: z.string(),
  expression: z.string(),
  timezone: z.string().optional(),
  min: number.optional(),
  max: number.optional(),
});

const scalingCommon = {
  scaleInCooldownS: number.optional(),
  scaleOutCooldownS: number.optional(),
  disableScaleIn: z.boolean().optional(),
  schedule: z.array(scheduled).optional(),
};

const realtimeAutoscaling = strict({
  min: number,
  max: number,
  targetInvocationsPerInstance: number.optional(),
  targetCpuPercent: number.optional(),
  customMetric: strict({
    namespace: z.string(),
    name: z.string(),
    dimensions: stringMap.optional(),
    statistic: z.enum(['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum']).optional(),
    unit: z.string().optional(),
    target: number,
  }).optional(),
  ...scalingCommon,
});

const serverlessAutoscaling = strict({
  provisionedConcurrency: strict({ min: number, max: number, targetUtilization: number.optional() }),
  ...scalingCommon,
});

const asyncAutoscaling = strict({
  min: number,
  max: number,
  targetBacklogPerInstance: number,
  scaleFromZero: z.boolean().optional(),
  ...scalingCommon,
});

/** The options of `withAutoscaling()` for a real-time, serverless or async endpoint. */
export const autoscalingSchema = oneOf(
  [realtimeAutoscaling, serverlessAutoscaling, asyncAutoscaling],
  'the autoscaling options of a real-time ({ min, max, targetInvocationsPerInstance… }), serverless ' +
    '({ provisionedConcurrency }) or async ({ min, max, targetBacklogPerInstance }) endpoint',
);

/** The options of `monitor()`. */
export const monitorSchema = strict({
  p99LatencyMs: number.optional(),
  maxErrorRate: number.optional(),
  max4xxRate: number.optional(),
  cpuPercent: number.optional(),
  memoryPercent: number.optional(),
  diskPercent: number.optional(),
  idleHours: number.optional(),
  notify: z.union([z.string(), z.array(z.string())]).optional(),
  evaluationPeriods: number.optional(),
  periodS: number.optional(),
  dashboard: z.boolean().optional(),
});

/** The weights of `withTraffic()`, in percent by variant name. */
export const trafficSchema = z.record(z.string(), number);
