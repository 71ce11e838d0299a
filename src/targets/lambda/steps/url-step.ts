/**
 * The Function URL of the `live` alias: `AWS_IAM` (SigV4-signed callers allowed `lambda:InvokeFunctionUrl`) by
 * default, or `NONE` (public) only with `allowPublic`, which also needs a resource-policy statement letting
 * anyone call it. Removed when the spec no longer exposes the function.
 */
import type { GetFunctionUrlConfigResponse } from '@aws-sdk/client-lambda';
import type { PlanStep, StepContext } from '../../../deploy/plan.js';
import type { LambdaApi } from '../api.js';
import { LIVE_ALIAS, PUBLIC_URL_STATEMENT } from '../names.js';
import { addPermissionOnce, type ExposureAuth, PUBLIC_WARNING } from './exposure.js';

/**
 * The output of the `function-url` step: where the transport sends requests, and how to sign them.
 *
 * @example
 * ```ts
 * const { url, authType } = deployment.outputs.get('function-url') as LambdaFunctionUrlOutput;
 * const transport = new LambdaUrlTransport({ url, auth: authType === 'AWS_IAM' ? 'iam' : 'none' });
 * ```
 */
export interface FunctionUrlOutput {
  /** The Function URL, `https://<id>.lambda-url.<region>.on.aws/`. */
  readonly url: string;
  /** `AWS_IAM`: sign requests with SigV4 for the service `lambda`. `NONE`: public. */
  readonly authType: ExposureAuth;
}

/** The URL's state: its config (GetFunctionUrlConfig) and whether the public statement is in the policy. */
export interface UrlState {
  readonly config: GetFunctionUrlConfigResponse | undefined;
  readonly publicStatement: boolean;
}

type AuthType = ExposureAuth;

/** The `function-url` step, or none when there is no URL and none is asked for. */
export function functionUrlSteps(
  api: LambdaApi,
  name: string,
  wanted: AuthType | undefined,
  current: UrlState,
): PlanStep[] {
  const resource = { kind: 'Lambda function URL', name: `${name}:${LIVE_ALIAS}` };
  const had = current.config?.AuthType as AuthType | undefined;
  const restore = (ctx: StepContext) => setUrl(api, name, had, ctx.signal);
  if (wanted === undefined) {
    if (had === undefined && !current.publicStatement) return [];
    return [
      {
        id: 'function-url',
        resource,
        action: 'delete',
        reason: `the spec no longer exposes ${name}; removes its Function URL`,
        dependsOn: ['alias'],
        apply: (ctx) => setUrl(api, name, undefined, ctx.signal),
        undo: async (ctx) => {
          await restore(ctx);
        },
      },
    ];
  }
  const publicOk = (wanted === 'NONE') === current.publicStatement;
  if (had === wanted && publicOk) {
    const existingOutput: FunctionUrlOutput = { url: current.config?.FunctionUrl ?? '', authType: wanted };
    return [
      {
        id: 'function-url',
        resource,
        action: 'none',
        reason: `the Function URL of ${name} already uses ${wanted}`,
        dependsOn: ['alias'],
        existingOutput,
      },
    ];
  }
  const warning = wanted === 'NONE' ? PUBLIC_WARNING : '';
  return [
    {
      id: 'function-url',
      resource,
      action: had === undefined ? 'create' : 'update',
      reason: `${had === undefined ? 'creates a Function URL' : `changes the Function URL from ${had}`} with auth ${wanted}${warning}`,
      dependsOn: ['alias'],
      async apply(ctx): Promise<FunctionUrlOutput> {
        const url = await setUrl(api, name, wanted, ctx.signal);
        return { url: url ?? '', authType: wanted };
      },
      undo: async (ctx) => {
        await restore(ctx);
      },
    },
  ];
}

/**
 * Brings the URL to `authType` (`undefined`: no URL) from `from`, with the public statement exactly when it is
 * `NONE`. Each call is safe to repeat: what is already so is skipped or accepted.
 */
async function setUrl(
  api: LambdaApi,
  name: string,
  authType: AuthType | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  let url: string | undefined;
  if (authType === undefined) {
    await api.deleteUrlConfig(name, LIVE_ALIAS, signal);
  } else {
    // Read again rather than trusting the plan: a retried or undone call must see what the last one did.
    const exists = (await api.getUrlConfig(name, LIVE_ALIAS, signal)) !== undefined;
    url = await api.putUrlConfig(name, LIVE_ALIAS, authType, exists, signal);
  }
  if (authType === 'NONE') {
    await addPermissionOnce(
      api,
      {
        FunctionName: name,
        Qualifier: LIVE_ALIAS,
        StatementId: PUBLIC_URL_STATEMENT,
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      },
      signal,
    );
  } else {
    await api.removePermission(name, PUBLIC_URL_STATEMENT, LIVE_ALIAS, signal);
  }
  return url;
}
