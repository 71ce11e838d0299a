/**
 * A Lambda deployment as another process finds it, by name, with describe calls only: the function (refused when
 * its `modelship:deployment` tag names another deployment), its `live` alias and the version it serves, and the
 * URL it is exposed at (a Function URL or the HTTP API), from which `status()` reports and `attach()` hands the
 * transport, metrics and destroy the outputs a deploy would have left.
 */
import type {
  AliasConfiguration,
  FunctionConfiguration,
  GetFunctionResponse,
  GetFunctionUrlConfigResponse,
  GetProvisionedConcurrencyConfigResponse,
} from '@aws-sdk/client-lambda';
import type { AwsContext } from '../../aws/context.js';
import { MODELSHIP_TAG_PREFIX } from '../../aws/tags.js';
import type { DeploymentOutputs, ResourceStatus, TargetStatus } from '../target.js';
import type { LambdaApi } from './api.js';
import type { LambdaSettings } from './check-options.js';
import { type HttpApiOutput, httpApiOutput } from './http-api/api-step.js';
import { findHttpApis } from './http-api/find.js';
import { HttpApiGateway } from './http-api/gateway.js';
import { httpApiName, LIVE_ALIAS } from './names.js';
import type { AliasOutput } from './steps/alias-step.js';
import { exposureAuth } from './steps/exposure.js';
import { type FunctionOutput, foreignFunctionError, ownsFunction } from './steps/function-steps.js';
import type { FunctionUrlOutput } from './steps/url-step.js';

const MODEL_VERSION_TAG = `${MODELSHIP_TAG_PREFIX}model-version`;

/** A deployment's function and what hangs off it, as found. */
export interface FoundFunction {
  /** `$LATEST`, with the function's tags. */
  readonly fn: GetFunctionResponse;
  readonly alias: AliasConfiguration | undefined;
  /** The configuration of the version the alias serves. */
  readonly served: FunctionConfiguration | undefined;
  readonly url: GetFunctionUrlConfigResponse | undefined;
  readonly httpApi: HttpApiOutput | undefined;
  readonly provisioned: GetProvisionedConcurrencyConfigResponse | undefined;
}

/** Where to look. */
export interface FunctionLookup {
  readonly aws: AwsContext;
  readonly api: LambdaApi;
  readonly settings: LambdaSettings;
  readonly functionName: string;
  readonly deployment: string;
}

/**
 * The deployment's function, or `undefined` when there is none of that name.
 * @throws {@link ConflictError} when the function was not made by the deployment.
 */
export async function findFunction(lookup: FunctionLookup, signal?: AbortSignal): Promise<FoundFunction | undefined> {
  const { api, settings, functionName: name, deployment } = lookup;
  const fn = await api.getFunction(name, undefined, signal);
  if (fn === undefined) return undefined;
  if (!ownsFunction(fn, deployment)) throw foreignFunctionError(name, deployment);
  const alias = await api.getAlias(name, LIVE_ALIAS, signal);
  if (alias === undefined) {
    return { fn, alias, served: undefined, url: undefined, httpApi: undefined, provisioned: undefined };
  }
  // Each exposure is looked for only when the spec asks for it, so a caller needs no permission for the others
  // (and finding an HTTP API lists the account's APIs).
  const [served, url, httpApi, provisioned] = await Promise.all([
    api.getFunction(name, LIVE_ALIAS, signal),
    settings.expose === 'function-url' ? api.getUrlConfig(name, LIVE_ALIAS, signal) : undefined,
    settings.expose === 'http-api' ? findOwnApi(lookup, signal) : undefined,
    settings.provisionedConcurrency === undefined ? undefined : api.getProvisioned(name, LIVE_ALIAS, signal),
  ]);
  return { fn, alias, served: served?.Configuration, url, httpApi, provisioned };
}

async function findOwnApi(lookup: FunctionLookup, signal?: AbortSignal): Promise<HttpApiOutput | undefined> {
  const gateway = new HttpApiGateway(lookup.aws);
  const { ours } = await findHttpApis(gateway, httpApiName(lookup.functionName), lookup.deployment, signal);
  const api = ours[0];
  return api === undefined ? undefined : httpApiOutput(api, exposureAuth(lookup.settings));
}

/** What `status()` reports for `found` (nothing deployed when `undefined`). */
export function functionStatus(found: FoundFunction | undefined): TargetStatus {
  if (found === undefined) return { deployed: false, state: 'NotDeployed', healthy: false, resources: [] };
  const { fn, alias, served, url, httpApi } = found;
  const latest = fn.Configuration ?? {};
  const state = served?.State ?? latest.State ?? 'Active';
  const failureReason =
    served?.State === 'Failed' || (served === undefined && latest.State === 'Failed')
      ? (served ?? latest).StateReason
      : latest.LastUpdateStatus === 'Failed'
        ? latest.LastUpdateStatusReason
        : undefined;
  const modelVersion = fn.Tags?.[MODEL_VERSION_TAG];
  const updated = served?.LastModified ?? latest.LastModified;
  const updatedAt = updated === undefined ? undefined : new Date(updated);
  const httpUrl = url?.FunctionUrl ?? httpApi?.url;
  return {
    deployed: true,
    state,
    healthy: alias !== undefined && state === 'Active',
    ...(httpUrl === undefined ? {} : { url: httpUrl }),
    ...(modelVersion === undefined ? {} : { modelVersion }),
    ...(failureReason === undefined ? {} : { failureReason }),
    ...(updatedAt === undefined || Number.isNaN(updatedAt.getTime()) ? {} : { updatedAt }),
    ...(alias === undefined
      ? {
          detail: `The function has no ${LIVE_ALIAS} alias, so nothing calls it: its first deploy did not finish. Deploy again.`,
        }
      : {}),
    resources: resources(found),
  };
}

function resources(found: FoundFunction): ResourceStatus[] {
  const { fn, alias, served, url, httpApi, provisioned } = found;
  const latest = fn.Configuration ?? {};
  const name = latest.FunctionName ?? '';
  const code = latest.PackageType === 'Image' ? 'container image' : (latest.Runtime ?? 'zip');
  const updating = latest.LastUpdateStatus === 'InProgress' ? ', an update in progress' : '';
  const list: ResourceStatus[] = [
    {
      kind: 'Lambda function',
      name,
      ...(latest.FunctionArn === undefined ? {} : { arn: latest.FunctionArn }),
      ...(latest.State === undefined ? {} : { status: latest.State }),
      detail: `${latest.MemorySize ?? '?'} MB, ${code}, last update ${latest.LastUpdateStatus ?? 'Successful'}${updating}`,
    },
  ];
  if (alias !== undefined) {
    const split = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {})
      .map(([version, weight]) => ` (${Math.round(weight * 100)}% to version ${version})`)
      .join('');
    list.push({
      kind: 'Lambda alias',
      name: `${name}:${LIVE_ALIAS}`,
      ...(alias.AliasArn === undefined ? {} : { arn: alias.AliasArn }),
      ...(served?.State === undefined ? {} : { status: served.State }),
      detail: `version ${alias.FunctionVersion ?? '?'}${split}`,
    });
  }
  if (provisioned !== undefined) {
    list.push({
      kind: 'Lambda provisioned concurrency',
      name: `${name}:${LIVE_ALIAS}`,
      ...(provisioned.Status === undefined ? {} : { status: provisioned.Status }),
      detail:
        `${provisioned.AllocatedProvisionedConcurrentExecutions ?? 0} of ` +
        `${provisioned.RequestedProvisionedConcurrentExecutions ?? '?'} environments ready`,
    });
  }
  if (url?.FunctionUrl !== undefined) {
    list.push({
      kind: 'Lambda function URL',
      name: `${name}:${LIVE_ALIAS}`,
      detail: `${url.FunctionUrl} (${url.AuthType})`,
    });
  }
  if (httpApi !== undefined) {
    list.push({
      kind: 'API Gateway HTTP API',
      name: httpApiName(name),
      detail: `${httpApi.url} (${httpApi.authType})`,
    });
  }
  return list;
}

/** The outputs `attach()` gives: those of the `function`, `alias`, `function-url` and `http-api` steps. */
export function functionOutputs(found: FoundFunction): DeploymentOutputs {
  const { fn, alias, url, httpApi } = found;
  const functionName = fn.Configuration?.FunctionName ?? '';
  const outputs = new Map<string, unknown>();
  const fnOutput: FunctionOutput = { functionName, functionArn: fn.Configuration?.FunctionArn ?? '' };
  outputs.set('function', fnOutput);
  if (alias !== undefined) {
    const aliasOutput: AliasOutput = {
      functionName,
      qualifier: LIVE_ALIAS,
      aliasArn: alias.AliasArn ?? '',
      version: alias.FunctionVersion ?? '',
    };
    outputs.set('alias', aliasOutput);
  }
  if (url?.FunctionUrl !== undefined) {
    const urlOutput: FunctionUrlOutput = { url: url.FunctionUrl, authType: url.AuthType ?? 'AWS_IAM' };
    outputs.set('function-url', urlOutput);
  }
  if (httpApi !== undefined) outputs.set('http-api', httpApi);
  return outputs;
}
