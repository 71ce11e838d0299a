/**
 * Teardown of a SageMaker endpoint deployment: the endpoint (waiting until it is gone), then its endpoint config
 * and models, each only if this deployment made it. Found by name, so it works from a new process, and safe to run
 * twice: what is already gone is a step with nothing to do.
 */
import type { DescribeEndpointConfigOutput } from '@aws-sdk/client-sagemaker';
import type { AwsContext } from '../../aws/context.js';
import type { PlanStep } from '../../deploy/plan.js';
import { ConflictError } from '../../errors.js';
import type { SageMakerApi } from './api.js';
import { deleteRoleStep } from './role/delete-role-step.js';
import { describeRole } from './role/role-step.js';
import { deleteAndWait } from './steps/endpoint-step.js';
import { ownedBy, type Removable, removeOwned } from './steps/owned.js';
import { modelArnBeside } from './steps/retire-step.js';

/** What {@link destroySteps} needs to find the resources. */
export interface DestroyTarget {
  readonly endpointName: string;
  readonly deployment: string;
  /** The config the deployment's own apply left serving, when this process knows it. */
  readonly knownConfigName?: string;
  /** The name of the execution role modelship made for the deployment (`createRole`), removed last. */
  readonly createdRole?: string;
  /** Where to reach IAM, for `createdRole`. */
  readonly aws?: AwsContext;
  /** Steps that must run before the endpoint goes (removing its autoscaling); they lead the plan. */
  readonly before?: readonly PlanStep[];
}

/** The steps that remove a deployment's endpoint, endpoint config and models. */
export async function destroySteps(api: SageMakerApi, target: DestroyTarget): Promise<PlanStep[]> {
  const { endpointName, deployment } = target;
  const endpoint = await api.describeEndpoint(endpointName);
  if (endpoint !== undefined && !(await ownedBy(api, endpoint.EndpointArn ?? '', deployment))) {
    throw new ConflictError(
      `SageMaker endpoint ${endpointName} was not made by the modelship deployment "${deployment}" (its ` +
        'modelship:deployment tag says otherwise), so modelship does not delete it.',
    );
  }
  const configName = endpoint?.EndpointConfigName ?? target.knownConfigName;
  const config = configName === undefined ? undefined : await api.describeEndpointConfig(configName);
  const before = target.before ?? [];
  const steps: PlanStep[] = [
    ...before,
    {
      id: 'delete-endpoint',
      dependsOn: before.map((step) => step.id),
      resource: { kind: 'SageMaker endpoint', name: endpointName, arn: endpoint?.EndpointArn },
      action: endpoint === undefined ? 'none' : 'delete',
      reason: endpoint === undefined ? `endpoint ${endpointName} does not exist` : `removes endpoint ${endpointName}`,
      apply: (ctx) => deleteAndWait(api, endpointName, ctx.signal),
    },
  ];
  if (config !== undefined) steps.push(...configAndModelSteps(api, config, configName, deployment));
  if (target.createdRole !== undefined && target.aws !== undefined) {
    const existing = await describeRole(target.aws, target.createdRole);
    const dependsOn = steps.map((step) => step.id);
    steps.push(deleteRoleStep(target.aws, { roleName: target.createdRole, deployment, dependsOn }, existing));
  }
  return steps;
}

function removeStep(api: SageMakerApi, item: Removable, deployment: string, dependsOn: string[]): PlanStep {
  return {
    id: `delete-${item.kind === 'model' ? 'model' : 'endpoint-config'}-${item.name}`,
    resource: { kind: `SageMaker ${item.kind}`, name: item.name, arn: item.arn },
    action: 'delete',
    reason: `removes ${item.kind} ${item.name} if deployment ${deployment} made it`,
    dependsOn,
    async apply(ctx) {
      const kept = await removeOwned(api, [item], deployment, ctx.signal);
      return { kept };
    },
  };
}

function configAndModelSteps(
  api: SageMakerApi,
  config: DescribeEndpointConfigOutput,
  configName: string | undefined,
  deployment: string,
): PlanStep[] {
  const configArn = config.EndpointConfigArn ?? '';
  const models = [...(config.ProductionVariants ?? []), ...(config.ShadowProductionVariants ?? [])]
    .map((variant) => variant.ModelName)
    .filter((name): name is string => name !== undefined);
  const modelSteps = [...new Set(models)].map((name) =>
    removeStep(api, { kind: 'model', name, arn: modelArnBeside(configArn, name) }, deployment, ['delete-endpoint']),
  );
  // The config goes last: it is how a second destroy finds models whose delete failed the first time.
  const name = config.EndpointConfigName ?? configName ?? '';
  const configStep = removeStep(api, { kind: 'endpoint config', name, arn: configArn }, deployment, [
    'delete-endpoint',
    ...modelSteps.map((step) => step.id),
  ]);
  return [...modelSteps, configStep];
}
