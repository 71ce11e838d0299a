/**
 * The Lambda target: the model packaged as a zip (at plan time, so its SHA-256 says whether the code changed) or a
 * container image from ECR (`Model.fromImage`, compared by URI), a function described before it is created or
 * updated, a version published for each change, the `live` alias moved to it (canary-style when asked),
 * provisioned concurrency on the alias, and a Function URL or an API Gateway HTTP API route. A second deploy of the
 * same spec changes nothing.
 */

import { LambdaClient } from '@aws-sdk/client-lambda';
import { buildTags, tagsToRecord } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import { InvalidArgumentError } from '../../errors.js';
import { functionMetrics } from '../../monitor/function-metrics.js';
import type { EndpointMetrics } from '../../monitor/metrics.js';
import type { Transport } from '../../predict/transport.js';
import { LambdaInvokeTransport } from '../../predict/transports/lambda/index.js';
import type {
  DeploymentOutputs,
  DeploymentSpec,
  LogSource,
  MetricsQuery,
  Target,
  TargetContext,
  TargetStatus,
} from '../target.js';
import { LambdaApi } from './api.js';
import { checkEnv, type LambdaSettings } from './check-options.js';
import { planCode } from './code.js';
import { lambdaDestroySteps } from './destroy.js';
import { checkPackageType, type DesiredFunction } from './function-config.js';
import { planHttpApi } from './http-api/plan.js';
import { checkEcrImage, checkImageRegion, planImageCode } from './image.js';
import { functionLogGroup, LIVE_ALIAS, lambdaRoleName, PUBLIC_URL_STATEMENT } from './names.js';
import type { FunctionPackager, LambdaDependencies, LambdaFeatures, LambdaSource } from './options.js';
import { planLambdaRole } from './role.js';
import { findFunction, functionOutputs, functionStatus } from './status.js';
import { type AliasOutput, aliasStep } from './steps/alias-step.js';
import { provisionedConcurrencySteps, reservedConcurrencySteps } from './steps/concurrency-steps.js';
import { exposureAuth } from './steps/exposure.js';
import { foreignFunctionError, functionSteps, ownsFunction } from './steps/function-steps.js';
import { functionUrlSteps } from './steps/url-step.js';
import { versionStep } from './steps/version-step.js';

/**
 * A Lambda target; made by `Lambda(…)`.
 *
 * @example
 * ```ts
 * const target: LambdaTarget = Lambda({ memoryMb: 1024, timeoutS: 30 });
 * console.log(target.kind); // lambda
 * ```
 */
export class LambdaTarget implements Target<LambdaFeatures> {
  readonly kind = 'lambda';

  readonly #packager: FunctionPackager;
  readonly #now: () => number;
  readonly #roleSettleMs: number | undefined;

  constructor(
    /** @internal The checked options of `Lambda(…)`. */
    readonly settings: LambdaSettings,
    dependencies: LambdaDependencies & { readonly package: FunctionPackager },
  ) {
    this.#packager = dependencies.package;
    this.#now = dependencies.now ?? Date.now;
    this.#roleSettleMs = dependencies.roleSettleMs;
  }

  validate(spec: DeploymentSpec<LambdaFeatures>): void {
    const source = deployable(spec.model);
    if (source.kind === 'image') checkEcrImage(source.imageUri);
    this.#environment(source);
    this.#functionName(spec);
    buildTags(spec.tags, { deployment: spec.name, target: this.kind, modelVersion: spec.modelVersion });
  }

  async plan(spec: DeploymentSpec<LambdaFeatures>, ctx: TargetContext): Promise<PlanStep[]> {
    const { settings } = this;
    const functionName = this.#functionName(spec);
    const source = deployable(spec.model);
    const api = new LambdaApi(ctx.aws);
    const region = await ctx.aws.region();
    if (source.kind === 'image') checkImageRegion(source.imageUri, region);
    const tagList = buildTags(spec.tags, { deployment: spec.name, target: this.kind, modelVersion: spec.modelVersion });
    const current = await api.getFunction(functionName);
    if (current !== undefined && !ownsFunction(current, spec.name)) throw foreignFunctionError(functionName, spec.name);
    const where = { functionName, region, deployment: spec.name };
    const [role, code] = await Promise.all([
      planLambdaRole(ctx.aws, settings, { ...where, settleMs: this.#roleSettleMs }, tagList),
      source.kind === 'image'
        ? planImageCode(source)
        : planCode(source, { aws: ctx.aws, settings, packager: this.#packager, region, deployment: spec.name }),
    ]);
    const desired: DesiredFunction = {
      functionName,
      roleArn: role.roleArn,
      settings,
      code: code.desired,
      env: this.#environment(source),
      tags: tagsToRecord(tagList),
      description: `modelship deployment ${spec.name}`,
    };
    if (current?.Configuration !== undefined) checkPackageType(current.Configuration, desired);
    const before = [...role.steps, ...code.steps];
    const fn = functionSteps(
      api,
      desired,
      current,
      code,
      before.map((step) => step.id),
    );
    const [alias, served, provisioned, url, statements] =
      current === undefined
        ? [undefined, undefined, undefined, undefined, []]
        : await Promise.all([
            api.getAlias(functionName, LIVE_ALIAS),
            api.getFunction(functionName, LIVE_ALIAS),
            api.getProvisioned(functionName, LIVE_ALIAS),
            api.getUrlConfig(functionName, LIVE_ALIAS),
            api.policyStatementIds(functionName, LIVE_ALIAS),
          ]);
    const version = versionStep(api, desired, alias === undefined ? undefined : served, fn.at(-1)?.id ?? 'function');
    const aliasMove = aliasStep(api, {
      aws: ctx.aws,
      functionName,
      settings,
      current: alias,
      publishes: version.action !== 'none',
      now: this.#now,
    });
    const wantedUrl = settings.expose === 'function-url' ? exposureAuth(settings) : undefined;
    const httpApi = await planHttpApi({
      aws: ctx.aws,
      lambda: api,
      settings,
      functionName,
      deployment: spec.name,
      region,
      tags: desired.tags,
      statements,
    });
    return [
      ...before,
      ...fn,
      ...reservedConcurrencySteps(api, functionName, settings.reservedConcurrency, current),
      version,
      aliasMove,
      ...provisionedConcurrencySteps(
        api,
        functionName,
        settings.provisionedConcurrency,
        provisioned,
        aliasMove.action !== 'none',
      ),
      ...functionUrlSteps(api, functionName, wantedUrl, {
        config: url,
        publicStatement: statements.includes(PUBLIC_URL_STATEMENT),
      }),
      ...httpApi,
    ];
  }

  destroyPlan(spec: DeploymentSpec<LambdaFeatures>, ctx: TargetContext): Promise<PlanStep[]> {
    const functionName = this.#functionName(spec);
    return lambdaDestroySteps(ctx.aws, new LambdaApi(ctx.aws), {
      functionName,
      deployment: spec.name,
      exposesHttpApi: this.settings.expose === 'http-api',
      ...('create' in this.settings.role ? { createdRole: lambdaRoleName(functionName) } : {}),
    });
  }

  /**
   * Invoke on the `live` alias (with the context's region and credentials; one attempt per call, the predictor
   * retries). Neither a Function URL nor the HTTP API is used by the predictor: Invoke works for every exposure,
   * with IAM.
   */
  transport(spec: DeploymentSpec<LambdaFeatures>, ctx: TargetContext, outputs: DeploymentOutputs): Transport {
    const functionName = this.#knownName(spec, outputs);
    const provided = ctx.aws.providedClient(LambdaClient);
    if (provided !== undefined) return new LambdaInvokeTransport({ functionName, qualifier: 'live', client: provided });
    return new LambdaInvokeTransport({
      functionName,
      qualifier: 'live',
      clientConfig: ctx.aws.callerOptions('Lambda'),
    });
  }

  /** From GetFunction, GetAlias (`live`) and the URL it is exposed at; `NotDeployed` when there is no function. */
  async status(
    spec: DeploymentSpec<LambdaFeatures>,
    ctx: TargetContext,
    outputs?: DeploymentOutputs,
  ): Promise<TargetStatus> {
    return functionStatus(await findFunction(this.#lookup(spec, ctx, outputs)));
  }

  /** The outputs a deploy leaves (`function`, `alias`, and the URL's), found by name; `undefined` without a function. */
  async attach(
    spec: DeploymentSpec<LambdaFeatures>,
    ctx: TargetContext,
    signal?: AbortSignal,
  ): Promise<DeploymentOutputs | undefined> {
    const found = await findFunction(this.#lookup(spec, ctx), signal);
    return found === undefined ? undefined : functionOutputs(found);
  }

  /** `/aws/lambda/<function>`: every version's execution environments write there. */
  logSource(spec: DeploymentSpec<LambdaFeatures>, _ctx: TargetContext, outputs: DeploymentOutputs): LogSource {
    return { logGroupName: functionLogGroup(this.#knownName(spec, outputs)) };
  }

  /**
   * The metrics of the calls through the `live` alias: `Invocations`, `Errors` (as `errors5xx`; `errors4xx` is
   * empty, Lambda's metrics do not tell a caller's mistake from a failure) and `Duration` percentiles (ms).
   * @throws {@link InvalidArgumentError} for a `variantName`: a function has no variants.
   */
  metrics(
    spec: DeploymentSpec<LambdaFeatures>,
    ctx: TargetContext,
    outputs: DeploymentOutputs,
    query: MetricsQuery,
  ): Promise<EndpointMetrics> {
    if (query.variantName !== undefined) {
      return Promise.reject(
        new InvalidArgumentError(
          'variantName',
          `A Lambda function has no variants (variantName "${query.variantName}" was given): leave it out to read ` +
            `the calls through the ${LIVE_ALIAS} alias.`,
        ),
      );
    }
    return functionMetrics(ctx.aws, {
      functionName: this.#knownName(spec, outputs),
      alias: LIVE_ALIAS,
      since: query.since,
      ...(query.until === undefined ? {} : { until: query.until }),
      ...(query.periodS === undefined ? {} : { periodS: query.periodS }),
    });
  }

  #lookup(spec: DeploymentSpec<LambdaFeatures>, ctx: TargetContext, outputs?: DeploymentOutputs) {
    const functionName = this.#knownName(spec, outputs);
    return { aws: ctx.aws, api: new LambdaApi(ctx.aws), settings: this.settings, functionName, deployment: spec.name };
  }

  /** The function's name as the deploy's outputs give it, else as the spec names it. */
  #knownName(spec: DeploymentSpec<LambdaFeatures>, outputs: DeploymentOutputs | undefined): string {
    const alias = outputs?.get('alias') as AliasOutput | undefined;
    return alias?.functionName ?? this.#functionName(spec);
  }

  /** The function's environment: an image model's own `env`, with the target's `env` over it, checked together. */
  #environment(source: LambdaSource): Readonly<Record<string, string>> {
    if (source.kind !== 'image' || source.env === undefined) return this.settings.env;
    return checkEnv({ ...source.env, ...this.settings.env });
  }

  #functionName(spec: DeploymentSpec<LambdaFeatures>): string {
    const name = this.settings.functionName ?? spec.name;
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw new InvalidArgumentError('name', `"${name}" cannot name a Lambda function; pass functionName.`);
    }
    return name;
  }
}

/** The model sources the target deploys; a model in S3 is refused with what to use instead. */
function deployable(source: DeploymentSpec['model']): LambdaSource {
  if (source.kind !== 's3') return source;
  throw new InvalidArgumentError(
    'model',
    'The Lambda target deploys local models (Model.fromFile, Model.fromDirectory or Model.fromHandler, packaged as ' +
      'a zip) or a container image in ECR (Model.fromImage); a model in S3 deploys to SageMaker.',
  );
}
