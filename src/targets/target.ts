import type { AwsContext } from '../aws/context.js';
import type { PlanStep } from '../deploy/plan.js';
import type { ModelSource } from '../model/source.js';
import type { EndpointMetrics } from '../monitor/metrics.js';
import type { Transport } from '../predict/transport.js';

/**
 * The options a target accepts beyond its own constructor: each key present means the builder method of that
 * name is available for deployments to this target, with that option type. A target without `autoscaling`
 * makes `.withAutoscaling()` a compile error.
 */
export interface TargetFeatures {
  readonly autoscaling?: unknown;
  readonly monitor?: unknown;
  /** How traffic is split between the deployment's variants (`withTraffic`). */
  readonly traffic?: unknown;
}

/** Everything a target needs to know about one deployment. */
export interface DeploymentSpec<F extends TargetFeatures = TargetFeatures> {
  /** The deployment's name; targets derive resource names from it. */
  readonly name: string;
  readonly model: ModelSource;
  readonly autoscaling?: F['autoscaling'];
  readonly monitor?: F['monitor'];
  readonly traffic?: F['traffic'];
  /** The registry version deployed (`churn:3`), for a model from `Model.fromRegistry`: tag what you make with it. */
  readonly modelVersion?: string;
  /** Tags for every resource the deployment creates. */
  readonly tags: Readonly<Record<string, string>>;
}

/** What targets are handed besides the spec. */
export interface TargetContext {
  /** AWS clients and helpers, created lazily: a target that never calls AWS never builds a client. */
  readonly aws: AwsContext;
}

/** What `deployment.metrics()` asks for: a time range, and optionally the variant and the period. */
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

/** The outputs of an applied plan, by step id. */
export type DeploymentOutputs = ReadonlyMap<string, unknown>;

/**
 * Where a model runs. Implement it to bring a target of your own: modelship plans, applies, rolls back and
 * reports progress; the target only says which steps make (and unmake) a deployment and how to call it.
 *
 * @typeParam F - the builder features the target supports (see {@link TargetFeatures}).
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
   * Phantom member that carries `F` for the type checker; never set at run time.
   * @internal
   */
  readonly __features?: F;
}
