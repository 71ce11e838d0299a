/**
 * The SageMaker endpoint targets, real-time and serverless: a model, an endpoint config and an endpoint, planned by
 * describing what exists first, so a second deploy of the same spec changes nothing and a changed spec becomes a
 * blue/green update of the live endpoint.
 */
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { AwsContext } from '../../aws/context.js';
import { validateResourceName } from '../../aws/naming.js';
import { buildTags } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import { InvalidArgumentError } from '../../errors.js';
import { requireFramework } from '../../model/images/framework-image.js';
import { type EndpointMetrics, endpointMetrics, type MonitorOptions } from '../../monitor/index.js';
import type { Transport } from '../../predict/transport.js';
import { REALTIME_MAX_REQUEST_BYTES, SageMakerRuntimeTransport } from '../../predict/transports/sagemaker-runtime.js';
import type { RealtimeAutoscalingOptions, ServerlessAutoscalingOptions } from '../../scaling/index.js';
import type {
  DeploymentOutputs,
  DeploymentSpec,
  LogSource,
  MetricsQuery,
  Target,
  TargetContext,
  TargetStatus,
} from '../target.js';
import { SageMakerApi } from './api.js';
import { planLocalArtifact } from './artifact-steps.js';
import type { EndpointSettings } from './check-options.js';
import { designEndpoint } from './design.js';
import { destroySteps } from './destroy.js';
import { planRole } from './execution-role.js';
import {
  checkEndpointMonitor,
  destroyEndpointMonitoring,
  planEndpointMonitoring,
  updateRollbackAlarms,
} from './monitoring.js';
import { endpointLogGroup } from './names.js';
import { roleNameFor } from './role/role-name.js';
import { checkEndpointScaling, destroyEndpointScaling, planEndpointScaling, variantsToRelease } from './scaling.js';
import { endpointOutputs, endpointStatus, findEndpoint } from './status.js';
import { checkEndpointUsable, endpointStep, type SageMakerEndpointOutput } from './steps/endpoint-step.js';
import { modelAndConfigSteps } from './steps/model-steps.js';
import { foreignEndpointError, ownedBy } from './steps/owned.js';
import { previousResources, retireStep } from './steps/retire-step.js';
import { trafficWeights } from './traffic.js';
import { resolveVariants, variantsHourlyCost } from './variants.js';

/**
 * The builder features of a real-time endpoint: `withTraffic` splits traffic between its variants,
 * `withAutoscaling` scales the deployment's own variant with traffic, `monitor` adds CloudWatch alarms (which also
 * roll updates back) and a dashboard.
 *
 * @example
 * ```ts
 * Model.fromS3('s3://ml-models/churn/model.tar.gz', { framework: 'xgboost', frameworkVersion: '1.7-1' })
 *   .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', createRole: true }))
 *   .withAutoscaling({ min: 1, max: 4, targetInvocationsPerInstance: 100 })
 *   .monitor({ p99LatencyMs: 300 });
 * ```
 */
export interface RealtimeFeatures {
  /** What `withTraffic` takes: a weight per variant name. */
  readonly traffic: Readonly<Record<string, number>>;
  /** What `withAutoscaling` takes: instances, on traffic, CPU, a metric of yours or a schedule. */
  readonly autoscaling: RealtimeAutoscalingOptions;
  /** What `monitor` takes. */
  readonly monitor: MonitorOptions;
}

/**
 * The builder features of a serverless endpoint: autoscaling of its provisioned concurrency, and monitoring.
 *
 * @example
 * ```ts
 * Model.fromFile('iris.onnx')
 *   .deployTo(
 *     SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 10, provisionedConcurrency: 1, createRole: true }),
 *   )
 *   .withAutoscaling({ provisionedConcurrency: { min: 1, max: 5, targetUtilization: 0.7 } });
 * ```
 */
export interface ServerlessFeatures {
  /** What `withAutoscaling` takes: provisioned concurrency. */
  readonly autoscaling: ServerlessAutoscalingOptions;
  /** What `monitor` takes. */
  readonly monitor: MonitorOptions;
}

/**
 * The features of either SageMaker endpoint target.
 *
 * @example
 * ```ts
 * const targets: Target<SageMakerFeatures>[] = [
 *   SageMaker.realtime({ instanceType: 'ml.m5.large', createRole: true }),
 *   SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, createRole: true }),
 * ];
 * ```
 */
export type SageMakerFeatures = RealtimeFeatures | ServerlessFeatures;

/** The largest request a serverless endpoint takes: 4 MB. */
const SERVERLESS_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** A SageMaker endpoint target; made by `SageMaker.realtime` and `SageMaker.serverless`. */
export class SageMakerEndpointTarget implements Target<SageMakerFeatures> {
  readonly kind: string;

  constructor(readonly settings: EndpointSettings) {
    this.kind = `sagemaker-${settings.kind}`;
  }

  validate(spec: DeploymentSpec<SageMakerFeatures>): void {
    this.#endpointName(spec);
    if (spec.model.kind === 'handler') {
      throw new InvalidArgumentError(
        'model',
        `A JavaScript handler (${spec.model.path}) runs on the Local target only. For SageMaker, use Model.fromS3, ` +
          'Model.fromDirectory or Model.fromFile with a framework and frameworkVersion, or Model.fromImage.',
      );
    }
    if (spec.model.kind === 'file' || spec.model.kind === 'directory') requireFramework(spec.model);
    checkEndpointScaling(this.settings, spec.autoscaling);
    checkEndpointMonitor(this.settings, spec.monitor);
    buildTags(spec.tags, { deployment: spec.name, target: this.kind, modelVersion: spec.modelVersion });
  }

  async plan(spec: DeploymentSpec<SageMakerFeatures>, ctx: TargetContext): Promise<PlanStep[]> {
    const settings = this.settings;
    const endpointName = this.#endpointName(spec);
    const weights = trafficWeights(settings, spec.traffic);
    const api = new SageMakerApi(ctx.aws);
    const region = await ctx.aws.region();
    const monitor = checkEndpointMonitor(settings, spec.monitor, region);
    const tags = buildTags(spec.tags, { deployment: spec.name, target: this.kind, modelVersion: spec.modelVersion });
    const role = await planRole(ctx.aws, settings, endpointName, spec.name, region);
    const roleArn = role.roleArn;
    const source = spec.model;
    const artifact =
      source.kind === 'file' || source.kind === 'directory'
        ? await planLocalArtifact(source, { aws: ctx.aws, region, settings, deployment: spec.name })
        : undefined;
    const variants = await resolveVariants(source, settings, weights, ctx.aws, region, artifact);
    const rollbackAlarms = updateRollbackAlarms(settings, endpointName, monitor);
    const design = designEndpoint({ settings, endpointName, roleArn, ...variants, tags, rollbackAlarms });
    const [endpoint, config, ...models] = await Promise.all([
      api.describeEndpoint(endpointName),
      api.describeEndpointConfig(design.config.EndpointConfigName),
      ...design.models.map((model) => api.describeModel(model.ModelName)),
    ]);
    if (endpoint !== undefined) {
      checkEndpointUsable(endpoint, endpointName);
      await checkOwnership(api, endpoint.EndpointArn ?? '', endpointName, spec.name);
    }
    const roleSteps = role.created === undefined ? [] : [await role.created.step(design, tags)];
    const before = [...(artifact?.steps ?? []), ...roleSteps];
    const steps: PlanStep[] = [
      ...before,
      ...modelAndConfigSteps(api, design, { config, models }, { deployment: spec.name, after: before, settings }),
    ];
    const cost = variantsHourlyCost(settings, region);
    const previousName = endpoint?.EndpointConfigName;
    const previous =
      previousName !== undefined && previousName !== design.config.EndpointConfigName
        ? await api.describeEndpointConfig(previousName)
        : undefined;
    const scaling = await planEndpointScaling(ctx.aws, {
      endpointName,
      variantName: settings.variantName,
      settings: checkEndpointScaling(settings, spec.autoscaling),
      deployment: spec.name,
      tags,
      release: previous === undefined ? [] : variantsToRelease(previous, design),
      endpointExists: endpoint !== undefined,
    });
    const monitoring = await planEndpointMonitoring(ctx.aws, {
      endpointName,
      variantNames: (design.config.ProductionVariants ?? []).map((variant) => variant.VariantName ?? ''),
      settings,
      monitor,
      deployment: spec.name,
      tags,
      region,
      endpointExists: endpoint !== undefined,
    });
    const alarmIds = monitoring.filter((step) => step.id.startsWith('alarm-')).map((step) => step.id);
    const endpointMove = endpointStep(api, design, endpoint, spec.name);
    steps.push(
      ...monitoring,
      ...scaling.steps.filter((step) => scaling.releaseIds.includes(step.id)),
      {
        ...endpointMove,
        dependsOn: [...(endpointMove.dependsOn ?? []), ...scaling.releaseIds, ...alarmIds],
        ...(cost === undefined ? {} : { hourlyCostUsd: cost }),
      },
      ...scaling.steps.filter((step) => !scaling.releaseIds.includes(step.id)),
    );
    const retired = previous === undefined ? [] : previousResources(previous, design);
    if (retired.length > 0) steps.push(retireStep(api, spec.name, retired));
    return steps;
  }

  async destroyPlan(
    spec: DeploymentSpec<SageMakerFeatures>,
    ctx: TargetContext,
    outputs?: DeploymentOutputs,
  ): Promise<PlanStep[]> {
    const endpointName = this.#endpointName(spec);
    const known = outputs?.get('endpoint') as SageMakerEndpointOutput | undefined;
    const scaling = await destroyEndpointScaling(
      ctx.aws,
      endpointName,
      checkEndpointScaling(this.settings, spec.autoscaling),
    );
    const monitoring = await destroyEndpointMonitoring(
      ctx.aws,
      endpointName,
      spec.name,
      checkEndpointMonitor(this.settings, spec.monitor),
    );
    return destroySteps(new SageMakerApi(ctx.aws), {
      endpointName,
      before: [...scaling, ...monitoring],
      deployment: spec.name,
      knownConfigName: known?.endpointConfigName,
      ...('create' in this.settings.role ? { createdRole: roleNameFor(endpointName), aws: ctx.aws } : {}),
    });
  }

  transport(spec: DeploymentSpec<SageMakerFeatures>, ctx: TargetContext, outputs: DeploymentOutputs): Transport {
    const endpointName = this.#knownName(spec, outputs);
    const maxRequestBytes =
      this.settings.kind === 'serverless' ? SERVERLESS_MAX_REQUEST_BYTES : REALTIME_MAX_REQUEST_BYTES;
    return runtimeTransport(ctx.aws, endpointName, maxRequestBytes, this.kind);
  }

  metrics(
    spec: DeploymentSpec<SageMakerFeatures>,
    ctx: TargetContext,
    outputs: DeploymentOutputs,
    query: MetricsQuery,
  ): Promise<EndpointMetrics> {
    return endpointMetrics(ctx.aws, {
      endpointName: this.#knownName(spec, outputs),
      variantName: query.variantName ?? this.settings.variantName,
      since: query.since,
      ...(query.until === undefined ? {} : { until: query.until }),
      ...(query.periodS === undefined ? {} : { periodS: query.periodS }),
      ...(this.settings.kind === 'serverless' ? { stats: { utilization: false } } : {}),
    });
  }

  /** From DescribeEndpoint and the config it serves; `NotDeployed` when there is no endpoint of the name. */
  async status(
    spec: DeploymentSpec<SageMakerFeatures>,
    ctx: TargetContext,
    outputs?: DeploymentOutputs,
  ): Promise<TargetStatus> {
    const endpointName = this.#knownName(spec, outputs);
    return endpointStatus(await findEndpoint(new SageMakerApi(ctx.aws), endpointName, spec.name));
  }

  /** The endpoint's output, found by name; `undefined` when there is no endpoint of the name. */
  async attach(
    spec: DeploymentSpec<SageMakerFeatures>,
    ctx: TargetContext,
    signal?: AbortSignal,
  ): Promise<DeploymentOutputs | undefined> {
    const found = await findEndpoint(new SageMakerApi(ctx.aws), this.#endpointName(spec), spec.name, signal);
    return found === undefined ? undefined : endpointOutputs(found);
  }

  /**
   * `/aws/sagemaker/Endpoints/<endpoint>`, the streams of the deployment's own variant (`<variant>/<instance>`); of
   * every variant when the endpoint serves several (A/B variants, a shadow).
   */
  logSource(spec: DeploymentSpec<SageMakerFeatures>, _ctx: TargetContext, outputs: DeploymentOutputs): LogSource {
    const settings = this.settings;
    const several = settings.kind === 'realtime' && (settings.variants.length > 0 || settings.shadow !== undefined);
    return {
      logGroupName: endpointLogGroup(this.#knownName(spec, outputs)),
      ...(several ? {} : { logStreamNamePrefix: `${settings.variantName}/` }),
    };
  }

  /** The endpoint's name as the deploy's outputs give it, else as the spec names it. */
  #knownName(spec: DeploymentSpec<SageMakerFeatures>, outputs: DeploymentOutputs | undefined): string {
    const output = outputs?.get('endpoint') as SageMakerEndpointOutput | undefined;
    return output?.endpointName ?? this.#endpointName(spec);
  }

  #endpointName(spec: DeploymentSpec<SageMakerFeatures>): string {
    const name = this.settings.endpointName ?? spec.name;
    validateResourceName(name, this.settings.endpointName === undefined ? 'name' : 'endpointName');
    return name;
  }
}

async function checkOwnership(api: SageMakerApi, arn: string, endpointName: string, deployment: string): Promise<void> {
  if (await ownedBy(api, arn, deployment)) return;
  throw foreignEndpointError(endpointName, deployment);
}

/**
 * A predictor transport for the endpoint, on the context's region, credentials and endpoint override. Its client
 * sends each request once: retrying is the predictor's business.
 */
function runtimeTransport(aws: AwsContext, endpointName: string, maxRequestBytes: number, kind: string): Transport {
  const description = `SageMaker ${kind === 'sagemaker-serverless' ? 'serverless ' : ''}endpoint ${endpointName}`;
  const client = aws.providedClient(SageMakerRuntimeClient);
  if (client !== undefined)
    return new SageMakerRuntimeTransport({ endpointName, maxRequestBytes, description, client });
  const clientConfig = aws.callerOptions('SageMaker Runtime');
  return new SageMakerRuntimeTransport({ endpointName, maxRequestBytes, description, clientConfig });
}
