/**
 * After an update went live: the endpoint config and models that served before are removed, and only then, so a
 * failed or rolled-back update always has the old version to return to.
 */
import type { DescribeEndpointConfigOutput } from '@aws-sdk/client-sagemaker';
import { buildArn, parseArn } from '../../../aws/arn.js';
import type { PlanStep } from '../../../deploy/plan.js';
import type { SageMakerApi } from '../api.js';
import type { EndpointDesign } from '../design.js';
import { type Removable, removeOwned } from './owned.js';

/** What served before: the config and the models it names. */
export function previousResources(config: DescribeEndpointConfigOutput, design: EndpointDesign): Removable[] {
  const keep = new Set([...design.models.map((model) => model.ModelName), design.config.EndpointConfigName]);
  const models = (config.ProductionVariants ?? [])
    .concat(config.ShadowProductionVariants ?? [])
    .map((variant) => variant.ModelName)
    .filter((name): name is string => name !== undefined && !keep.has(name));
  const removable: Removable[] = [...new Set(models)].map((name) => ({
    kind: 'model',
    name,
    arn: modelArnBeside(config.EndpointConfigArn ?? '', name),
  }));
  const configName = config.EndpointConfigName;
  if (configName !== undefined && !keep.has(configName)) {
    removable.unshift({ kind: 'endpoint config', name: configName, arn: config.EndpointConfigArn ?? '' });
  }
  return removable;
}

/** A model's ARN in the account and region of an endpoint config's ARN (SageMaker writes names lower-case). */
export function modelArnBeside(configArn: string, modelName: string): string {
  const { partition, region, accountId } = parseArn(configArn);
  return buildArn({ partition, service: 'sagemaker', region, accountId, resource: `model/${modelName.toLowerCase()}` });
}

/**
 * The step that removes what served before the update, once the endpoint is in service with the new config. A
 * cleanup step: the update has succeeded by then, so a config or model it cannot remove is reported (a
 * `cleanup-failed` event, `ApplyResult.cleanupFailures`), never a reason to roll the update back.
 */
export function retireStep(api: SageMakerApi, deployment: string, previous: readonly Removable[]): PlanStep {
  const names = previous.map((item) => `${item.kind} ${item.name}`).join(', ');
  return {
    id: 'retire-previous',
    resource: { kind: 'SageMaker endpoint config', name: previous[0]?.name ?? '' },
    action: 'delete',
    reason: `the endpoint no longer needs ${names}; removed once the update is in service (only if made by ${deployment})`,
    dependsOn: ['endpoint'],
    cleanup: true,
    async apply(ctx) {
      // Models first, the config last: a config left behind still names the models a later cleanup must find.
      // A failure stops here; the engine retries the step, and what is already gone is skipped the second time.
      const ordered = [...previous].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'model' ? -1 : 1));
      return { kept: await removeOwned(api, ordered, deployment, ctx.signal) };
    },
  };
}
