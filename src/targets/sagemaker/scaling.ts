/**
 * Autoscaling of the deployment's own variant, wired into the endpoint's plan: registered once the endpoint is in
 * service, released before an update SageMaker would refuse while the variant is a scalable target (one that
 * removes it or changes its instance type), and removed before the endpoint on destroy.
 */
import type { DescribeEndpointConfigOutput } from '@aws-sdk/client-sagemaker';
import type { AwsContext } from '../../aws/context.js';
import type { AwsTag } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import { AccessDeniedError, InvalidArgumentError } from '../../errors.js';
import {
  type AutoscalingOptions,
  checkAutoscaling,
  destroyScaling,
  planScaling,
  RELEASE_STEP_PREFIX,
  type ScalingSettings,
} from '../../scaling/index.js';
import { isAsyncSettings } from './async/check-options.js';
import type { EndpointSettings } from './check-options.js';
import type { EndpointDesign } from './design.js';

/**
 * Checks `.withAutoscaling(…)` for the endpoint's settings.
 * @throws {@link InvalidArgumentError} for an option that does not fit (before any AWS call).
 */
export function checkEndpointScaling(
  settings: EndpointSettings,
  options: AutoscalingOptions | undefined,
): ScalingSettings | undefined {
  if (options === undefined) return undefined;
  if (settings.kind === 'serverless' && settings.provisionedConcurrency === undefined) {
    throw new InvalidArgumentError(
      'autoscaling',
      'A serverless endpoint scales its provisioned concurrency, and this one has none: set provisionedConcurrency ' +
        'in SageMaker.serverless({ … }) (the starting value), or leave withAutoscaling out (SageMaker scales ' +
        'on-demand capacity itself).',
    );
  }
  // An async endpoint's settings are of kind `realtime` (it is one, with a queue): its scaling is not.
  const context =
    settings.kind === 'serverless'
      ? { kind: 'serverless' as const, maxConcurrency: settings.maxConcurrency }
      : { kind: isAsyncSettings(settings) ? ('async' as const) : ('realtime' as const) };
  return checkAutoscaling(options, context);
}

/** The variants whose scaling an update from `previous` to `design` must release first. */
export function variantsToRelease(previous: DescribeEndpointConfigOutput, design: EndpointDesign): string[] {
  const next = new Map((design.config.ProductionVariants ?? []).map((v) => [v.VariantName, v.InstanceType]));
  return (previous.ProductionVariants ?? [])
    .filter(
      (v) => v.VariantName !== undefined && (!next.has(v.VariantName) || next.get(v.VariantName) !== v.InstanceType),
    )
    .map((v) => v.VariantName as string);
}

/** What {@link planEndpointScaling} needs. */
export interface EndpointScalingInput {
  readonly endpointName: string;
  readonly variantName: string;
  readonly settings: ScalingSettings | undefined;
  readonly deployment: string;
  readonly tags: readonly AwsTag[];
  /** Variants to release before the endpoint update. */
  readonly release: readonly string[];
  /** Whether the endpoint exists: without it and without settings there is nothing to look at. */
  readonly endpointExists: boolean;
}

/** The scaling steps, and the ids of those the endpoint step must wait for (releases before an update). */
export async function planEndpointScaling(
  aws: AwsContext,
  input: EndpointScalingInput,
): Promise<{ steps: PlanStep[]; releaseIds: string[] }> {
  if (input.settings === undefined && !input.endpointExists) return { steps: [], releaseIds: [] };
  const steps = await withoutPermissionWhenUnused(input.settings, () =>
    planScaling(aws, { ...input, after: 'endpoint', releaseAfter: ['endpoint-config'] }),
  );
  return { steps, releaseIds: steps.filter((s) => s.id.startsWith(RELEASE_STEP_PREFIX)).map((s) => s.id) };
}

/**
 * The steps that remove the endpoint's scaling, and the CloudWatch alarm of an async endpoint's scale-from-zero;
 * `delete-endpoint` waits for them.
 */
export function destroyEndpointScaling(
  aws: AwsContext,
  endpointName: string,
  settings: ScalingSettings | undefined,
): Promise<PlanStep[]> {
  const scaleFromZeroAlarm = settings?.scaleFromZero !== undefined;
  return withoutPermissionWhenUnused(settings, () => destroyScaling(aws, { endpointName, scaleFromZeroAlarm }));
}

/**
 * A deployment that never asked for autoscaling must not need Application Auto Scaling permissions: when the
 * caller may not even read scaling, it cannot have registered any, so there is nothing to plan.
 */
async function withoutPermissionWhenUnused(
  settings: ScalingSettings | undefined,
  plan: () => Promise<PlanStep[]>,
): Promise<PlanStep[]> {
  try {
    return await plan();
  } catch (error) {
    if (settings === undefined && error instanceof AccessDeniedError) return [];
    throw error;
  }
}
