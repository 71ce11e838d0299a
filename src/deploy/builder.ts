import { basename, extname } from 'node:path';
import type { AwsConfig } from '../aws/config.js';
import { AwsContext } from '../aws/context.js';
import { toResourceName } from '../aws/naming.js';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import type { DeploymentSpec, DeploymentStatus, Target, TargetContext, TargetFeatures } from '../targets/target.js';
import { type ApplyOptions, type ApplyResult, applyPlan } from './apply.js';
import { Deployment, readStatus } from './deployment.js';
import type { Plan } from './plan.js';
import { type RegisteredModel, verifyRegistered, versionTag } from './registered.js';

/**
 * The type of an option the target does not support: a readable compile error instead of a silently ignored
 * option. `{ __error: 'The local target does not support autoscaling' }` is what you will see in the editor.
 *
 * @example
 * ```ts
 * Model.fromFile('iris.onnx').deployTo(Local()).withAutoscaling({ min: 1, max: 2 });
 * // error: … is not assignable to Unsupported<'This target does not support autoscaling'>
 * ```
 */
export interface Unsupported<Message extends string> {
  /** The message the compiler shows. */
  readonly __error: Message;
}

/**
 * The option type of builder feature `K` for a target with features `F`, or {@link Unsupported}.
 *
 * @example
 * ```ts
 * type RealtimeScaling = FeatureOption<RealtimeFeatures, 'autoscaling'>; // RealtimeAutoscalingOptions
 * type LocalScaling = FeatureOption<LocalFeatures, 'autoscaling'>; // Unsupported<…>
 * ```
 */
export type FeatureOption<F extends TargetFeatures, K extends keyof TargetFeatures> = K extends keyof F
  ? Exclude<F[K], undefined>
  : Unsupported<`This target does not support ${K}`>;

/**
 * Options of {@link DeploymentBuilder.deploy}.
 *
 * @example
 * ```ts
 * await builder.deploy({ onEvent: (event) => console.error(event.type), timeoutMs: 45 * 60_000 });
 * ```
 */
export interface DeployOptions extends Omit<ApplyOptions, never> {}

/**
 * Options of {@link DeploymentBuilder.attach}.
 *
 * @example
 * ```ts
 * const deployment = await builder.withName('churn').attach({ signal: AbortSignal.timeout(30_000) });
 * ```
 */
export interface AttachOptions {
  /** Cancels the describe calls. */
  readonly signal?: AbortSignal;
}

interface BuilderState {
  readonly source: ModelSource;
  readonly registered?: RegisteredModel;
  readonly target: Target<TargetFeatures>;
  readonly name?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly autoscaling?: unknown;
  readonly monitor?: unknown;
  readonly traffic?: unknown;
  readonly aws?: AwsConfig | AwsContext;
}

/**
 * Describes one deployment of a model to a target. Immutable: every `with…` returns a new builder, so a base
 * builder can be branched into several deployments. Which `with…` methods accept options depends on the target.
 *
 * @typeParam F - the features of the chosen target.
 *
 * @example
 * ```ts
 * const base = Model.fromFile('iris.onnx').deployTo(
 *   SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, createRole: true }),
 * );
 * const staging = base.withName('iris-staging');
 * const production = base.withName('iris').withTags({ team: 'ml' });
 * console.log(formatPlan(await production.plan()));
 * const deployment = await production.deploy();
 * ```
 */
export class DeploymentBuilder<F extends TargetFeatures> {
  readonly #state: BuilderState;

  private constructor(state: BuilderState) {
    this.#state = Object.freeze(state);
  }

  /** @internal Use {@link Model.deployTo}. */
  static start<F extends TargetFeatures>(
    source: ModelSource,
    target: Target<F>,
    registered?: RegisteredModel,
  ): DeploymentBuilder<F> {
    return new DeploymentBuilder<F>({
      source,
      target: target as Target<TargetFeatures>,
      tags: {},
      ...(registered === undefined ? {} : { registered }),
    });
  }

  /**
   * Names the deployment; targets derive resource names from it.
   * @default the model file's or folder's name, made a valid resource name
   * @throws {@link InvalidArgumentError} when the name is empty.
   */
  withName(name: string): DeploymentBuilder<F> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new InvalidArgumentError('name', 'The deployment name must be a non-empty string, e.g. "churn-model".');
    }
    return this.#with({ name });
  }

  /** The deployment's name: the one given to `withName`, or the default made from the model. No I/O. */
  get name(): string {
    return this.#state.name ?? defaultName(this.#state.source, this.#state.registered);
  }

  /** The target's kind, e.g. `sagemaker-realtime`. */
  get target(): string {
    return this.#state.target.kind;
  }

  /** Adds tags to every resource the deployment creates. Later calls add to (and override) earlier ones. */
  withTags(tags: Readonly<Record<string, string>>): DeploymentBuilder<F> {
    return this.#with({ tags: { ...this.#state.tags, ...tags } });
  }

  /** Scales the deployment with traffic. Only for targets that support it (a compile error otherwise). */
  withAutoscaling(options: FeatureOption<F, 'autoscaling'>): DeploymentBuilder<F> {
    return this.#with({ autoscaling: options });
  }

  /** Adds alarms and monitoring. Only for targets that support it (a compile error otherwise). */
  monitor(options: FeatureOption<F, 'monitor'>): DeploymentBuilder<F> {
    return this.#with({ monitor: options });
  }

  /**
   * Splits traffic between the deployment's variants, in percent, e.g. `{ a: 90, b: 10 }` for an A/B test.
   * Only for targets with several variants (a compile error otherwise); the target checks the names and the sum.
   */
  withTraffic(weights: FeatureOption<F, 'traffic'>): DeploymentBuilder<F> {
    return this.#with({ traffic: weights });
  }

  /**
   * The AWS configuration (region, credentials, endpoints, retries) or a shared {@link AwsContext}.
   * @default the AWS SDK's own region and credential chain
   */
  withAws(aws: AwsConfig | AwsContext): DeploymentBuilder<F> {
    return this.#with({ aws });
  }

  /**
   * Works out what `deploy()` would do, with read-only calls only. Print it with `formatPlan(plan)`.
   * @throws {@link InvalidArgumentError} when the spec does not fit the target (before any call is made).
   */
  async plan(): Promise<Plan> {
    const { spec, ctx } = this.#prepare();
    return this.#planWith(spec, ctx);
  }

  /**
   * Plans and applies the deployment: describes before it creates, waits for each resource, reports progress
   * through `onEvent`, honours `signal`, and on failure removes what this run created.
   * @throws {@link InvalidArgumentError} when the spec does not fit the target.
   * @throws {@link DeploymentFailedError} when a step failed; its `report` says what was cleaned up.
   * @throws {@link AbortedError} when `signal` aborted it; what it created has been removed.
   * @throws {@link TimeoutError} when it ran past `timeoutMs`.
   */
  async deploy(options: DeployOptions = {}): Promise<Deployment<F>> {
    const { spec, ctx } = this.#prepare();
    const plan = await this.#planWith(spec, ctx);
    const result = await applyPlan(plan, options);
    return this.#handle(spec, ctx, plan, result, false);
  }

  /**
   * A handle on this spec's deployment made earlier, by another process (a CI job's `deploy`), found by name with
   * describe calls only: its `predictor()`, `metrics()`, `logs()`, `status()`, `destroy()` and, for a model from a
   * registry alias, `rollback()` work as on the handle `deploy()` returns. Its `plan` is empty and `changed` false
   * (this process applied nothing), and `await using` does not destroy it.
   *
   * @example
   * ```ts
   * const deployment = await Model.fromS3(uri, sklearn).deployTo(target).withName('churn').attach();
   * const answer = await deployment.predictor().predict(rows);
   * ```
   * @throws {@link NotFoundError} when nothing is deployed under this name: deploy it first.
   * @throws {@link InvalidArgumentError} when the spec does not fit the target, or the target cannot find a
   * deployment from another process (a Local deployment without a fixed port).
   * @throws {@link ConflictError} when a resource of that name was not made by this deployment.
   */
  async attach(options: AttachOptions = {}): Promise<Deployment<F>> {
    const { spec, ctx } = this.#prepare();
    const target = this.#state.target as Target<F>;
    if (target.attach === undefined) {
      throw new InvalidArgumentError(
        'target',
        `The ${target.kind} target cannot attach to a deployment made by another process: it does not say how to ` +
          'find one (it has no attach()). Use the Deployment that deploy() returned.',
      );
    }
    const outputs = await target.attach(spec, ctx, options.signal);
    if (outputs === undefined) {
      throw new NotFoundError(
        `Nothing is deployed under the name "${spec.name}" on the ${target.kind} target (with this configuration, ` +
          'account and region): run deploy first (`modelship deploy`, or .deploy()), then attach.',
        { resource: { kind: `${target.kind} deployment`, name: spec.name } },
      );
    }
    const plan = { name: spec.name, target: target.kind, steps: [] };
    const result = { outputs, changed: false, steps: [], elapsedMs: 0, cleanupFailures: [] };
    return this.#handle(spec, ctx, plan, result, true);
  }

  /**
   * Where this spec's deployment is and how it is (state, health, served model version, URL, each resource), found
   * by name with describe calls only: `deployed: false` when nothing is deployed under the name.
   * @throws {@link InvalidArgumentError} when the spec does not fit the target, or the target cannot report a status.
   * @throws {@link ConflictError} when a resource of that name was not made by this deployment.
   */
  async status(): Promise<DeploymentStatus> {
    const { spec, ctx } = this.#prepare();
    return readStatus(this.#state.target as Target<F>, spec, ctx);
  }

  /**
   * Removes what a deployment of this spec made, found by name: for a script or CI job that did not deploy it in
   * this process (with the handle, use {@link Deployment.destroy}). Safe to run when nothing is deployed.
   * @throws {@link ConflictError} when a resource of that name was not made by this deployment (it is left alone).
   * @throws {@link DeploymentFailedError} when a resource could not be removed.
   */
  async destroy(options: DeployOptions = {}): Promise<void> {
    const { spec, ctx } = this.#prepare();
    const target = this.#state.target as Target<F>;
    const steps = await target.destroyPlan(spec, ctx);
    await applyPlan({ name: spec.name, target: target.kind, steps }, options);
  }

  #handle(
    spec: DeploymentSpec<F>,
    ctx: TargetContext,
    plan: Plan,
    result: ApplyResult,
    attached: boolean,
  ): Deployment<F> {
    return new Deployment<F>({
      spec,
      target: this.#state.target as Target<F>,
      ctx,
      plan,
      result,
      registered: this.#state.registered,
      redeploy: (source, registered, redeployOptions) => this.#with({ source, registered }).deploy(redeployOptions),
      attached,
    });
  }

  #with(change: Partial<BuilderState>): DeploymentBuilder<F> {
    return new DeploymentBuilder<F>({ ...this.#state, ...change });
  }

  #prepare(): { spec: DeploymentSpec<F>; ctx: TargetContext } {
    const { source, target, tags, autoscaling, monitor, traffic, registered } = this.#state;
    const spec = {
      name: this.name,
      model: source,
      tags,
      ...(registered === undefined ? {} : { modelVersion: versionTag(registered) }),
      ...(autoscaling === undefined ? {} : { autoscaling }),
      ...(monitor === undefined ? {} : { monitor }),
      ...(traffic === undefined ? {} : { traffic }),
    } as DeploymentSpec<F>;
    (target as Target<F>).validate?.(spec);
    const aws = this.#state.aws;
    return { spec, ctx: { aws: aws instanceof AwsContext ? aws : new AwsContext(aws) } };
  }

  async #planWith(spec: DeploymentSpec<F>, ctx: TargetContext): Promise<Plan> {
    const target = this.#state.target as Target<F>;
    // A registered artifact is checked before every plan: one changed since it was resolved is never deployed.
    if (this.#state.registered !== undefined) await verifyRegistered(this.#state.registered);
    const steps = await target.plan(spec, ctx);
    return { name: spec.name, target: target.kind, steps };
  }
}

function defaultName(source: ModelSource, registered: RegisteredModel | undefined): string {
  const base = (() => {
    if (registered !== undefined) return registered.version.name;
    switch (source.kind) {
      case 'file':
      case 'handler':
        return basename(source.path, extname(source.path));
      case 'directory':
        return basename(source.path);
      case 's3': {
        // `s3://bucket/churn/model.tar.gz` is named after its folder: every SageMaker artifact is `model.tar.gz`.
        const parts = source.uri.slice('s3://'.length).split('/');
        const file = (parts.at(-1) ?? '').replace(/\.tar\.gz$|\.[^.]+$/, '');
        return file === 'model' && parts.length > 2 ? (parts.at(-2) ?? file) : file;
      }
      case 'image':
        // `…/repo/churn:1.2` or `…/churn@sha256:…` is named `churn`.
        return (source.imageUri.split('/').at(-1) ?? '').split(/[@:]/)[0] ?? '';
    }
  })();
  try {
    return toResourceName(base);
  } catch {
    // A file called `!!!.onnx` has nothing to name a resource after; withName() says what to use instead.
    return 'model';
  }
}
