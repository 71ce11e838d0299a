/**
 * A new traffic split on an endpoint that already serves the right models: SageMaker moves the weights in place
 * (UpdateEndpointWeightsAndCapacities), with no new fleet, in seconds rather than the minutes of a blue/green
 * update.
 */
import type { DescribeEndpointOutput } from '@aws-sdk/client-sagemaker';
import type { PlanStep } from '../../../deploy/plan.js';
import type { SageMakerApi } from '../api.js';
import type { EndpointDesign } from '../design.js';
import type { SageMakerEndpointOutput } from './endpoint-step.js';
import { acceptingHiddenSuccess } from './hidden-success.js';
import { pollUntil } from './poll.js';

type Weights = Readonly<Record<string, number>>;

/** The live weights of an endpoint's production variants (the desired ones while a change is under way). */
export function liveWeights(endpoint: DescribeEndpointOutput): Weights {
  return Object.fromEntries(
    (endpoint.ProductionVariants ?? []).map((variant) => [
      variant.VariantName ?? '',
      variant.DesiredWeight ?? variant.CurrentWeight ?? 0,
    ]),
  );
}

/** True when both splits send the same share of traffic to each variant (weights are relative in SageMaker). */
export function sameSplit(a: Weights, b: Weights): boolean {
  const total = (weights: Weights) => Object.values(weights).reduce((sum, w) => sum + w, 0);
  const [ta, tb] = [total(a), total(b)];
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => Math.abs((a[name] ?? 0) / (ta || 1) - (b[name] ?? 0) / (tb || 1)) < 1e-6);
}

function percentages(weights: Weights): string {
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0) || 1;
  return Object.entries(weights)
    .map(([name, w]) => `${name} ${Math.round((w / total) * 1000) / 10}%`)
    .join(', ');
}

/** The `endpoint` step that moves the traffic split of an endpoint already serving `design`'s config. */
export function weightsStep(api: SageMakerApi, design: EndpointDesign, current: DescribeEndpointOutput): PlanStep {
  const name = design.endpointName;
  const before = liveWeights(current);
  const output: SageMakerEndpointOutput = {
    endpointName: name,
    endpointArn: current.EndpointArn ?? '',
    endpointConfigName: design.config.EndpointConfigName,
  };
  const setWeights = async (weights: Weights, signal: AbortSignal) => {
    await api.updateWeights(name, weights, signal);
  };
  const reached = async (weights: Weights, signal: AbortSignal) => {
    const endpoint = await api.describeEndpoint(name, signal);
    return endpoint?.EndpointStatus === 'InService' && sameSplit(currentWeights(endpoint), weights);
  };
  return {
    id: 'endpoint',
    resource: { kind: 'SageMaker endpoint', name, arn: current.EndpointArn },
    action: 'update',
    reason: `endpoint ${name} splits traffic ${percentages(before)}; moves it to ${percentages(design.weights)} in place`,
    dependsOn: ['endpoint-config'],
    async apply(ctx) {
      await acceptingHiddenSuccess(
        async () => {
          await setWeights(design.weights, ctx.signal);
          return true;
        },
        async () => {
          const now = await api.describeEndpoint(name, ctx.signal);
          return now !== undefined && sameSplit(liveWeights(now), design.weights) ? true : undefined;
        },
      );
      return output;
    },
    async wait(ctx) {
      const endpoint = await api.describeEndpoint(name, ctx.signal);
      const status = endpoint?.EndpointStatus ?? 'unknown';
      const done =
        status === 'InService' && endpoint !== undefined && sameSplit(currentWeights(endpoint), design.weights);
      return { done, status };
    },
    async undo(ctx) {
      await pollUntil(
        async () => (await api.describeEndpoint(name, ctx.signal))?.EndpointStatus === 'InService',
        ctx.signal,
      );
      await setWeights(before, ctx.signal);
      await pollUntil(() => reached(before, ctx.signal), ctx.signal);
    },
  };
}

function currentWeights(endpoint: DescribeEndpointOutput): Weights {
  return Object.fromEntries(
    (endpoint.ProductionVariants ?? []).map((variant) => [variant.VariantName ?? '', variant.CurrentWeight ?? 0]),
  );
}
