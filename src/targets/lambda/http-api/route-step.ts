/**
 * The `http-api-route` step: `POST /invocations`, sent to the integration, authorized with `AWS_IAM` (SigV4 callers
 * allowed `execute-api:Invoke`) unless the spec made it public with `allowPublic`. Created, or set when its target
 * or authorization differ; `undo` puts back what was there.
 */
import type { Route } from '@aws-sdk/client-apigatewayv2';
import type { PlanStep, StepContext } from '../../../deploy/plan.js';
import { HTTP_API_ROUTE_KEY } from '../names.js';
import { type ExposureAuth, PUBLIC_WARNING } from '../steps/exposure.js';
import type { HttpApiOutput } from './api-step.js';
import type { HttpApiGateway, RouteSpec } from './gateway.js';
import type { HttpApiIntegrationOutput } from './integration-step.js';

const INTEGRATION_TARGET = /^integrations\/(.+)$/;

/** What the route is set to now, when it sends requests to an integration. */
function routeSpecOf(route: Route): RouteSpec | undefined {
  const integrationId = INTEGRATION_TARGET.exec(route.Target ?? '')?.[1];
  if (integrationId === undefined) return undefined;
  return { integrationId, auth: route.AuthorizationType === 'NONE' ? 'NONE' : 'AWS_IAM' };
}

/**
 * The `http-api-route` step.
 * @param current - the route found at plan time; `undefined` when there is none (or no API yet).
 * @param integrationId - the integration kept at plan time; `undefined` when the integration step makes one.
 */
export function httpApiRouteStep(
  gateway: HttpApiGateway,
  auth: ExposureAuth,
  current: Route | undefined,
  integrationId: string | undefined,
): PlanStep {
  const resource = { kind: 'API Gateway route', name: HTTP_API_ROUTE_KEY };
  const had = current === undefined ? undefined : routeSpecOf(current);
  if (had !== undefined && had.integrationId === integrationId && had.auth === auth) {
    return {
      id: 'http-api-route',
      resource,
      action: 'none',
      reason: `${HTTP_API_ROUTE_KEY} already reaches the function with auth ${auth}`,
      dependsOn: ['http-api-integration'],
    };
  }
  const find = async (ctx: StepContext) => {
    const { apiId } = ctx.output<HttpApiOutput>('http-api');
    const routes = await gateway.routes(apiId, ctx.signal);
    return { apiId, route: routes.find((route) => route.RouteKey === HTTP_API_ROUTE_KEY) };
  };
  const warning = auth === 'NONE' ? PUBLIC_WARNING : '';
  return {
    id: 'http-api-route',
    resource,
    action: current === undefined ? 'create' : 'update',
    reason: `${current === undefined ? 'creates' : 'changes'} ${HTTP_API_ROUTE_KEY} with auth ${auth}${warning}`,
    dependsOn: ['http-api-integration'],
    async apply(ctx) {
      const wanted = {
        integrationId: ctx.output<HttpApiIntegrationOutput>('http-api-integration').integrationId,
        auth,
      };
      // Read again: a retry after a CreateRoute whose answer was lost must update that route, not make a second.
      const { apiId, route } = await find(ctx);
      await gateway.putRoute(apiId, HTTP_API_ROUTE_KEY, wanted, route?.RouteId, ctx.signal);
    },
    async undo(ctx) {
      const { apiId, route } = await find(ctx);
      if (route?.RouteId === undefined) return;
      if (had === undefined) await gateway.deleteRoute(apiId, route.RouteId, ctx.signal);
      else await gateway.putRoute(apiId, HTTP_API_ROUTE_KEY, had, route.RouteId, ctx.signal);
    },
  };
}
