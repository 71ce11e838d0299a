/**
 * The variants of one endpoint with their serving containers: the deployment's own model, the A/B variants and the
 * shadow, each resolved (image, artifact checked in its region) for the instance type it runs on.
 */
import type { AwsContext } from '../../aws/context.js';
import type { ModelSource } from '../../model/source.js';
import type { EndpointSettings } from './check-options.js';
import { type ResolvedContainer, remoteContainer } from './container.js';
import type { VariantInput } from './design.js';
import { estimateHourlyCostUsd } from './pricing.js';
import type { TrafficWeights } from './traffic.js';

/** The production variants (the deployment's own first) and the shadow, ready to design. */
export interface ResolvedVariants {
  readonly production: readonly VariantInput[];
  readonly shadow?: VariantInput;
}

/** Resolves every variant's container, the artifacts checked with read-only calls, in parallel. */
export async function resolveVariants(
  source: ModelSource,
  settings: EndpointSettings,
  weights: TrafficWeights,
  aws: AwsContext,
  region: string,
  /** The deployment's own model, when it was resolved already (a local model uploaded by the plan). */
  own?: ResolvedContainer,
): Promise<ResolvedVariants> {
  const ownType = settings.kind === 'realtime' ? settings.instanceType : undefined;
  const resolve = async (
    name: string,
    model: ModelSource,
    instanceType: string | undefined,
    extra: Pick<VariantInput, 'weight' | 'instanceType' | 'instanceCount'>,
  ): Promise<VariantInput> => ({
    name,
    ...(await remoteContainer(model, aws, { region, instanceType })),
    ...extra,
  });
  const primaryWeight = { weight: weights[settings.variantName] ?? 0 };
  const primary =
    own === undefined
      ? resolve(settings.variantName, source, ownType, primaryWeight)
      : Promise.resolve({
          name: settings.variantName,
          container: own.container,
          artifactIdentity: own.artifactIdentity,
          ...primaryWeight,
        });
  if (settings.kind === 'serverless') return { production: [await primary] };
  const others = settings.variants.map((variant) =>
    resolve(variant.name, variant.source, variant.instanceType, {
      instanceType: variant.instanceType,
      instanceCount: variant.instanceCount,
      weight: weights[variant.name] ?? 0,
    }),
  );
  const { shadow } = settings;
  // The shadow's weight, relative to the production variant's, is the share of requests copied to it.
  const shadowInput =
    shadow &&
    resolve(shadow.name, shadow.source, shadow.instanceType, {
      instanceType: shadow.instanceType,
      instanceCount: shadow.instanceCount,
      weight: ((weights[settings.variantName] ?? 100) * shadow.samplingPercent) / 100,
    });
  const [first, ...rest] = await Promise.all([primary, ...others]);
  return { production: [first as VariantInput, ...rest], ...(shadowInput ? { shadow: await shadowInput } : {}) };
}

/** The estimated hourly cost of all the variants' instances; `undefined` when any price is unknown or serverless. */
export function variantsHourlyCost(settings: EndpointSettings, region: string): number | undefined {
  if (settings.kind !== 'realtime') return undefined;
  const fleets = [
    { instanceType: settings.instanceType, instanceCount: settings.instanceCount },
    ...settings.variants,
    ...(settings.shadow ? [settings.shadow] : []),
  ];
  let total = 0;
  for (const fleet of fleets) {
    const cost = estimateHourlyCostUsd(fleet.instanceType, region, fleet.instanceCount);
    if (cost === undefined) return undefined;
    total += cost;
  }
  return Math.round(total * 10_000) / 10_000;
}
