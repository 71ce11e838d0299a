/**
 * Teardown of the HTTP API exposure, before the function goes: DeleteApi (its integrations, routes and stages go
 * with it) and RemovePermission of the statement that let it invoke the function. Safe to run twice: an API or
 * statement already gone is a step with nothing to do.
 */
import type { AwsContext } from '../../../aws/context.js';
import type { PlanStep } from '../../../deploy/plan.js';
import type { LambdaApi } from '../api.js';
import { HTTP_API_STATEMENT, httpApiName } from '../names.js';
import { deleteOwnApis } from './api-step.js';
import { findHttpApis } from './find.js';
import { HttpApiGateway } from './gateway.js';
import { deleteHttpApiPermissionStep } from './permission-step.js';

/** What {@link httpApiDestroySteps} looks at. */
export interface HttpApiDestroySpec {
  readonly functionName: string;
  readonly deployment: string;
  /** Whether the spec exposes the function through an HTTP API: then the API is looked for in any case. */
  readonly exposesHttpApi: boolean;
  /** The statement ids of the `live` alias's policy (`[]` when the function is gone or not this deployment's). */
  readonly statements: readonly string[];
}

/**
 * `delete-http-api` and `delete-http-api-permission`, or nothing when neither the spec nor the function's policy
 * says there is an API (so destroying a deployment that never had one makes no API Gateway call).
 */
export async function httpApiDestroySteps(
  aws: AwsContext,
  lambda: LambdaApi,
  spec: HttpApiDestroySpec,
): Promise<PlanStep[]> {
  const { functionName, deployment } = spec;
  const permitted = spec.statements.includes(HTTP_API_STATEMENT);
  if (!spec.exposesHttpApi && !permitted) return [];
  const gateway = new HttpApiGateway(aws);
  const name = httpApiName(functionName);
  const { ours } = await findHttpApis(gateway, name, deployment);
  const resource = { kind: 'API Gateway HTTP API', name };
  const steps: PlanStep[] = [
    ours.length === 0
      ? { id: 'delete-http-api', resource, action: 'none', reason: `HTTP API ${name} does not exist` }
      : {
          id: 'delete-http-api',
          resource,
          action: 'delete',
          reason: `removes HTTP API ${name} (${ours.map((api) => api.ApiId).join(', ')}) with its route and stage`,
          apply: (ctx) => deleteOwnApis({ gateway, name, deployment }, ctx.signal),
        },
  ];
  if (permitted) {
    steps.push(deleteHttpApiPermissionStep(lambda, functionName, { id: 'delete-http-api-permission', cleanup: false }));
  }
  return steps;
}
