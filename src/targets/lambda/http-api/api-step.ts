/**
 * The `http-api` step: the API Gateway HTTP API itself (CreateApi, protocol HTTP, tagged with the deployment), or
 * its removal (DeleteApi, which takes its integrations, routes and stages with it) once the spec no longer asks
 * for it. Its output is what a caller needs: the route's URL, the API id and how requests are authorized.
 */
import type { Api } from '@aws-sdk/client-apigatewayv2';
import type { PlanStep } from '../../../deploy/plan.js';
import { HTTP_API_ROUTE_KEY } from '../names.js';
import type { ExposureAuth } from '../steps/exposure.js';
import { findHttpApis } from './find.js';
import type { HttpApiGateway } from './gateway.js';

/**
 * The output of the `http-api` step.
 *
 * @example
 * ```ts
 * const { url } = deployment.outputs.get('http-api') as LambdaHttpApiOutput;
 * const predictor = new Predictor({ transport: new LambdaUrlTransport({ url, auth: 'iam' }) });
 * ```
 */
export interface HttpApiOutput {
  /** The route's URL, `https://<apiId>.execute-api.<region>.amazonaws.com/invocations`: POST requests here. */
  readonly url: string;
  /** The HTTP API's id. */
  readonly apiId: string;
  /** `AWS_IAM`: sign requests with SigV4 for the service `execute-api`. `NONE`: public. */
  readonly authType: ExposureAuth;
}

/** What the `http-api` steps need to know about the API. */
export interface HttpApiSpec {
  readonly gateway: HttpApiGateway;
  /** The API's name, `modelship-<function>`. */
  readonly name: string;
  readonly deployment: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly auth: ExposureAuth;
}

const ROUTE_PATH = HTTP_API_ROUTE_KEY.split(' ')[1] ?? '';

/** The output for `api` (from CreateApi or GetApis). */
export function httpApiOutput(api: Pick<Api, 'ApiEndpoint' | 'ApiId'>, auth: ExposureAuth): HttpApiOutput {
  return { url: `${api.ApiEndpoint ?? ''}${ROUTE_PATH}`, apiId: api.ApiId ?? '', authType: auth };
}

/** The `http-api` step that keeps `current` (the deployment's API found at plan time) or creates the API. */
export function httpApiStep(spec: HttpApiSpec, current: Api | undefined): PlanStep {
  const { gateway, name, deployment } = spec;
  const resource = { kind: 'API Gateway HTTP API', name };
  if (current !== undefined) {
    return {
      id: 'http-api',
      resource,
      action: 'none',
      reason: `HTTP API ${name} (${current.ApiId}) exists`,
      dependsOn: ['alias'],
      existingOutput: httpApiOutput(current, spec.auth),
    };
  }
  return {
    id: 'http-api',
    resource,
    action: 'create',
    reason: `creates HTTP API ${name} to expose the live alias over HTTPS`,
    dependsOn: ['alias'],
    async apply(ctx): Promise<HttpApiOutput> {
      // An earlier try may have made the API and lost the answer: find it by name and tag before making another.
      const { ours } = await findHttpApis(gateway, name, deployment, ctx.signal);
      const api =
        ours[0] ?? (await gateway.createApi(name, spec.tags, `modelship deployment ${deployment}`, ctx.signal));
      return httpApiOutput(api, spec.auth);
    },
    undo: (ctx) => deleteOwnApis(spec, ctx.signal),
  };
}

/**
 * The `http-api` step that removes the deployment's API, as a cleanup: it runs once the rest of the deployment has
 * succeeded, so callers keep the API until the new exposure works, and a failure to remove it does not undo that.
 */
export function deleteHttpApiStep(spec: Omit<HttpApiSpec, 'tags' | 'auth'>, current: Api): PlanStep {
  return {
    id: 'http-api',
    resource: { kind: 'API Gateway HTTP API', name: spec.name },
    action: 'delete',
    reason: `the spec no longer exposes the function through HTTP API ${spec.name} (${current.ApiId}); removes it`,
    cleanup: true,
    apply: (ctx) => deleteOwnApis(spec, ctx.signal),
  };
}

/** Deletes every API of the deployment with its name; what is already gone is done. */
export async function deleteOwnApis(
  spec: Pick<HttpApiSpec, 'gateway' | 'name' | 'deployment'>,
  signal: AbortSignal,
): Promise<void> {
  const { ours } = await findHttpApis(spec.gateway, spec.name, spec.deployment, signal);
  for (const api of ours) await spec.gateway.deleteApi(api.ApiId ?? '', signal);
}
