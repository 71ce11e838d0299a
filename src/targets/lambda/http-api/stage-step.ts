/**
 * The `http-api-stage` step: the `$default` stage with auto-deploy, which serves the API at the root of its invoke
 * URL and puts every change of the route live without a separate deployment.
 */
import type { PlanStep } from '../../../deploy/plan.js';
import { HTTP_API_STAGE } from '../names.js';
import type { HttpApiOutput } from './api-step.js';
import type { HttpApiGateway } from './gateway.js';

/**
 * The `http-api-stage` step.
 * @param current - the stage found at plan time; `undefined` when there is none (or no API yet).
 */
export function httpApiStageStep(
  gateway: HttpApiGateway,
  current: { readonly AutoDeploy?: boolean | undefined } | undefined,
): PlanStep {
  const resource = { kind: 'API Gateway stage', name: HTTP_API_STAGE };
  if (current?.AutoDeploy === true) {
    return {
      id: 'http-api-stage',
      resource,
      action: 'none',
      reason: `stage ${HTTP_API_STAGE} deploys every change`,
      dependsOn: ['http-api-route'],
    };
  }
  return {
    id: 'http-api-stage',
    resource,
    action: current === undefined ? 'create' : 'update',
    reason:
      current === undefined
        ? `creates stage ${HTTP_API_STAGE} with auto-deploy`
        : `turns on auto-deploy of stage ${HTTP_API_STAGE}`,
    dependsOn: ['http-api-route'],
    async apply(ctx) {
      const { apiId } = ctx.output<HttpApiOutput>('http-api');
      // Read again: a retried CreateStage whose answer was lost would be refused as "already exists".
      const exists = (await gateway.getStage(apiId, HTTP_API_STAGE, ctx.signal)) !== undefined;
      await gateway.putStage(apiId, HTTP_API_STAGE, exists, ctx.signal);
    },
    async undo(ctx) {
      // Turning auto-deploy back off would only stop later changes from going live: only a stage made here goes.
      if (current !== undefined) return;
      const { apiId } = ctx.output<HttpApiOutput>('http-api');
      await gateway.deleteStage(apiId, HTTP_API_STAGE, ctx.signal);
    },
  };
}
