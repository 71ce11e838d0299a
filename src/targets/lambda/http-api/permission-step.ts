/**
 * The `http-api-permission` step: the statement of the function's resource policy (on the `live` alias) that lets
 * API Gateway invoke it, for this API's route only (`SourceArn` names the API id and the path). Without it every
 * request fails with 500 at the gateway. A new API has a new id, so a statement left from an earlier API is
 * replaced.
 */
import type { PlanStep, StepContext } from '../../../deploy/plan.js';
import type { LambdaApi } from '../api.js';
import { HTTP_API_ROUTE_KEY, HTTP_API_STATEMENT, LIVE_ALIAS } from '../names.js';
import { addPermissionOnce } from '../steps/exposure.js';
import type { HttpApiOutput } from './api-step.js';

/** Where the function and the API live, for the statement's `SourceArn`. */
export interface PermissionWhere {
  readonly functionName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

const ROUTE_PATH = HTTP_API_ROUTE_KEY.split(' ')[1] ?? '';

/** `arn:aws:execute-api:<region>:<account>:<apiId>/*\/*\/invocations`: any stage and method of the route's path. */
export function httpApiSourceArn(where: PermissionWhere, apiId: string): string {
  return `arn:${where.partition}:execute-api:${where.region}:${where.accountId}:${apiId}/*/*${ROUTE_PATH}`;
}

/**
 * The `http-api-permission` step.
 * @param present - whether the statement is in the alias's policy at plan time.
 * @param sameApi - whether the API exists already (its id, which the statement names, does not change).
 */
export function httpApiPermissionStep(
  api: LambdaApi,
  where: PermissionWhere,
  present: boolean,
  sameApi: boolean,
): PlanStep {
  const resource = { kind: 'Lambda permission', name: `${where.functionName}:${LIVE_ALIAS} ${HTTP_API_STATEMENT}` };
  if (present && sameApi) {
    return {
      id: 'http-api-permission',
      resource,
      action: 'none',
      reason: 'API Gateway may already invoke the live alias',
      dependsOn: ['http-api'],
    };
  }
  return {
    id: 'http-api-permission',
    resource,
    action: present ? 'update' : 'create',
    reason: `lets the HTTP API invoke ${where.functionName}:${LIVE_ALIAS} for ${HTTP_API_ROUTE_KEY} only`,
    dependsOn: ['http-api'],
    async apply(ctx: StepContext) {
      const { apiId } = ctx.output<HttpApiOutput>('http-api');
      // Lambda cannot change a statement: take the old one out (if any), then add the one for this API.
      await removeHttpApiPermission(api, where.functionName, ctx.signal);
      await addPermissionOnce(
        api,
        {
          FunctionName: where.functionName,
          Qualifier: LIVE_ALIAS,
          StatementId: HTTP_API_STATEMENT,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: httpApiSourceArn(where, apiId),
        },
        ctx.signal,
      );
    },
    // The statement replaced (if any) named an API that no longer serves this deployment: it does not come back.
    undo: (ctx) => removeHttpApiPermission(api, where.functionName, ctx.signal),
  };
}

/**
 * A step that removes the statement: `http-api-permission` as a cleanup when the API is no longer wanted, or
 * `delete-http-api-permission` in a teardown.
 */
export function deleteHttpApiPermissionStep(
  api: LambdaApi,
  functionName: string,
  as: { readonly id: string; readonly cleanup: boolean },
): PlanStep {
  return {
    id: as.id,
    resource: { kind: 'Lambda permission', name: `${functionName}:${LIVE_ALIAS} ${HTTP_API_STATEMENT}` },
    action: 'delete',
    reason: 'API Gateway may no longer invoke the live alias',
    ...(as.cleanup ? { cleanup: true } : {}),
    apply: (ctx) => removeHttpApiPermission(api, functionName, ctx.signal),
  };
}

/** Removes the statement; one already gone is done. */
export function removeHttpApiPermission(api: LambdaApi, functionName: string, signal: AbortSignal): Promise<void> {
  return api.removePermission(functionName, HTTP_API_STATEMENT, LIVE_ALIAS, signal);
}
