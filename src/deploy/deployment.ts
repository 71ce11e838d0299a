import { InvalidArgumentError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import type { EndpointMetrics } from '../monitor/metrics.js';
import type { ValidationOptions } from '../monitor/validate/options.js';
import type { ValidationReport } from '../monitor/validate/report.js';
import { validatePredictor } from '../monitor/validate/validate.js';
import { Predictor, type PredictorCommonOptions } from '../predict/predictor.js';
import type {
  DeploymentOutputs,
  DeploymentSpec,
  MetricsQuery,
  Target,
  TargetContext,
  TargetFeatures,
} from '../targets/target.js';
import { type ApplyOptions, type ApplyResult, applyPlan } from './apply.js';
import type { Plan } from './plan.js';
import { type RegisteredModel, resolveRegistered } from './registered.js';

/** Options of {@link Deployment.predictor}: everything a standalone predictor takes but where to send requests. */
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
}

/**
 * A deployment that `deploy()` made: call it with {@link Deployment.predictor}, remove it with
 * {@link Deployment.destroy}. With `await using`, it is destroyed when the scope ends.
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

  /** The plan that was applied. */
  get plan(): Plan {
    return this.#state.plan;
  }

  /** True when the apply changed anything (false when everything already matched the spec). */
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

  /** The registry version deployed (name, version, alias), for a model from `Model.fromRegistry`. */
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

  /** What each step produced, by step id (endpoint ARNs, the Local server's URL, …). */
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
          `The ${target.kind} target keeps no metrics; deploy to SageMaker for CloudWatch metrics.`,
        ),
      );
    }
    return target.metrics(spec, ctx, result.outputs, query);
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

  /** Destroys the deployment at the end of an `await using` scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.destroy();
  }
}
