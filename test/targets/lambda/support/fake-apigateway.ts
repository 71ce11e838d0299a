/**
 * An in-memory API Gateway v2 behind `mockAwsClient(ApiGatewayV2Client)`: HTTP APIs with tags, integrations,
 * routes and stages, ids made as API Gateway makes them, names that need not be unique, and faults injected per
 * operation (before or after the change is made). Every request still goes through the contract check against
 * `../shared/aws-models/apigatewayv2.json`.
 */
import {
  type Api,
  ApiGatewayV2Client,
  ApiGatewayV2ServiceException,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  type Integration,
  type Route,
  type Stage,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockAwsClient } from '../../../support/aws-contract.js';
import { REGION } from './fake-lambda.js';

/** One HTTP API with its parts. */
export interface FakeHttpApi {
  readonly api: Api;
  readonly integrations: Map<string, Integration>;
  readonly routes: Map<string, Route>;
  readonly stages: Map<string, Stage>;
}

/** An AWS-shaped API Gateway error. */
export function gatewayError(name: string, message: string, status = 400): ApiGatewayV2ServiceException {
  return new ApiGatewayV2ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake-apigateway' },
    message,
  });
}

const notFound = (what: string) => gatewayError('NotFoundException', `Invalid ${what} identifier specified`, 404);

export class FakeApiGateway {
  readonly apis = new Map<string, FakeHttpApi>();
  /** Every mutating call, in order: `CreateRoute a1 POST /invocations AWS_IAM integrations/i1`. */
  readonly log: string[] = [];
  readonly stub = mockAwsClient(ApiGatewayV2Client);
  readonly #faults: { operation: string; error: () => Error; times: number; afterApplying: boolean }[] = [];
  #ids = 0;

  constructor() {
    const s = this.stub;
    s.on(GetApisCommand).callsFake(() =>
      this.#run('GetApis', () => ({ Items: [...this.apis.values()].map(({ api }) => ({ ...api })) })),
    );
    s.on(CreateApiCommand).callsFake((input) =>
      this.#mutate('CreateApi', input.Name, () => {
        const apiId = this.#id('a');
        const api: Api = {
          ApiId: apiId,
          Name: input.Name ?? '',
          ProtocolType: input.ProtocolType ?? 'HTTP',
          ApiEndpoint: `https://${apiId}.execute-api.${REGION}.amazonaws.com`,
          RouteSelectionExpression: '$request.method $request.path',
          Tags: { ...input.Tags },
        };
        this.apis.set(apiId, { api, integrations: new Map(), routes: new Map(), stages: new Map() });
        return { ...api };
      }),
    );
    s.on(DeleteApiCommand).callsFake((input) =>
      this.#mutate('DeleteApi', input.ApiId, () => {
        if (!this.apis.delete(input.ApiId ?? '')) throw notFound('API');
        return {};
      }),
    );
    s.on(GetIntegrationsCommand).callsFake((input) =>
      this.#run('GetIntegrations', () => ({ Items: [...this.api(input.ApiId).integrations.values()] })),
    );
    s.on(CreateIntegrationCommand).callsFake((input) =>
      this.#mutate('CreateIntegration', `${input.ApiId} ${input.IntegrationType} ${input.IntegrationUri}`, () => {
        const { ApiId, ...settings } = input;
        const integration: Integration = { ...settings, IntegrationId: this.#id('i') };
        this.api(ApiId).integrations.set(integration.IntegrationId ?? '', integration);
        return integration;
      }),
    );
    s.on(DeleteIntegrationCommand).callsFake((input) =>
      this.#mutate('DeleteIntegration', `${input.ApiId} ${input.IntegrationId}`, () => {
        if (!this.api(input.ApiId).integrations.delete(input.IntegrationId ?? '')) throw notFound('Integration');
        return {};
      }),
    );
    s.on(GetRoutesCommand).callsFake((input) =>
      this.#run('GetRoutes', () => ({ Items: [...this.api(input.ApiId).routes.values()] })),
    );
    s.on(CreateRouteCommand).callsFake((input) =>
      this.#mutate('CreateRoute', `${input.ApiId} ${input.RouteKey} ${input.AuthorizationType} ${input.Target}`, () => {
        const api = this.api(input.ApiId);
        if ([...api.routes.values()].some((route) => route.RouteKey === input.RouteKey)) {
          throw gatewayError('ConflictException', `Route with key ${input.RouteKey} already exists for this API`, 409);
        }
        this.#target(api, input.Target);
        const { ApiId, ...settings } = input;
        const route: Route = { ...settings, RouteKey: input.RouteKey ?? '', RouteId: this.#id('r') };
        api.routes.set(route.RouteId ?? '', route);
        return route;
      }),
    );
    s.on(UpdateRouteCommand).callsFake((input) =>
      this.#mutate('UpdateRoute', `${input.ApiId} ${input.RouteId} ${input.AuthorizationType} ${input.Target}`, () => {
        const api = this.api(input.ApiId);
        const route = api.routes.get(input.RouteId ?? '');
        if (route === undefined) throw notFound('Route');
        this.#target(api, input.Target);
        const { ApiId, RouteId, ...settings } = input;
        const updated: Route = { ...route, ...settings };
        api.routes.set(route.RouteId ?? '', updated);
        return updated;
      }),
    );
    s.on(DeleteRouteCommand).callsFake((input) =>
      this.#mutate('DeleteRoute', `${input.ApiId} ${input.RouteId}`, () => {
        if (!this.api(input.ApiId).routes.delete(input.RouteId ?? '')) throw notFound('Route');
        return {};
      }),
    );
    s.on(GetStageCommand).callsFake((input) =>
      this.#run('GetStage', () => {
        const stage = this.api(input.ApiId).stages.get(input.StageName ?? '');
        if (stage === undefined) throw notFound('Stage');
        return stage;
      }),
    );
    s.on(CreateStageCommand).callsFake((input) =>
      this.#mutate('CreateStage', `${input.ApiId} ${input.StageName} ${input.AutoDeploy}`, () => {
        const api = this.api(input.ApiId);
        if (api.stages.has(input.StageName ?? '')) {
          throw gatewayError('ConflictException', `Stage already exist: ${input.StageName}`, 409);
        }
        const { ApiId, ...settings } = input;
        const name = input.StageName ?? '';
        const stage: Stage = { ...settings, StageName: name };
        api.stages.set(name, stage);
        return stage;
      }),
    );
    s.on(UpdateStageCommand).callsFake((input) =>
      this.#mutate('UpdateStage', `${input.ApiId} ${input.StageName} ${input.AutoDeploy}`, () => {
        const api = this.api(input.ApiId);
        const stage = api.stages.get(input.StageName ?? '');
        if (stage === undefined) throw notFound('Stage');
        const { ApiId, ...settings } = input;
        const name = input.StageName ?? '';
        const updated: Stage = { ...stage, ...settings, StageName: name };
        api.stages.set(name, updated);
        return updated;
      }),
    );
    s.on(DeleteStageCommand).callsFake((input) =>
      this.#mutate('DeleteStage', `${input.ApiId} ${input.StageName}`, () => {
        if (!this.api(input.ApiId).stages.delete(input.StageName ?? '')) throw notFound('Stage');
        return {};
      }),
    );
  }

  api(apiId: string | undefined): FakeHttpApi {
    const api = this.apis.get(apiId ?? '');
    if (api === undefined) throw notFound('API');
    return api;
  }

  /** The only API called `name`, as its route `POST /invocations` would be called: auth, integration URI, stage. */
  exposure(name = 'modelship-churn') {
    const found = [...this.apis.values()].filter(({ api }) => api.Name === name);
    if (found.length !== 1) return found.length === 0 ? undefined : { count: found.length };
    const [only] = found as [FakeHttpApi];
    const route = [...only.routes.values()].find((r) => r.RouteKey === 'POST /invocations');
    const integration = only.integrations.get(route?.Target?.replace('integrations/', '') ?? '');
    return {
      apiId: only.api.ApiId,
      auth: route?.AuthorizationType,
      uri: integration?.IntegrationUri,
      payload: integration?.PayloadFormatVersion,
      autoDeploy: only.stages.get('$default')?.AutoDeploy,
      tags: only.api.Tags,
    };
  }

  /**
   * The next `times` calls of `operation` throw what `error` makes; with `afterApplying`, each is carried out
   * first (AWS did it, the answer was lost).
   */
  fail(operation: string, error: () => Error, times = 1, afterApplying = false): void {
    this.#faults.push({ operation, error, times, afterApplying });
  }

  #id(prefix: string): string {
    this.#ids += 1;
    return `${prefix}${String(this.#ids).padStart(6, '0')}`;
  }

  /** API Gateway refuses a route whose target names an integration the API does not have. */
  #target(api: FakeHttpApi, target: string | undefined): void {
    const id = /^integrations\/(.+)$/.exec(target ?? '')?.[1];
    if (target !== undefined && (id === undefined || !api.integrations.has(id))) {
      throw gatewayError('BadRequestException', `Invalid integration target ${target}`);
    }
  }

  #run<T>(operation: string, run: () => T): T {
    const fault = this.#faults.find((f) => f.operation === operation && f.times > 0);
    if (fault === undefined) return run();
    fault.times -= 1;
    if (fault.afterApplying) run();
    throw fault.error();
  }

  #mutate<T>(operation: string, what: string | undefined, run: () => T): T {
    return this.#run(operation, () => {
      const result = run();
      this.log.push(`${operation} ${what}`);
      return result;
    });
  }
}
