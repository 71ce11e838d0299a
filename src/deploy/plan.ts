/**
 * Plans: what a deployment will do, as an ordered list of steps over named resources.
 * A plan is computed with read-only calls (describe before create), can be printed or serialized,
 * and is applied by the engine in `apply.ts`.
 */

/**
 * What a step does to its resource. `none` means the resource is already as the spec wants it.
 *
 * @example
 * ```ts
 * const creates = plan.steps.filter((step) => step.action === 'create').length;
 * ```
 */
export type StepAction = 'create' | 'update' | 'delete' | 'none';

/**
 * A resource a step acts on.
 *
 * @example
 * ```ts
 * const endpoint: ResourceRef = { kind: 'SageMaker endpoint', name: 'churn' };
 * ```
 */
export interface ResourceRef {
  /** What kind of resource, for people: `SageMaker endpoint`, `S3 object`, `Local server`. */
  readonly kind: string;
  /** Its name (or URI) in its service. */
  readonly name: string;
  /** Its ARN, once known. */
  readonly arn?: string;
}

/**
 * What a step's `wait` reports on each poll.
 *
 * @example
 * ```ts
 * const step: PlanStep = {
 *   id: 'bucket', resource: { kind: 'S3 bucket', name: 'my-artifacts' }, action: 'create', reason: 'absent',
 *   apply: async () => createBucket('my-artifacts'),
 *   wait: async (): Promise<WaitStatus> => ({ done: await bucketExists('my-artifacts'), status: 'Creating' }),
 * };
 * ```
 */
export interface WaitStatus {
  /** True once the resource is ready; the engine stops polling. */
  readonly done: boolean;
  /** The resource's current status, as its service names it (`Creating`, `InService`). */
  readonly status: string;
}

/**
 * Handed to a step's `apply`, `wait` and `undo`.
 *
 * @example
 * ```ts
 * const step: PlanStep = {
 *   id: 'upload', resource: { kind: 'S3 object', name: 's3://my-artifacts/model.onnx' }, action: 'create',
 *   reason: 'new artifact', dependsOn: ['bucket'],
 *   async apply(ctx: StepContext) {
 *     const bucket = ctx.output<string>('bucket');
 *     ctx.report?.('0 of 1 files uploaded', { done: 0, total: 1, unit: 'items' });
 *     return upload(bucket, { signal: ctx.signal });
 *   },
 * };
 * ```
 */
export interface StepContext {
  /** Aborted when the caller cancels the deployment. Pass it on to every AWS call. */
  readonly signal: AbortSignal;
  /**
   * The value returned by the `apply` of an earlier step in this run (or recorded for a step whose action is `none`).
   * @throws {@link InvalidArgumentError} if that step has no output.
   */
  output<T = unknown>(stepId: string): T;
  /**
   * Reports progress of a long `apply` for people (`412 of 1024 MB uploaded`), as a `step-progress` event. Optional
   * so that hand-made contexts in tests need not provide it: call it as `ctx.report?.(…)`.
   */
  report?(status: string, progress?: StepProgress): void;
}

/**
 * How far a long `apply` has got, in numbers a progress bar can show: `done` of `total` `unit`s
 * (`bytes` for an upload, `items` for records or objects).
 *
 * @example
 * ```ts
 * ctx.report?.('412.0 of 1024.0 MB uploaded', { done: 412 * 2 ** 20, total: 1024 * 2 ** 20, unit: 'bytes' });
 * ```
 */
export interface StepProgress {
  /** How many units are done so far. */
  readonly done: number;
  /** How many units there are in all. */
  readonly total: number;
  /** What is counted. */
  readonly unit: 'bytes' | 'items';
}

/**
 * One step of a plan. Targets create these; the engine runs them.
 *
 * @example
 * ```ts
 * const plan: Plan = {
 *   name: 'demo', target: 'custom',
 *   steps: [{ id: 'hello', resource: { kind: 'Greeting', name: 'world' }, action: 'create', reason: 'absent',
 *     apply: async () => console.log('hello') }],
 * };
 * await applyPlan(plan);
 * ```
 */
export interface PlanStep {
  /** Unique within its plan; other steps name it in `dependsOn` and read its output by it. */
  readonly id: string;
  /** The resource the step acts on. */
  readonly resource: ResourceRef;
  /** What the step does to it. */
  readonly action: StepAction;
  /** Why, for people: `endpoint churn does not exist`, `instance type changed from ml.m5.large to ml.c5.xlarge`. */
  readonly reason: string;
  /**
   * The steps that must finish before this one starts. When omitted, the step depends on the step before it,
   * so a plan with no `dependsOn` at all runs strictly in order.
   */
  readonly dependsOn?: readonly string[];
  /**
   * Marks a step that tidies up after the deployment has succeeded (removing what the run made obsolete). Cleanup
   * steps run after every other step, in plan order; no other step may depend on one. Their failure does not fail
   * or roll back the deployment: it is a `cleanup-failed` event and an entry of `ApplyResult.cleanupFailures`.
   */
  readonly cleanup?: boolean;
  /** Estimated cost of the resource while it runs, in US dollars an hour, where the price is known. */
  readonly hourlyCostUsd?: number;
  /**
   * For a step whose action is `none`: the output to record without calling `apply`,
   * so later steps can read it (an existing endpoint's ARN, an already-uploaded artifact's URI).
   */
  readonly existingOutput?: unknown;
  /**
   * Makes the change. Its return value is the step's output. Not called when the action is `none`.
   *
   * It must return, or throw having changed nothing (the engine never undoes an `apply` that threw). And it must
   * be safe to call again after it threw a retryable error (`error.retryable`: throttling, an AWS-side 5xx, a
   * broken connection), because the engine then does (see `ApplyOptions.retry`). A throttled call changed nothing,
   * but a 5xx or a dropped connection may hide a request that AWS carried out: the second call must then converge
   * on the same result, not fail or make a second resource. For SageMaker: a `CreateModel`,
   * `CreateEndpointConfig` or `CreateEndpoint` that in fact succeeded makes the retry fail with "Cannot create
   * already existing …" (a non-retryable `ConflictError`), and the resource is left behind, since the step that
   * made it never returned. A create step should therefore treat "already exists" on a retry as success once it
   * has checked the resource is the one it asked for (a content-derived name and this deployment's tags), or
   * describe before it creates. Deletes are naturally idempotent when "not found" counts as done.
   * Throw a non-retryable error for anything trying again cannot fix.
   */
  apply?(ctx: StepContext): Promise<unknown>;
  /**
   * Polled after `apply` until it reports `done`; throw to fail the step (e.g. an endpoint that went `Failed`).
   * A poll that throws a retryable error counts as "not ready yet" (up to `ApplyOptions.retry.maxAttempts` in a
   * row), so throw a non-retryable error for a resource that has failed for good.
   */
  wait?(ctx: StepContext): Promise<WaitStatus>;
  /**
   * Reverses `apply`, when a later step fails. Steps that change nothing need none. Like `apply`, it is tried
   * again after a retryable error, so it must be safe to repeat: what is already gone counts as undone.
   */
  undo?(ctx: StepContext): Promise<void>;
}

/**
 * An ordered list of steps for one deployment.
 *
 * @example
 * ```ts
 * const plan: Plan = await builder.plan();
 * console.log(`${plan.name} on ${plan.target}: ${plan.steps.length} steps`);
 * console.log(formatPlan(plan));
 * ```
 */
export interface Plan {
  /** The deployment's name. */
  readonly name: string;
  /** The target's kind, e.g. `local`, `sagemaker-realtime`. */
  readonly target: string;
  /** The steps, in the order they are listed and (dependencies allowing) run. */
  readonly steps: readonly PlanStep[];
}
