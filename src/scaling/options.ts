/**
 * What users pass to `.withAutoscaling(…)`: one option type for a real-time endpoint (instances scaled by
 * Application Auto Scaling), one for a serverless endpoint (provisioned concurrency scaled instead) and one for an
 * async endpoint (instances scaled on its queue's backlog, down to zero), so an option that makes no sense for a
 * target does not type-check. {@link checkAutoscaling} turns either into the
 * settings the planner works from.
 *
 * @packageDocumentation
 */

/** Options every kind of endpoint shares: how fast scaling reacts, and scheduled capacity. */
export interface ScalingCommonOptions {
  /**
   * Seconds after a scale-in before another scale-in may start. A whole number, 0 or more.
   * @defaultValue 300 (Application Auto Scaling's own default for SageMaker endpoint variants)
   */
  readonly scaleInCooldownS?: number;
  /**
   * Seconds after a scale-out before another scale-out may start. A whole number, 0 or more.
   * @defaultValue 300 (Application Auto Scaling's own default for SageMaker endpoint variants)
   */
  readonly scaleOutCooldownS?: number;
  /**
   * When true, the target-tracking policies only ever add capacity; capacity comes down only through `schedule`
   * or a later deploy. For traffic that must never wait on a scale-out after a quiet spell.
   * @defaultValue false
   */
  readonly disableScaleIn?: boolean;
  /**
   * Scheduled changes of the capacity bounds, e.g. nights and weekends at the minimum. Each action sets the
   * scalable target's min and/or max when it fires; target tracking then works within those bounds.
   */
  readonly schedule?: readonly ScheduledScaling[];
}

/**
 * One scheduled change of the capacity bounds (an Application Auto Scaling scheduled action).
 *
 * @example
 * ```ts
 * const weekdayNights: ScheduledScaling = {
 *   name: 'weeknights',
 *   expression: 'cron(0 20 ? * MON-FRI *)',
 *   timezone: 'Europe/Paris',
 *   max: 2,
 * };
 * const mornings: ScheduledScaling = {
 *   name: 'mornings',
 *   expression: 'cron(0 7 ? * MON-FRI *)',
 *   timezone: 'Europe/Paris',
 *   max: 8,
 * };
 * builder.withAutoscaling({ min: 1, max: 8, targetInvocationsPerInstance: 100, schedule: [weekdayNights, mornings] });
 * ```
 */
export interface ScheduledScaling {
  /**
   * Names the action, unique within the deployment: letters, digits, `-` and `_`, up to 64 characters, starting
   * with a letter or digit. It becomes the scheduled action `modelship-<name>`.
   */
  readonly name: string;
  /**
   * When it fires, in Application Auto Scaling's syntax:
   * - `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, six fields, one of the two day fields `?`,
   *   e.g. `cron(0 20 ? * MON-FRI *)` (weekdays at 20:00);
   * - `at(yyyy-mm-ddThh:mm:ss)`, once, e.g. `at(2025-12-24T18:00:00)`;
   * - `rate(value unit)`, every `value` `minute(s)`, `hour(s)` or `day(s)`.
   */
  readonly expression: string;
  /**
   * The IANA time zone `cron` and `at` expressions are read in, e.g. `Europe/Paris`.
   * @defaultValue UTC
   */
  readonly timezone?: string;
  /** The minimum capacity from then on. At least one of `min` and `max` is required. */
  readonly min?: number;
  /** The maximum capacity from then on. At least one of `min` and `max` is required. */
  readonly max?: number;
}

/**
 * A CloudWatch metric of your own to track, in `RealtimeAutoscalingOptions.customMetric`.
 *
 * @example
 * ```ts
 * builder.withAutoscaling({
 *   min: 1,
 *   max: 6,
 *   customMetric: { namespace: 'MyApp/Inference', name: 'QueueDepthPerInstance', dimensions: {}, target: 10 },
 * });
 * ```
 */
export interface CustomScalingMetric {
  /** The metric's namespace, e.g. `MyApp/Inference`. */
  readonly namespace: string;
  /** The metric's name, e.g. `QueueDepthPerInstance`. */
  readonly name: string;
  /**
   * The metric's dimensions, exactly as it is published (a metric published with dimensions is only found with
   * the same ones).
   * @defaultValue `{ EndpointName: <endpoint>, VariantName: <variant> }`, the dimensions of SageMaker's own
   * per-variant metrics. Pass `{}` for a metric published without dimensions.
   */
  readonly dimensions?: Readonly<Record<string, string>>;
  /**
   * The statistic to track.
   * @defaultValue `Average`
   */
  readonly statistic?: 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | 'Sum';
  /** The metric's CloudWatch unit, e.g. `Count` or `Percent`, when it is published with one. */
  readonly unit?: string;
  /**
   * The value to keep the metric at. Choose a metric that falls as instances are added (a per-instance load),
   * or scaling cannot converge.
   */
  readonly target: number;
}

/**
 * Autoscaling of a real-time endpoint's instance count (`.withAutoscaling(…)` on `SageMaker.realtime`).
 * Give at least one of `targetInvocationsPerInstance`, `targetCpuPercent`, `customMetric` or `schedule`. With
 * several targets, Application Auto Scaling scales out when any one asks for it and in only when all agree.
 *
 * @example
 * ```ts
 * builder.withAutoscaling({
 *   min: 1,
 *   max: 8,
 *   targetInvocationsPerInstance: 100,
 *   schedule: [{ name: 'night', expression: 'cron(0 22 * * ? *)', timezone: 'Europe/Paris', max: 2 }],
 * });
 * ```
 */
export interface RealtimeAutoscalingOptions extends ScalingCommonOptions {
  /**
   * The fewest instances. At least 1: SageMaker scales a variant to zero only when it hosts inference
   * components, which modelship endpoints do not.
   */
  readonly min: number;
  /** The most instances: at least `min`. Your account's instance quota still applies. */
  readonly max: number;
  /**
   * Invocations per instance per minute to aim for (SageMaker's `InvocationsPerInstance` metric, the predefined
   * `SageMakerVariantInvocationsPerInstance`). Measure what one instance sustains and aim below it.
   */
  readonly targetInvocationsPerInstance?: number;
  /**
   * Average CPU utilization to aim for, in percent (`CPUUtilization` in `/aws/sagemaker/Endpoints`). SageMaker
   * reports it summed over the instance's vCPUs, so 4 vCPUs busy run up to 400.
   */
  readonly targetCpuPercent?: number;
  /** A CloudWatch metric of your own to track. */
  readonly customMetric?: CustomScalingMetric;
}

/**
 * Autoscaling of a serverless endpoint's provisioned concurrency (`.withAutoscaling(…)` on
 * `SageMaker.serverless`). Only an endpoint created with provisioned concurrency can be scaled this way; on-demand
 * serverless capacity is SageMaker's to scale.
 *
 * @example
 * ```ts
 * builder.withAutoscaling({ provisionedConcurrency: { min: 1, max: 10, targetUtilization: 0.7 } });
 * ```
 */
export interface ServerlessAutoscalingOptions extends ScalingCommonOptions {
  /** The provisioned concurrency's bounds and target. */
  readonly provisionedConcurrency: {
    /** The least provisioned concurrency: 1 to 200. */
    readonly min: number;
    /** The most provisioned concurrency: `min` to 200, and no more than the endpoint's `maxConcurrency`. */
    readonly max: number;
    /**
     * The share of the provisioned concurrency in use to aim for, above 0 and at most 1
     * (`SageMakerVariantProvisionedConcurrencyUtilization`).
     * @defaultValue 0.7
     */
    readonly targetUtilization?: number;
  };
}

/**
 * Autoscaling of an async endpoint's instance count (`.withAutoscaling(…)` on `SageMaker.async`), on the backlog
 * of its queue, down to zero instances when nothing waits. Target tracking keeps SageMaker's
 * `ApproximateBacklogSizePerInstance` at `targetBacklogPerInstance`; it cannot bring back the first instance
 * (a per-instance figure means nothing with no instance), so with `scaleFromZero` a step scaling policy adds one
 * when the CloudWatch alarm on `HasBacklogWithoutCapacity` fires.
 *
 * @example
 * ```ts
 * builder.withAutoscaling({ min: 0, max: 4, targetBacklogPerInstance: 5 });
 * ```
 */
export interface AsyncAutoscalingOptions extends ScalingCommonOptions {
  /** The fewest instances: 0 or more. At 0 the endpoint costs nothing while its queue is empty. */
  readonly min: number;
  /** The most instances: at least 1 and at least `min`. Your account's instance quota still applies. */
  readonly max: number;
  /**
   * Queued requests per instance to aim for (`ApproximateBacklogSizePerInstance`, averaged over the endpoint). Lower
   * means more instances sooner and shorter waits; measure how long one request takes and how long callers may wait.
   */
  readonly targetBacklogPerInstance: number;
  /**
   * Add the first instance as soon as a request waits with none running: a step scaling policy
   * (`modelship-scale-from-zero`, +1 instance, cooldown `scaleOutCooldownS`) and the CloudWatch alarm
   * `modelship-<endpoint>-backlog-without-capacity` that triggers it. Without it, an endpoint at zero stays at zero
   * until a schedule or a deploy raises `min`.
   * @defaultValue true when `min` or a scheduled `min` is 0, false otherwise
   */
  readonly scaleFromZero?: boolean;
}

/** Any kind of autoscaling options. */
export type AutoscalingOptions = RealtimeAutoscalingOptions | ServerlessAutoscalingOptions | AsyncAutoscalingOptions;
