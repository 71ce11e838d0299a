/**
 * Autoscaling of SageMaker variants with Application Auto Scaling: the options users pass, their check, and the
 * plan steps that apply and remove them. The SageMaker target wires these into its plans.
 */
export { checkAutoscaling, type ScalingCheckContext } from './check.js';
export { destroyScaling, type ScalingDestroyInput } from './destroy.js';
export type {
  AsyncAutoscalingOptions,
  AutoscalingOptions,
  CustomScalingMetric,
  RealtimeAutoscalingOptions,
  ScalingCommonOptions,
  ScheduledScaling,
  ServerlessAutoscalingOptions,
} from './options.js';
export type { ScalingSettings } from './settings.js';
export type { ScalingStepOutput } from './step-shapes.js';
export { planScaling, RELEASE_STEP_PREFIX, type ScalingPlanInput } from './steps.js';
