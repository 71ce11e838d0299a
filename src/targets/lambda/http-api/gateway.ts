/**
 * The API Gateway v2 calls an HTTP API exposure makes, each mapped to modelship errors that name the API. Reads of
 * something that may not exist answer `undefined`; deletes of something already gone succeed, so a second
 * teardown is safe. Every other failure throws.
 */
import {
  type Api,
  ApiGatewayV2Client,
  CreateApiCommand,
  type CreateApiResponse,
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
  type GetStageResponse,
  type Integration,
  type Route,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { callAws, findAws } from '../../../aws/call.js';
import type { AwsContext } from '../../../aws/context.js';

/** How a route is authorized: SigV4 (`AWS_IAM`) or not at all (`NONE`, public). */
export type RouteAuth = 'AWS_IAM' | 'NONE';

/** What a route is set to: its integration and its authorization. */
export interface RouteSpec {
  readonly integrationId: string;
  readonly auth: RouteAuth;
}

/** API Gateway v2 as an HTTP API exposure uses it. It shares the context's client. */
export class HttpApiGateway {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  /** Every API of the account in the region called `name` (API names are not unique), with their tags. */
  async apisNamed(name: string, signal?: AbortSignal): Promise<Api[]> {
    const found: Api[] = [];
    let token: string | undefined;
    do {
      const page = await this.#call('GetApis', name, (client) =>
        client.send(new GetApisCommand({ MaxResults: '500', NextToken: token }), { abortSignal: signal }),
      );
      found.push(...(page.Items ?? []).filter((api) => api.Name === name));
      token = page.NextToken;
    } while (token !== undefined);
    return found;
  }

  async createApi(
    name: string,
    tags: Readonly<Record<string, string>>,
    description: string,
    signal?: AbortSignal,
  ): Promise<CreateApiResponse> {
    return this.#call('CreateApi', name, (client) =>
      client.send(
        new CreateApiCommand({ Name: name, ProtocolType: 'HTTP', Description: description, Tags: { ...tags } }),
        { abortSignal: signal },
      ),
    );
  }

  /** Deletes the API with its integrations, routes and stages. */
  async deleteApi(apiId: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteApi', apiId, (client) =>
      client.send(new DeleteApiCommand({ ApiId: apiId }), { abortSignal: signal }),
    );
  }

  /** The API's integrations; `[]` when the API is gone. */
  async integrations(apiId: string, signal?: AbortSignal): Promise<Integration[]> {
    const out = await this.#find('GetIntegrations', apiId, (client) =>
      client.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: '500' }), { abortSignal: signal }),
    );
    return out?.Items ?? [];
  }

  /** A Lambda proxy integration (payload format 2.0) calling `functionArn`; returns its id. */
  async createIntegration(apiId: string, functionArn: string, signal?: AbortSignal): Promise<string> {
    const out = await this.#call('CreateIntegration', apiId, (client) =>
      client.send(
        new CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: functionArn,
          PayloadFormatVersion: '2.0',
        }),
        { abortSignal: signal },
      ),
    );
    return out.IntegrationId ?? '';
  }

  async deleteIntegration(apiId: string, integrationId: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteIntegration', apiId, (client) =>
      client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId }), {
        abortSignal: signal,
      }),
    );
  }

  /** The API's routes; `[]` when the API is gone. */
  async routes(apiId: string, signal?: AbortSignal): Promise<Route[]> {
    const out = await this.#find('GetRoutes', apiId, (client) =>
      client.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: '500' }), { abortSignal: signal }),
    );
    return out?.Items ?? [];
  }

  /** Creates the route `routeKey`, or sets the one with `routeId`; returns its id. */
  async putRoute(
    apiId: string,
    routeKey: string,
    spec: RouteSpec,
    routeId: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const settings = { Target: `integrations/${spec.integrationId}`, AuthorizationType: spec.auth };
    const out =
      routeId === undefined
        ? await this.#call('CreateRoute', apiId, (client) =>
            client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, ...settings }), {
              abortSignal: signal,
            }),
          )
        : await this.#call('UpdateRoute', apiId, (client) =>
            client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, ...settings }), {
              abortSignal: signal,
            }),
          );
    return out.RouteId ?? routeId ?? '';
  }

  async deleteRoute(apiId: string, routeId: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteRoute', apiId, (client) =>
      client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: routeId }), { abortSignal: signal }),
    );
  }

  getStage(apiId: string, stageName: string, signal?: AbortSignal): Promise<GetStageResponse | undefined> {
    return this.#find('GetStage', apiId, (client) =>
      client.send(new GetStageCommand({ ApiId: apiId, StageName: stageName }), { abortSignal: signal }),
    );
  }

  /** Creates the stage with auto-deploy (every change to the API goes live), or turns auto-deploy on. */
  async putStage(apiId: string, stageName: string, exists: boolean, signal?: AbortSignal): Promise<void> {
    const input = { ApiId: apiId, StageName: stageName, AutoDeploy: true };
    if (exists) {
      await this.#call('UpdateStage', apiId, (client) =>
        client.send(new UpdateStageCommand(input), { abortSignal: signal }),
      );
    } else {
      await this.#call('CreateStage', apiId, (client) =>
        client.send(new CreateStageCommand(input), { abortSignal: signal }),
      );
    }
  }

  async deleteStage(apiId: string, stageName: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteStage', apiId, (client) =>
      client.send(new DeleteStageCommand({ ApiId: apiId, StageName: stageName }), { abortSignal: signal }),
    );
  }

  #call<T>(operation: string, name: string, run: (client: ApiGatewayV2Client) => Promise<T>): Promise<T> {
    return callAws(context(operation, name), () => run(this.#aws.client(ApiGatewayV2Client)));
  }

  #find<T>(operation: string, name: string, run: (client: ApiGatewayV2Client) => Promise<T>): Promise<T | undefined> {
    return findAws(context(operation, name), () => run(this.#aws.client(ApiGatewayV2Client)));
  }
}

function context(operation: string, name: string) {
  return { service: 'API Gateway', operation, resource: { kind: 'API Gateway HTTP API', name } };
}
