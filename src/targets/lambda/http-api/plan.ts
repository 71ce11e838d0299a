/**
 * The exposure through an API Gateway HTTP API, planned: the API, its Lambda proxy integration, the
 * `POST /invocations` route, the `$default` stage and the function's permission for API Gateway, each described
 * before it is made. When the spec stops asking for the API (another exposure, or none), the API and the
 * permission are removed after the rest of the deployment succeeded.
 */
import { partitionOf } from '../../../aws/arn.js';
import type { AwsContext } from '../../../aws/context.js';
import type { PlanStep } from '../../../deploy/plan.js';
import type { LambdaApi } from '../api.js';
import type { LambdaSettings } from '../check-options.js';
import { HTTP_API_ROUTE_KEY, HTTP_API_STAGE, HTTP_API_STATEMENT, httpApiName, LIVE_ALIAS } from '../names.js';
import { exposureAuth } from '../steps/exposure.js';
import { deleteHttpApiStep, httpApiStep } from './api-step.js';
import { findHttpApis, ownHttpApi } from './find.js';
import { HttpApiGateway } from './gateway.js';
import { httpApiIntegrationStep, matchingIntegration } from './integration-step.js';
import { deleteHttpApiPermissionStep, httpApiPermissionStep } from './permission-step.js';
import { httpApiRouteStep } from './route-step.js';
import { httpApiStageStep } from './stage-step.js';

/** What {@link planHttpApi} needs. */
export interface HttpApiPlanSpec {
  readonly aws: AwsContext;
  readonly lambda: LambdaApi;
  readonly settings: Pick<LambdaSettings, 'expose' | 'auth'>;
  readonly functionName: string;
  readonly deployment: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The statement ids of the `live` alias's resource policy at plan time (`[]`: none, or no function yet). */
  readonly statements: readonly string[];
}

/**
 * The HTTP API steps: those that make or keep the API when `expose` is `http-api`; those that remove it when the
 * function's policy still lets an API invoke it but the spec no longer wants one; none otherwise (no API Gateway
 * call is made for a deployment that never had an API).
 * @throws {@link ConflictError} when the API's name is taken by an API of someone else.
 */
export async function planHttpApi(spec: HttpApiPlanSpec): Promise<PlanStep[]> {
  const { aws, lambda, functionName, deployment, region } = spec;
  const wanted = spec.settings.expose === 'http-api';
  const permitted = spec.statements.includes(HTTP_API_STATEMENT);
  if (!wanted && !permitted) return [];
  const gateway = new HttpApiGateway(aws);
  const name = httpApiName(functionName);
  if (!wanted) {
    const [api] = (await findHttpApis(gateway, name, deployment)).ours;
    return [
      ...(api === undefined ? [] : [deleteHttpApiStep({ gateway, name, deployment }, api)]),
      deleteHttpApiPermissionStep(lambda, functionName, { id: 'http-api-permission', cleanup: true }),
    ];
  }
  const auth = exposureAuth(spec.settings);
  const [current, accountId] = await Promise.all([ownHttpApi(gateway, name, deployment), aws.accountId()]);
  const partition = partitionOf(region);
  const aliasArn = `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}:${LIVE_ALIAS}`;
  const apiId = current?.ApiId;
  const [integrations, routes, stage] =
    apiId === undefined
      ? [[], [], undefined]
      : await Promise.all([
          gateway.integrations(apiId),
          gateway.routes(apiId),
          gateway.getStage(apiId, HTTP_API_STAGE),
        ]);
  const integration = matchingIntegration(integrations, aliasArn);
  const route = routes.find((candidate) => candidate.RouteKey === HTTP_API_ROUTE_KEY);
  return [
    httpApiStep({ gateway, name, deployment, tags: spec.tags, auth }, current),
    httpApiIntegrationStep(gateway, aliasArn, integration),
    httpApiRouteStep(gateway, auth, route, integration?.IntegrationId),
    httpApiStageStep(gateway, stage),
    httpApiPermissionStep(lambda, { functionName, partition, region, accountId }, permitted, current !== undefined),
  ];
}
