import { InvalidArgumentError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import { type LogEvent, type LogsQuery, readLogs } from '../monitor/logs/index.js';
import type { EndpointMetrics } from '../monitor/metrics.js';
import type { ValidationOptions } from '../monitor/validate/options.js';
import type { ValidationReport } from '../monitor/validate/report.js';
import { validatePredictor } from '../monitor/validate/validate.js';
import { Predictor, type PredictorCommonOptions } from '../predict/predictor.js';
import type {
  DeploymentOutputs,
  DeploymentSpec,
  DeploymentStatus,
  MetricsQuery,
  Target,
  TargetContext,
  TargetFeatures,
} from '../targets/target.js';
import { type ApplyOptions, type ApplyResult, applyPlan } from './apply.js';
import type { Plan } from './plan.js';
import { type RegisteredModel, resolveRegistered } from './registered.js';

/**
 * Options of {@link Deployment.predictor}: everything a standalone predictor takes but where to send requests.
 *
 * @example
 * ```ts
 * const predictor = deployment.predictor<number[][], number[]>({
 *   serializer: csv(),
 *   retry: { maxAttempts: 5 },
 *   timeoutMs: 2_000,
 * });
 * ```
 */
export type DeploymentPredictorOptions<I, O> = PredictorCommonOptions<I, O>;

interface DeploymentState<F extends TargetFeatures> {
  readonly spec: DeploymentSpec<F>;
  readonly target: Target<F>;
  readonly ctx: TargetContext;
  readonly plan: Plan;
  readonly result: ApplyResult;
  /** The registry version deployed, for a model from `Model.fromRegistry`. */
  readonly registered?: RegisteredModel | undefined;
  /** Deploys the same chain with another model: how `rollback` redeploys. */
  readonly redeploy: (
    source: ModelSource,
    registered: RegisteredModel,
    options: ApplyOptions,
  ) => Promise<Deployment<F>>;
  /** True for a handle from `attach()`: this process found the deployment, it did not make it. */
  readonly attached: boolean;
}

/**
 * @internal The status of `spec`'s deployment, as the target reports it, with its name and kind.
 * @throws {@link InvalidArgumentError} when the target cannot report a status.
 */
export async function readStatus<F extends TargetFeatures>(
  target: Target<F>,
  spec: DeploymentSpec<F>,
  ctx: TargetContext,
  outputs?: DeploymentOutputs,
): Promise<DeploymentStatus> {
  if (target.status === undefined) {
    throw new InvalidArgumentError(
      'status',
      `The ${target.kind} target does not report a status (it has no status()): use the Deployment that deploy() returned.`,
    );
  }
  const found = await target.status(spec, ctx, outputs);
  return { name: spec.name, target: target.kind, ...found };
}

/**
 * A deployment that `deploy()` made, or that `attach()` found (made earlier, by another process): call it with
 * {@link Deployment.predictor}, watch it with {@link Deployment.status}, {@link Deployment.metrics} and
 * {@link Deployment.logs}, remove it with {@link Deployment.destroy}. With `await using`, a deployment made by
 * `deploy()` is destroyed when the scope ends; one found by `attach()` is left as it is.
 *
 * @example
 * ```ts
 * await using deployment = await Model.fromFile('iris.onnx').deployTo(Local()).deploy();
 * const output = await deployment.predictor().predict([[5.1, 3.5, 1.4, 0.2]]);
 * // destroyed when the scope ends
 * ```
 */
export class Deployment<F extends TargetFeatures = TargetFeatures> {
  readonly #state: DeploymentState<F>;
  #destroyed = false;

  /** @internal Made by `deploy()`. */
  constructor(state: DeploymentState<F>) {
    this.#state = state;
  }

  /** The deployment's name. */
  get name(): string {
    return this.#state.spec.name;
  }

  /** The target's kind, e.g. `local`. */
  get target(): string {
    return this.#state.target.kind;
  }

  /**
   * The plan that was applied. Empty for a handle from `attach()`: this process applied nothing (the plan of the
   * deploy that made it is not kept anywhere; `builder.plan()` shows what a deploy would change now).
   */
  get plan(): Plan {
    return this.#state.plan;
  }

  /**
   * True when the apply changed anything (false when everything already matched the spec). Always false for a
   * handle from `attach()`, which changed nothing.
   */
  get changed(): boolean {
    return this.#state.result.changed;
  }

  /**
   * Cleanup steps that failed after the deployment succeeded (an old endpoint config that could not be deleted):
   * what they were to remove is still there. Empty when all went well.
   */
  get cleanupFailures(): ApplyResult['cleanupFailures'] {
    return this.#state.result.cleanupFailures;
  }

  /**
   * The registry version deployed (name, version, alias), for a model from `Model.fromRegistry`. For a handle from
   * `attach()` it is the version the builder's model resolved to; what the deployment serves is
   * `(await status()).modelVersion`, read from its tags.
   */
  get registered(): RegisteredModel | undefined {
    return this.#state.registered;
  }

  /**
   * Rolls the deployment's registry alias back to the version it pointed to before, and redeploys that version
   * through the target's safe-update path (on SageMaker, a blue/green update: the current version serves until the
   * previous one is live). If the redeploy fails, the alias is moved forward again, so alias and endpoint agree.
   *
   * @example
   * ```ts
   * const deployment = await (await Model.fromRegistry(registry, 'churn@production')).deployTo(target).deploy();
   * // … the new version misbehaves:
   * const previous = await deployment.rollback();
   * ```
   * @returns the deployment of the previous version.
   * @throws {@link InvalidArgumentError} when the model did not come through a registry alias.
   * @throws {@link NotFoundError} when the alias has no earlier version to return to.
   */
  async rollback(options: ApplyOptions = {}): Promise<Deployment<F>> {
    const registered = this.#state.registered;
    if (registered?.alias === undefined) {
      throw new InvalidArgumentError(
        'rollback',
        'Only a deployment of a registry alias can roll back: deploy Model.fromRegistry(registry, "name@alias").',
      );
    }
    const { registry, alias } = registered;
    const { name } = registered.version;
    const before = (await registry.get(name, alias)).version;
    await registry.rollback(name, alias);
    try {
      const previous = await resolveRegistered(registry, `${name}@${alias}`, options.signal);
      return await this.#state.redeploy(previous.source, previous.registered, options);
    } catch (error) {
      // What serves is still what the alias pointed to before: the alias must say so again.
      try {
        await registry.setAlias(name, alias, before);
      } catch (restore) {
        throw new AggregateError(
          [error, restore],
          `The rollback of ${name}@${alias} failed, and so did moving the alias back to version ${before}: set it by hand.`,
        );
      }
      throw error;
    }
  }

  /**
   * What each step produced, by step id (endpoint ARNs, the Local server's URL, …). For a handle from `attach()`,
   * the outputs the target found, in the same shape for the steps that identify the deployment (`endpoint`,
   * `alias`, `start-server`, …).
   */
  get outputs(): DeploymentOutputs {
    return this.#state.result.outputs;
  }

  /**
   * A predictor for the deployed model, with typed input and output.
   * @example
   * ```ts
   * const iris = deployment.predictor<number[][], { label: number[] }>();
   * const { label } = await iris.predict([[5.1, 3.5, 1.4, 0.2]]);
   * ```
   */
  predictor<I = unknown, O = unknown>(options: DeploymentPredictorOptions<I, O> = {}): Predictor<I, O> {
    const { spec, ctx, target, result } = this.#state;
    const transport = target.transport(spec, ctx, result.outputs);
    return new Predictor<I, O>({ ...options, transport });
  }

  /**
   * Checks the deployed model before it takes traffic: sends the samples, measures latency percentiles, a bounded
   * load's throughput and, with `expected`, accuracy; each gate given becomes a check. Works on every target, so a
   * model can be validated on `Local` first. Gate a promotion or an update on `report.passed`.
   *
   * @example
   * ```ts
   * const report = await deployment.validate({
   *   samples: rows,
   *   expected: labels,
   *   accuracy: { metric: 'accuracy', min: 0.95, prediction: (p) => p.label },
   *   latency: { p99Ms: 250 },
   * });
   * console.log(report.toText());
   * if (!report.passed) process.exit(1);
   * ```
   * @throws {@link InvalidArgumentError} for options that are not allowed, before any request.
   */
  validate<I = unknown, O = unknown, E = O>(
    options: ValidationOptions<I, O, E> & { readonly predictor?: DeploymentPredictorOptions<I, O> },
  ): Promise<ValidationReport> {
    const { predictor, ...gates } = options;
    return validatePredictor(this.predictor<I, O>(predictor), gates);
  }

  /**
   * The deployed model's metrics (invocations, 4xx and 5xx errors, latency percentiles in ms, CPU and memory) over
   * a time range, for scripts and dashboards of your own.
   * @throws {@link InvalidArgumentError} when the target keeps no metrics (the Local target).
   */
  metrics(query: MetricsQuery): Promise<EndpointMetrics> {
    const { spec, ctx, target, result } = this.#state;
    if (target.metrics === undefined) {
      return Promise.reject(
        new InvalidArgumentError(
          'metrics',
          `The ${target.kind} target keeps no metrics; deploy to SageMaker or Lambda for CloudWatch metrics.`,
        ),
      );
    }
    return target.metrics(spec, ctx, result.outputs, query);
  }

  /**
   * Where the deployment is and how it is now (state, health, served model version, URL, each resource), read
   * with describe calls only.
   *
   * @example
   * ```ts
   * const { state, healthy, modelVersion } = await deployment.status();
   * ```
   * @throws {@link InvalidArgumentError} when the target cannot report a status.
   * @throws {@link ConflictError} when a resource of the deployment's name is no longer this deployment's.
   */
  status(): Promise<DeploymentStatus> {
    const { spec, ctx, target, result } = this.#state;
    return readStatus(target, spec, ctx, result.outputs);
  }

  /**
   * The deployment's CloudWatch logs (a SageMaker endpoint's variant, a Lambda function), oldest first: the last
   * ten minutes by default, or a range, or with `follow` new events as they come until `signal` aborts (each event
   * once). A log group not made yet (nothing logged so far) reads as no events.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * for await (const event of deployment.logs({ follow: true, filterPattern: 'ERROR', signal: stop.signal })) {
   *   console.log(event.timestamp.toISOString(), event.message.trimEnd());
   * }
   * ```
   * @throws {@link InvalidArgumentError} (at once) when the query is not allowed or the target has no CloudWatch
   * logs (the Local target).
   * @throws {@link AccessDeniedError} (while reading) without `logs:FilterLogEvents` on the log group.
   */
  logs(query: LogsQuery = {}): AsyncIterable<LogEvent> {
    const { spec, ctx, target, result } = this.#state;
    if (target.logSource === undefined) {
      throw new InvalidArgumentError(
        'logs',
        `The ${target.kind} target has no CloudWatch logs (it names no log group), so there is nothing to read. ` +
          'Deploy to SageMaker or Lambda for CloudWatch logs.',
      );
    }
    return readLogs(ctx.aws, target.logSource(spec, ctx, result.outputs), query);
  }

  /**
   * Removes everything the deployment made. Calling it again does nothing.
   * @throws {@link DeploymentFailedError} when a resource could not be removed.
   */
  async destroy(options: ApplyOptions = {}): Promise<void> {
    if (this.#destroyed) return;
    const { spec, ctx, target, result } = this.#state;
    const steps = await target.destroyPlan(spec, ctx, result.outputs);
    await applyPlan({ name: spec.name, target: target.kind, steps }, options);
    this.#destroyed = true;
  }

  /**
   * Destroys the deployment at the end of an `await using` scope, when `deploy()` made it. A handle from
   * `attach()` is left alone: the deployment was there before the scope and stays after it (call `destroy()`).
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#state.attached) return;
    await this.destroy();
  }
}
