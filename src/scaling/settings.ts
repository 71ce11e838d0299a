/**
 * Checked autoscaling settings: what {@link checkAutoscaling} makes of the user's options, with every default
 * filled in, independent of the endpoint they will be applied to (metric dimensions that name the endpoint are
 * added when the plan is made).
 */

/** The Application Auto Scaling dimension scaled: instances of a real-time variant, or provisioned concurrency. */
export type SageMakerScalableDimension =
  | 'sagemaker:variant:DesiredInstanceCount'
  | 'sagemaker:variant:DesiredProvisionedConcurrency';

/** The metric a target-tracking policy follows. */
export type ScalingMetric =
  | {
      readonly kind: 'predefined';
      readonly type: 'SageMakerVariantInvocationsPerInstance' | 'SageMakerVariantProvisionedConcurrencyUtilization';
    }
  | { readonly kind: 'cpu' }
  /** An async endpoint's `ApproximateBacklogSizePerInstance`. */
  | { readonly kind: 'backlog' }
  | {
      readonly kind: 'custom';
      readonly namespace: string;
      readonly name: string;
      /** `undefined`: the variant's own `EndpointName` and `VariantName`. */
      readonly dimensions: Readonly<Record<string, string>> | undefined;
      readonly statistic: 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | 'Sum';
      readonly unit: string | undefined;
    };

/** One target-tracking policy. */
export interface PolicySettings {
  /** `invocations`, `cpu`, `custom`, `provisioned-concurrency` or `backlog`: the policy is `modelship-<key>`. */
  readonly key: string;
  readonly metric: ScalingMetric;
  readonly target: number;
  readonly scaleInCooldownS: number;
  readonly scaleOutCooldownS: number;
  readonly disableScaleIn: boolean;
}

/** One scheduled action. */
export interface ScheduleSettings {
  /** The user's name: the action is `modelship-<key>`. */
  readonly key: string;
  readonly expression: string;
  readonly timezone: string | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

/** An async endpoint's way back from zero instances: a step scaling policy and the alarm that triggers it. */
export interface ScaleFromZeroSettings {
  /** Seconds after the policy added an instance before it may add another (its `Cooldown`). */
  readonly cooldownS: number;
}

/** Everything the planner needs to set up scaling of one variant. */
export interface ScalingSettings {
  readonly kind: 'realtime' | 'serverless' | 'async';
  readonly dimension: SageMakerScalableDimension;
  readonly min: number;
  readonly max: number;
  readonly policies: readonly PolicySettings[];
  readonly schedules: readonly ScheduleSettings[];
  /** Async endpoints only, when asked for: absent, nothing brings the first instance back. */
  readonly scaleFromZero?: ScaleFromZeroSettings;
}

/** Names modelship gives the policies and scheduled actions it makes; others on the same target are left alone. */
export const MODELSHIP_PREFIX = 'modelship-';
