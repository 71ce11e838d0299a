/**
 * The common ground of the scaling tests: an AWS context whose Application Auto Scaling client is the fake's
 * stub, a stand-in `endpoint` step for the scaling steps to wait for, and an apply that runs them at once.
 */
import { AwsContext } from '../../../src/aws/context.js';
import { type ApplyResult, applyPlan } from '../../../src/deploy/apply.js';
import type { PlanStep } from '../../../src/deploy/plan.js';
import { checkAutoscaling } from '../../../src/scaling/check.js';
import type { RealtimeAutoscalingOptions } from '../../../src/scaling/options.js';
import { planScaling, type ScalingPlanInput } from '../../../src/scaling/steps.js';

export const ENDPOINT = 'churn';
export const VARIANT = 'AllTraffic';
export const RESOURCE_ID = `endpoint/${ENDPOINT}/variant/${VARIANT}`;

export function awsContext(): AwsContext {
  return new AwsContext({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
}

/** The step scaling waits for; it changes nothing. */
export const ENDPOINT_STEP: PlanStep = {
  id: 'endpoint',
  resource: { kind: 'SageMaker endpoint', name: ENDPOINT },
  action: 'none',
  reason: 'endpoint churn is InService',
};

/** Plans the scaling of {@link VARIANT} for real-time `options` (or the given settings), after `endpoint`. */
export async function plan(
  aws: AwsContext,
  options: RealtimeAutoscalingOptions | undefined,
  extra: Partial<ScalingPlanInput> = {},
): Promise<PlanStep[]> {
  const settings = options === undefined ? undefined : checkAutoscaling(options, { kind: 'realtime' });
  return planScaling(aws, {
    endpointName: ENDPOINT,
    variantName: VARIANT,
    settings,
    deployment: 'churn',
    after: 'endpoint',
    ...extra,
  });
}

/** Applies `steps` after the stand-in endpoint step (and before `tail`), polling and retrying without pauses. */
export function run(steps: readonly PlanStep[], tail: readonly PlanStep[] = []): Promise<ApplyResult> {
  return applyPlan(
    { name: 'churn', target: 'sagemaker-realtime', steps: [ENDPOINT_STEP, ...steps, ...tail] },
    { poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } },
  );
}

/** A step that fails after every scaling step, so the engine rolls them back. */
export function failingAfter(steps: readonly PlanStep[]): PlanStep {
  return {
    id: 'boom',
    resource: { kind: 'test', name: 'boom' },
    action: 'create',
    reason: 'fails on purpose',
    dependsOn: steps.map((step) => step.id),
    async apply() {
      throw new Error('boom');
    },
  };
}

/** `id → action` of a plan, to compare in one assertion. */
export function actions(steps: readonly PlanStep[]): Record<string, string> {
  return Object.fromEntries(steps.map((step) => [step.id, step.action]));
}
