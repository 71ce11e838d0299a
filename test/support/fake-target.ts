/**
 * A fake in-memory cloud and a {@link Target} that deploys to it, for tests of the engine and the builder.
 *
 * The target behaves as a real one should: `plan` only reads (describe before create), so planning again after a
 * successful apply yields steps that are all `none`; a changed spec yields `update`; `undo` reverses `apply`.
 * Failures are injected per step and phase, and every change to the cloud is logged so tests can assert order.
 *
 * @example
 * ```ts
 * const target = new FakeTarget({ pollsUntilReady: 2, faults: [{ step: 'endpoint', phase: 'wait' }] });
 * const plan = await planFor(target, fakeSpec('churn'));
 * await expect(applyPlan(plan)).rejects.toThrow(DeploymentFailedError);
 * expect(target.cloud.isEmpty()).toBe(true);
 * ```
 */
import type { AwsContext } from '../../src/aws/context.js';
import type { Plan, PlanStep, StepContext } from '../../src/deploy/plan.js';
import { sleep } from '../../src/deploy/wait.js';
import { InvalidArgumentError, NotFoundError, ServiceError } from '../../src/errors.js';
import type { InvokeRequest, Transport } from '../../src/predict/transport.js';
import type { DeploymentOutputs, DeploymentSpec, Target, TargetContext } from '../../src/targets/target.js';

/** A resource in the fake cloud. */
export interface FakeResource {
  readonly kind: string;
  readonly name: string;
  readonly arn: string;
  /** The configuration it was made with (JSON); `plan` compares it with the spec's to choose `update` or `none`. */
  config: string;
  /** The outputs of the steps it depends on, as its `apply` read them through `ctx.output`. */
  inputs: Record<string, unknown>;
  status: 'Creating' | 'Updating' | 'InService' | 'Failed';
}

/** One change to the fake cloud. */
export interface FakeCloudChange {
  readonly op: 'create' | 'update' | 'delete';
  readonly kind: string;
  readonly name: string;
}

/** What a fake step's `apply` returns and a `none` step carries as `existingOutput`. */
export interface FakeOutput {
  readonly arn: string;
  readonly name: string;
}

/** An in-memory cloud: named resources, a log of changes and a trace of step phases. */
export class FakeCloud {
  /** Every create, update and delete, in order (undo's changes included). */
  readonly log: FakeCloudChange[] = [];
  /**
   * Step phases in the order they happened, as `phase:stepId`: `apply` (apply started), `applied` (apply returned),
   * `ready` (wait reported done), `undo` (undo started). For asserting order and overlap.
   */
  readonly trace: string[] = [];
  private readonly resources = new Map<string, FakeResource>();

  get(kind: string, name: string): FakeResource | undefined {
    return this.resources.get(`${kind}/${name}`);
  }

  /** Every resource, in the order they were created. */
  list(): FakeResource[] {
    return [...this.resources.values()];
  }

  /** `kind/name` of every resource, in the order they were created. */
  names(): string[] {
    return [...this.resources.keys()];
  }

  isEmpty(): boolean {
    return this.resources.size === 0;
  }

  create(kind: string, name: string, config: string, inputs: Record<string, unknown> = {}): FakeResource {
    if (this.get(kind, name)) throw new ServiceError(`${kind} ${name} already exists.`);
    const resource: FakeResource = {
      kind,
      name,
      arn: `arn:fake:${kind}/${name}`.replaceAll(' ', '-'),
      config,
      inputs,
      status: 'Creating',
    };
    this.resources.set(`${kind}/${name}`, resource);
    this.log.push({ op: 'create', kind, name });
    return resource;
  }

  update(kind: string, name: string, config: string): FakeResource {
    const resource = this.get(kind, name);
    if (!resource) throw new NotFoundError(`${kind} ${name} does not exist.`, { resource: { kind, name } });
    resource.config = config;
    resource.status = 'Updating';
    this.log.push({ op: 'update', kind, name });
    return resource;
  }

  /** Deletes a resource; deleting one that does not exist is not an error (as most AWS deletes after a retry). */
  delete(kind: string, name: string): void {
    if (this.resources.delete(`${kind}/${name}`)) this.log.push({ op: 'delete', kind, name });
  }
}

/** One resource a fake deployment is made of; it becomes one plan step. */
export interface FakeResourceDef {
  /** The step id; the resource is named `<deployment name>-<key>`. */
  readonly key: string;
  /** @default `Fake <key>` */
  readonly kind?: string;
  /** Passed to the step as is; when omitted the step depends on the one before it. */
  readonly dependsOn?: readonly string[];
  readonly hourlyCostUsd?: number;
  /** The part of the spec this resource is made from; a change to it makes the plan `update` the resource. */
  readonly config?: (spec: DeploymentSpec<FakeFeatures>) => unknown;
}

/** A failure to inject. */
export interface FakeFault {
  /** The step id (a resource's key). */
  readonly step: string;
  /** `wait` failures mark the resource `Failed` (it still exists); `apply` failures change nothing. */
  readonly phase: 'apply' | 'wait' | 'undo';
  /** @default a ServiceError naming the step and phase */
  readonly error?: unknown;
  /** For `wait`: the poll (from 1) that fails. @default 1 */
  readonly onPoll?: number;
}

/** The builder features the fake target supports (both, with small option types of its own). */
export interface FakeFeatures {
  readonly autoscaling: { readonly min: number; readonly max: number };
  readonly monitor: { readonly p99LatencyMs?: number };
}

export interface FakeTargetOptions {
  /** The cloud to deploy to; share one between targets to model a second run. @default a new FakeCloud */
  readonly cloud?: FakeCloud;
  /** @default artifact → model → endpoint, each depending on the one before */
  readonly resources?: readonly FakeResourceDef[];
  /** How many polls of `wait` report "not ready" before one reports done. @default 0 */
  readonly pollsUntilReady?: number | Readonly<Record<string, number>>;
  readonly faults?: readonly FakeFault[];
  /** How long each `apply` takes (it honours `ctx.signal`). @default 0 */
  readonly applyDelayMs?: number;
}

/** The default resources: an artifact, a model that uses it, an endpoint that serves the model. */
export const DEFAULT_FAKE_RESOURCES: readonly FakeResourceDef[] = [
  { key: 'artifact', kind: 'Fake artifact', config: (spec) => spec.model },
  { key: 'model', kind: 'Fake model', config: (spec) => spec.model },
  { key: 'endpoint', kind: 'Fake endpoint', hourlyCostUsd: 0.115, config: (spec) => [spec.autoscaling, spec.tags] },
];

/** A target that deploys to a {@link FakeCloud}. */
export class FakeTarget implements Target<FakeFeatures> {
  readonly kind = 'fake';
  readonly cloud: FakeCloud;
  /** The failures to inject; tests may replace it between runs (for instance to let a retry succeed). */
  faults: readonly FakeFault[];
  /** How many times `plan` was called. */
  planCalls = 0;
  private readonly resources: readonly FakeResourceDef[];
  private readonly polls: number | Readonly<Record<string, number>>;
  private readonly applyDelayMs: number;

  constructor(options: FakeTargetOptions = {}) {
    this.cloud = options.cloud ?? new FakeCloud();
    this.resources = options.resources ?? DEFAULT_FAKE_RESOURCES;
    this.faults = options.faults ?? [];
    this.polls = options.pollsUntilReady ?? 0;
    this.applyDelayMs = options.applyDelayMs ?? 0;
  }

  validate(spec: DeploymentSpec<FakeFeatures>): void {
    if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) {
      throw new InvalidArgumentError(
        'name',
        `Fake deployment names use a-z, 0-9 and -, starting with a letter; got "${spec.name}".`,
      );
    }
  }

  async plan(spec: DeploymentSpec<FakeFeatures>): Promise<PlanStep[]> {
    this.planCalls += 1;
    return this.resources.map((def, index) => this.step(spec, def, this.resources[index - 1]?.key));
  }

  async destroyPlan(spec: DeploymentSpec<FakeFeatures>): Promise<PlanStep[]> {
    return [...this.resources].reverse().flatMap((def): PlanStep[] => {
      const { kind, name } = this.names(spec, def);
      const existing = this.cloud.get(kind, name);
      if (!existing) return [];
      return [
        {
          id: def.key,
          resource: { kind, name, arn: existing.arn },
          action: 'delete',
          reason: 'the deployment is being destroyed',
          apply: async () => {
            this.cloud.delete(kind, name);
          },
        },
      ];
    });
  }

  transport(spec: DeploymentSpec<FakeFeatures>, _ctx: TargetContext, outputs: DeploymentOutputs): Transport {
    const last = this.resources[this.resources.length - 1]!;
    const { kind, name } = this.names(spec, last);
    return {
      description: `${kind} ${name}`,
      maxRequestBytes: 6 * 1024 * 1024,
      invoke: async (request: InvokeRequest) => {
        const resource = this.cloud.get(kind, name);
        if (resource?.status !== 'InService' || !outputs.has(last.key)) {
          throw new NotFoundError(`${kind} ${name} is not in service.`, { resource: { kind, name } });
        }
        // Echoes the request, so predictor tests can check what arrived.
        return {
          body: request.body,
          contentType: request.contentType,
          invokedProductionVariant: 'AllTraffic',
          customAttributes: request.customAttributes,
        };
      },
    };
  }

  private names(spec: DeploymentSpec<FakeFeatures>, def: FakeResourceDef) {
    return { kind: def.kind ?? `Fake ${def.key}`, name: `${spec.name}-${def.key}` };
  }

  private fault(step: string, phase: FakeFault['phase'], poll = 1): void {
    const fault = this.faults.find((f) => f.step === step && f.phase === phase && (f.onPoll ?? 1) === poll);
    if (fault) throw fault.error ?? new ServiceError(`fake: ${phase} of step ${step} failed (injected).`);
  }

  private step(spec: DeploymentSpec<FakeFeatures>, def: FakeResourceDef, previous: string | undefined): PlanStep {
    const { cloud } = this;
    const { kind, name } = this.names(spec, def);
    const config = JSON.stringify(def.config ? def.config(spec) : spec) ?? 'null';
    const existing = cloud.get(kind, name);
    const polls = typeof this.polls === 'number' ? this.polls : (this.polls[def.key] ?? 0);
    const base = {
      id: def.key,
      ...(def.dependsOn ? { dependsOn: def.dependsOn } : {}),
      ...(def.hourlyCostUsd === undefined ? {} : { hourlyCostUsd: def.hourlyCostUsd }),
    };
    if (existing && existing.config === config && existing.status === 'InService') {
      const output: FakeOutput = { arn: existing.arn, name };
      return {
        ...base,
        resource: { kind, name, arn: existing.arn },
        action: 'none',
        reason: 'already as wanted',
        existingOutput: output,
      };
    }

    const deps = def.dependsOn ?? (previous ? [previous] : []);
    const previousConfig = existing?.config;
    let polled = 0;
    return {
      ...base,
      resource: existing ? { kind, name, arn: existing.arn } : { kind, name },
      action: existing ? 'update' : 'create',
      reason: existing ? `${kind} ${name} differs from the spec` : `${kind} ${name} does not exist`,
      apply: async (ctx: StepContext): Promise<FakeOutput> => {
        cloud.trace.push(`apply:${def.key}`);
        if (this.applyDelayMs > 0) await sleep(this.applyDelayMs, ctx.signal);
        this.fault(def.key, 'apply');
        const inputs = Object.fromEntries(deps.map((dep) => [dep, ctx.output(dep)]));
        const resource = existing ? cloud.update(kind, name, config) : cloud.create(kind, name, config, inputs);
        resource.inputs = inputs;
        cloud.trace.push(`applied:${def.key}`);
        return { arn: resource.arn, name };
      },
      wait: async () => {
        polled += 1;
        const resource = cloud.get(kind, name);
        if (!resource) throw new NotFoundError(`${kind} ${name} disappeared.`, { resource: { kind, name } });
        try {
          this.fault(def.key, 'wait', polled);
        } catch (error) {
          resource.status = 'Failed';
          throw error;
        }
        if (polled <= polls) return { done: false, status: resource.status };
        resource.status = 'InService';
        cloud.trace.push(`ready:${def.key}`);
        return { done: true, status: resource.status };
      },
      undo: async () => {
        cloud.trace.push(`undo:${def.key}`);
        this.fault(def.key, 'undo');
        if (previousConfig === undefined) {
          cloud.delete(kind, name);
        } else {
          cloud.update(kind, name, previousConfig).status = 'InService';
        }
      },
    };
  }
}

/** A spec for the fake target. */
export function fakeSpec(
  name = 'churn',
  overrides: Partial<DeploymentSpec<FakeFeatures>> = {},
): DeploymentSpec<FakeFeatures> {
  return {
    name,
    model: { kind: 's3', uri: `s3://models/${name}/model.tar.gz`, framework: 'sklearn' },
    tags: {},
    ...overrides,
  };
}

/** A target context for the fake target (it never touches AWS). */
export function fakeTargetContext(): TargetContext {
  return { aws: {} as AwsContext };
}

/** Plans `spec` on `target` the way the builder does. */
export async function planFor(target: FakeTarget, spec: DeploymentSpec<FakeFeatures> = fakeSpec()): Promise<Plan> {
  target.validate(spec);
  return { name: spec.name, target: target.kind, steps: await target.plan(spec) };
}
