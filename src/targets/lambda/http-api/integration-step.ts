/**
 * The `http-api-integration` step: the Lambda proxy integration (payload format 2.0) that hands each request to the
 * `live` alias. An integration already calling the alias is kept; otherwise one is made (an older one is left to
 * go with the API: nothing routes to it once the route moves).
 */
import type { Integration } from '@aws-sdk/client-apigatewayv2';
import type { PlanStep } from '../../../deploy/plan.js';
import type { HttpApiOutput } from './api-step.js';
import type { HttpApiGateway } from './gateway.js';

/** The output of the `http-api-integration` step. */
export interface HttpApiIntegrationOutput {
  readonly integrationId: string;
}

/** The integration among `integrations` that proxies to `aliasArn` with payload format 2.0, if any. */
export function matchingIntegration(integrations: readonly Integration[], aliasArn: string): Integration | undefined {
  return integrations.find(
    (integration) =>
      integration.IntegrationType === 'AWS_PROXY' &&
      integration.IntegrationUri === aliasArn &&
      integration.PayloadFormatVersion === '2.0',
  );
}

/**
 * The `http-api-integration` step.
 * @param current - the matching integration found at plan time; `undefined` when there is none (or no API yet).
 */
export function httpApiIntegrationStep(
  gateway: HttpApiGateway,
  aliasArn: string,
  current: Integration | undefined,
): PlanStep {
  const resource = { kind: 'API Gateway integration', name: aliasArn };
  if (current?.IntegrationId !== undefined) {
    const existingOutput: HttpApiIntegrationOutput = { integrationId: current.IntegrationId };
    return {
      id: 'http-api-integration',
      resource,
      action: 'none',
      reason: `the HTTP API already proxies to ${aliasArn}`,
      dependsOn: ['http-api'],
      existingOutput,
    };
  }
  const find = async (apiId: string, signal: AbortSignal) =>
    matchingIntegration(await gateway.integrations(apiId, signal), aliasArn);
  return {
    id: 'http-api-integration',
    resource,
    action: 'create',
    reason: `proxies the HTTP API's requests to ${aliasArn} (payload format 2.0)`,
    dependsOn: ['http-api'],
    async apply(ctx): Promise<HttpApiIntegrationOutput> {
      const { apiId } = ctx.output<HttpApiOutput>('http-api');
      // Integrations have no name to collide on: without this look, a retry after a lost answer makes a second.
      const made = (await find(apiId, ctx.signal))?.IntegrationId;
      return { integrationId: made ?? (await gateway.createIntegration(apiId, aliasArn, ctx.signal)) };
    },
    async undo(ctx) {
      const { apiId } = ctx.output<HttpApiOutput>('http-api');
      const made = (await find(apiId, ctx.signal))?.IntegrationId;
      if (made !== undefined) await gateway.deleteIntegration(apiId, made, ctx.signal);
    },
  };
}
