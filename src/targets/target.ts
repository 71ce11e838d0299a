import type { AwsContext } from '../aws/context.js';
import type { PlanStep } from '../deploy/plan.js';
import type { ModelSource } from '../model/source.js';
import type { LogSource } from '../monitor/logs/types.js';
import type { EndpointMetrics } from '../monitor/metrics.js';
import type { Transport } from '../predict/transport.js';

/**
 * The options a target accepts beyond its own constructor: each key present means the builder method of that
 * name is available for deployments to this target, with that option type. A target without `autoscaling`
 * makes `.withAutoscaling()` a compile error.
 *
 * @example
 * ```ts
 * // A target of your own that can be monitored, but not autoscaled or split:
 * interface MyFeatures extends TargetFeatures {
 *   readonly monitor: { readonly p99LatencyMs: number };
 * }
 * ```
 */
export interface TargetFeatures {
  /** What `withAutoscaling` takes. */
  readonly autoscaling?: unknown;
  /** What `monitor` takes. */
  readonly monitor?: unknown;
  /** How traffic is split between the deployment's variants (`withTraffic`). */
  readonly traffic?: unknown;
}

/**
 * Everything a target needs to know about one deployment.
 *
 * @example
 * ```ts
 * // In a target of your own:
 * function validate(spec: DeploymentSpec): void {
 *   if (spec.model.kind !== 'handler')
 *     throw new InvalidArgumentError('model', 'This target serves handler modules only.');
 * }
 * ```
 */
export interface DeploymentSpec<F extends TargetFeatures = TargetFeatures> {
  /** The deployment's name; targets derive resource names from it. */
  readonly name: string;
  /** Where the model comes from. */
  readonly model: ModelSource;
  /** What `withAutoscaling` was given, when it was called. */
  readonly autoscaling?: F['autoscaling'];
  /** What `monitor` was given, when it was called. */
  readonly monitor?: F['monitor'];
  /** What `withTraffic` was given, when it was called. */
  readonly traffic?: F['traffic'];
  /** The registry version deployed (`churn:3`), for a model from `Model.fromRegistry`: tag what you make with it. */
  readonly modelVersion?: string;
  /** Tags for every resource the deployment creates. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * What targets are handed besides the spec.
 *
 * @example
 * ```ts
 * // In a target of your own:
 * async function describe(spec: DeploymentSpec, ctx: TargetContext): Promise<string> {
 *   return `${spec.name} in ${await ctx.aws.region()}`;
 * }
 * ```
 */
export interface TargetContext {
  /** AWS clients and helpers, created lazily: a target that never calls AWS never builds a client. */
  readonly aws: AwsContext;
}

/**
 * What `deployment.metrics()` asks for: a time range, and optionally the variant and the period.
 *
 * @example
 * ```ts
 * const metrics = await deployment.metrics({ since: new Date(Date.now() - 3_600_000), periodS: 60 });
 * ```
 */
export interface MetricsQuery {
  /** The start of the time range. */
  readonly since: Date;
  /** @default now */
  readonly until?: Date;
  /** @default the deployment's own variant */
  readonly variantName?: string;
  /** Seconds per datapoint (a multiple of 60). @default the shortest CloudWatch keeps for data that old */
  readonly periodS?: number;
}

/**
 * The outputs of an applied plan, by step id.
 *
 * @example
 * ```ts
 * const outputs: DeploymentOutputs = deployment.outputs;
 * console.log([...outputs.keys()]); // the step ids, e.g. ['model', 'endpoint-config', 'endpoint']
 * ```
 */
export type DeploymentOutputs = ReadonlyMap<string, unknown>;

/**
 * Where a model runs. Implement it to bring a target of your own: modelship plans, applies, rolls back and
 * reports progress; the target only says which steps make (and unmake) a deployment and how to call it.
 *
 * @typeParam F - the builder features the target supports (see {@link TargetFeatures}).
 *
 * @example
 * ```ts
 * // See src/targets/local/target.ts for a complete target; every target is used the same way:
 * const deployment = await Model.fromFile('iris.onnx').deployTo(myTarget).withName('iris').deploy();
 * ```
 */
export interface Target<F extends TargetFeatures = TargetFeatures> {
  /** A short stable name, e.g. `local`, `sagemaker-realtime`. */
  readonly kind: string;
  /**
   * Checks the spec without any I/O and throws an {@link InvalidArgumentError} that says what to change.
   * Called before `plan`, so a bad spec never reaches AWS.
   */
  validate?(spec: DeploymentSpec<F>): void;
  /** The steps that bring the world to the spec. Makes read-only calls only. */
  plan(spec: DeploymentSpec<F>, ctx: TargetContext): Promise<PlanStep[]>;
  /**
   * The steps that remove what `plan` made. `outputs` are those of the apply that made the deployment,
   * when this process still has them; without them the target finds its resources by name.
   */
  destroyPlan(spec: DeploymentSpec<F>, ctx: TargetContext, outputs?: DeploymentOutputs): Promise<PlanStep[]>;
  /** A transport to the deployed model, for its predictor. */
  transport(spec: DeploymentSpec<F>, ctx: TargetContext, outputs: DeploymentOutputs): Transport;
  /**
   * The deployed model's metrics over a time range (invocations, errors, latency, utilization), where the target
   * has a metrics service. Optional: `deployment.metrics()` says so when a target has none.
   */
  metrics?(
    spec: DeploymentSpec<F>,
    ctx: TargetContext,
    outputs: DeploymentOutputs,
    query: MetricsQuery,
  ): Promise<EndpointMetrics>;
  /**
   * Where the deployment is and how it is, found by name with describe calls only (nothing is changed). `outputs`
   * are those of the apply that made it, when this process has them. Optional: `status()` says so when a target
   * cannot tell.
   * @returns everything of {@link DeploymentStatus} but the name and the kind, which the caller knows.
   * @throws {@link ConflictError} when a resource of the deployment's name was not made by this deployment.
   */
  status?(spec: DeploymentSpec<F>, ctx: TargetContext, outputs?: DeploymentOutputs): Promise<TargetStatus>;
  /**
   * Where the deployment's logs are in CloudWatch Logs: names only, no call. Optional: a target without it has no
   * CloudWatch logs, and `deployment.logs()` says so.
   */
  logSource?(spec: DeploymentSpec<F>, ctx: TargetContext, outputs: DeploymentOutputs): LogSource;
  /**
   * Finds a deployment of this spec made earlier, by another process (a CI job), with describe calls only, and
   * returns the outputs that `transport()`, `metrics()`, `status()`, `logSource()` and `destroyPlan()` need: the
   * same step ids and shapes as the outputs of the apply that made it. Optional: without it a deployment can only
   * be used from the process that made it.
   * @returns `undefined` when nothing of this spec is deployed.
   * @throws {@link ConflictError} when a resource of the deployment's name was not made by this deployment.
   * @throws {@link InvalidArgumentError} when this spec's deployment cannot be reached from another process.
   */
  attach?(spec: DeploymentSpec<F>, ctx: TargetContext, signal?: AbortSignal): Promise<DeploymentOutputs | undefined>;
  /**
   * Phantom member that carries `F` for the type checker; never set at run time.
   * @internal
   */
  readonly __features?: F;
}

/**
 * One resource of a deployment as {@link DeploymentStatus} reports it.
 *
 * @example
 * ```ts
 * const { resources } = await deployment.status();
 * for (const r of resources) console.log(`${r.kind} ${r.name}: ${r.status ?? '-'} ${r.detail ?? ''}`);
 * ```
 */
export interface ResourceStatus {
  /** What kind of resource, for people: `SageMaker endpoint`, `Lambda function`. */
  readonly kind: string;
  /** Its name in its service. */
  readonly name: string;
  /** Its ARN, where it has one. */
  readonly arn?: string;
  /** Its status as its service names it (`InService`, `Active`), where it has one. */
  readonly status?: string;
  /** More for people: instance type and count, memory size, the version an alias points to. */
  readonly detail?: string;
}

/**
 * Where a deployment is and how it is, as `status()` finds it: describe calls only, nothing changed.
 *
 * @example
 * ```ts
 * const status: DeploymentStatus = await deployment.status();
 * if (!status.healthy) console.error(`${status.name}: ${status.state} ${status.failureReason ?? ''}`);
 * ```
 */
export interface DeploymentStatus {
  /** The deployment's name. */
  readonly name: string;
  /** The target's kind, e.g. `sagemaker-realtime`. */
  readonly target: string;
  /** True when the deployment's main resource (endpoint, function, server) exists. */
  readonly deployed: boolean;
  /** The main resource's status as its service names it (`InService`, `Updating`, `Active`), or `NotDeployed`. */
  readonly state: string;
  /** True when it exists and serves requests (an endpoint `InService`, a function `Active`). */
  readonly healthy: boolean;
  /** Where to call it over HTTP, where it has such an address (a Function URL, an HTTP API, the Local server). */
  readonly url?: string;
  /** The registry version it serves (`churn:3`), from the tag a deployment of `Model.fromRegistry` carries. */
  readonly modelVersion?: string;
  /** Why the last create or update failed, as the service says. */
  readonly failureReason?: string;
  /** When the main resource last changed. */
  readonly updatedAt?: Date;
  /** More for people when `state` alone does not say enough (why a Local deployment cannot be seen from here). */
  readonly detail?: string;
  /** The deployment's resources, main resource first; empty when nothing is deployed. */
  readonly resources: readonly ResourceStatus[];
}

/**
 * What a target's `status()` reports: a {@link DeploymentStatus} without the name and kind the caller knows.
 *
 * @example
 * ```ts
 * // In a target of your own:
 * const status: TargetStatus = { deployed: false, state: 'NotDeployed', healthy: false, resources: [] };
 * ```
 */
export type TargetStatus = Omit<DeploymentStatus, 'name' | 'target'>;

export type { LogEvent, LogSource, LogsQuery } from '../monitor/logs/types.js';
