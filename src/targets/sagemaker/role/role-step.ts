/**
 * The `role` step: the execution role modelship creates for a deployment (`createRole: true`), described before
 * it is created. A role that exists with the same inline policy is left alone, one whose policy differs gets the
 * new policy, and one this deployment did not make (its `modelship:deployment` tag says otherwise) is refused.
 *
 * IAM is eventually consistent: a role (or policy) just written may not be assumable by SageMaker for several
 * seconds, and CreateModel then fails with "Could not assume role". The step's `wait` covers that: it reports
 * done only once GetRole sees the role and a settling time has passed since the change. A wait here keeps the
 * knowledge in the one step that causes it; the model step needs no retry of its own.
 */
import { AwsContext } from '../../../aws/context.js';
import type { AwsTag } from '../../../aws/tags.js';
import { MODELSHIP_TAG_PREFIX } from '../../../aws/tags.js';
import type { PlanStep, StepContext, WaitStatus } from '../../../deploy/plan.js';
import { ConflictError, ServiceError } from '../../../errors.js';
import { RoleApi } from './iam-api.js';
import type { ExecutionRolePolicies } from './policy.js';
import { policyJson, samePolicy, storedPolicyText } from './policy-document.js';
import { INLINE_POLICY_NAME, ROLE_PATH } from './role-name.js';

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/** IAM as the role steps take it: the API, or the context to make one from. */
export type RoleApiSource = RoleApi | AwsContext;

/** The role as it exists, read at plan time by {@link describeRole}. */
export interface ExistingRole {
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Its inline policy {@link INLINE_POLICY_NAME} as IAM returned it (URL-encoded JSON); absent when it has none. */
  readonly permissions?: string;
}

/** How long the `role` step waits for IAM to settle after a change. */
export interface PropagationOptions {
  /**
   * The least time between the change and the step reporting done, in milliseconds.
   * @default 10_000
   */
  readonly settleMs?: number;
  /**
   * The most time to wait for GetRole to see a role just created before failing the step, in milliseconds.
   * @default 120_000
   */
  readonly maxWaitMs?: number;
  /** The clock, in milliseconds; tests pass their own. @default Date.now */
  readonly now?: () => number;
}

/** What the `role` step makes. */
export interface RoleStepSpec {
  readonly roleName: string;
  /** The ARN the role has (or will have) under `/modelship/`, for the plan. */
  readonly roleArn: string;
  readonly policies: ExecutionRolePolicies;
  /** The role's tags; they must include `modelship:deployment=<deployment>`. */
  readonly tags: readonly AwsTag[];
  /** The deployment's name, as in its `modelship:deployment` tag. */
  readonly deployment: string;
  readonly propagation?: PropagationOptions;
}

/** The output of the `role` step. */
export interface RoleOutput {
  readonly roleName: string;
  readonly roleArn: string;
}

/** Turns the steps' IAM argument into the API. */
export function roleApiOf(iam: RoleApiSource): RoleApi {
  return iam instanceof AwsContext ? new RoleApi(iam) : iam;
}

/**
 * The role named `roleName` with its tags and inline policy, or `undefined` when there is none. Read-only: call it
 * at plan time and pass the answer to {@link roleStep} or {@link deleteRoleStep}.
 */
export async function describeRole(
  iam: RoleApiSource,
  roleName: string,
  signal?: AbortSignal,
): Promise<ExistingRole | undefined> {
  const api = roleApiOf(iam);
  const role = await api.getRole(roleName, signal);
  if (role === undefined) return undefined;
  const tags = Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const permissions = await api.getRolePolicy(roleName, INLINE_POLICY_NAME, signal);
  return { arn: role.Arn ?? '', tags, ...(permissions === undefined ? {} : { permissions }) };
}

/** True when the role carries the `modelship:deployment` tag of `deployment`. */
export function ownsRole(existing: ExistingRole, deployment: string): boolean {
  return existing.tags[DEPLOYMENT_TAG] === deployment;
}

/**
 * The `role` step: `create` (CreateRole, then PutRolePolicy), `update` (PutRolePolicy) or `none`, given what
 * {@link describeRole} found. Its output is a {@link RoleOutput}.
 * @throws {@link ConflictError} when the role exists but was not made by this deployment.
 * @throws {@link InvalidArgumentError} when a policy is over IAM's size quota.
 */
export function roleStep(iam: RoleApiSource, spec: RoleStepSpec, existing: ExistingRole | undefined): PlanStep {
  const api = roleApiOf(iam);
  const { roleName } = spec;
  const trust = policyJson(spec.policies.trust, 'trust');
  const permissions = policyJson(spec.policies.permissions, 'inline');
  const resource = { kind: 'IAM role', name: roleName, arn: existing?.arn ?? spec.roleArn };
  const settle = new Settling(api, roleName, spec.propagation);

  if (existing === undefined) {
    return {
      id: 'role',
      resource,
      action: 'create',
      reason: `IAM role ${roleName} does not exist; SageMaker assumes it to serve the model, with only the access this model needs`,
      async apply(ctx): Promise<RoleOutput> {
        const roleArn = await createOrAdopt(api, spec, trust, ctx.signal);
        try {
          await api.putRolePolicy(roleName, INLINE_POLICY_NAME, permissions, ctx.signal);
        } catch (error) {
          // apply must leave nothing behind when it throws: the engine does not undo a step whose apply failed.
          await removeRole(api, roleName).catch(() => undefined);
          throw error;
        }
        settle.changed();
        return { roleName, roleArn: roleArn || spec.roleArn };
      },
      wait: (ctx) => settle.poll(ctx),
      undo: (ctx) => removeRole(api, roleName, ctx.signal),
    };
  }

  if (!ownsRole(existing, spec.deployment)) {
    throw new ConflictError(
      `IAM role ${roleName} exists but was not made by the modelship deployment "${spec.deployment}" (its ` +
        `${DEPLOYMENT_TAG} tag says ${JSON.stringify(existing.tags[DEPLOYMENT_TAG] ?? 'nothing')}), so modelship ` +
        'leaves it alone. Pass role with its ARN to use it as it is, or delete it and deploy again.',
    );
  }
  const output: RoleOutput = { roleName, roleArn: existing.arn || spec.roleArn };
  if (existing.permissions !== undefined && samePolicy(existing.permissions, permissions)) {
    return {
      id: 'role',
      resource,
      action: 'none',
      reason: `IAM role ${roleName} already exists with this policy`,
      existingOutput: output,
    };
  }
  const previous = existing.permissions === undefined ? undefined : storedPolicyText(existing.permissions);
  return {
    id: 'role',
    resource,
    action: 'update',
    reason: `the policy ${INLINE_POLICY_NAME} of IAM role ${roleName} ${previous === undefined ? 'is missing' : 'differs from what this model needs'}; replaces it`,
    async apply(ctx): Promise<RoleOutput> {
      await api.putRolePolicy(roleName, INLINE_POLICY_NAME, permissions, ctx.signal);
      settle.changed();
      return output;
    },
    wait: (ctx) => settle.poll(ctx),
    async undo(ctx) {
      // Puts back the policy the role had before this run (or none, when it had none).
      if (previous === undefined) await api.deleteRolePolicy(roleName, INLINE_POLICY_NAME, ctx.signal);
      else await api.putRolePolicy(roleName, INLINE_POLICY_NAME, previous, ctx.signal);
    },
  };
}

/**
 * CreateRole, where "already exists" counts as done when the role is this deployment's: a retried `apply` whose
 * first CreateRole went through but whose answer was lost (a 5xx, a dropped connection) finds its own role.
 */
async function createOrAdopt(api: RoleApi, spec: RoleStepSpec, trust: string, signal: AbortSignal): Promise<string> {
  try {
    return await api.createRole(
      {
        roleName: spec.roleName,
        path: ROLE_PATH,
        trustPolicy: trust,
        description: `Execution role of the modelship deployment ${spec.deployment}`,
        tags: spec.tags,
      },
      signal,
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const found = await describeRole(api, spec.roleName, signal);
    if (found === undefined || !ownsRole(found, spec.deployment)) throw error;
    return found.arn;
  }
}

/** Deletes the inline policy, then the role; what is already gone is skipped. */
export async function removeRole(api: RoleApi, roleName: string, signal?: AbortSignal): Promise<void> {
  for (const name of await api.listRolePolicies(roleName, signal)) {
    await api.deleteRolePolicy(roleName, name, signal);
  }
  await api.deleteRole(roleName, signal);
}

/** The bounded wait after a role or policy change, until IAM has had time to settle. */
class Settling {
  readonly #settleMs: number;
  readonly #maxWaitMs: number;
  readonly #now: () => number;
  #changedAt = 0;

  constructor(
    readonly api: RoleApi,
    readonly roleName: string,
    options: PropagationOptions = {},
  ) {
    this.#settleMs = options.settleMs ?? 10_000;
    this.#maxWaitMs = options.maxWaitMs ?? 120_000;
    this.#now = options.now ?? Date.now;
  }

  changed(): void {
    this.#changedAt = this.#now();
  }

  async poll(ctx: StepContext): Promise<WaitStatus> {
    const elapsed = this.#now() - this.#changedAt;
    if ((await this.api.getRole(this.roleName, ctx.signal)) === undefined) {
      if (elapsed < this.#maxWaitMs) return { done: false, status: 'propagating' };
      throw new ServiceError(
        `IAM role ${this.roleName} was created but IAM still does not know it after ${Math.round(elapsed / 1000)} s. ` +
          'Deploy again in a few minutes.',
        // Polling on cannot help any more: the bound is the point of this error.
        { retryable: false },
      );
    }
    if (elapsed < this.#settleMs) return { done: false, status: 'propagating' };
    return { done: true, status: 'ready' };
  }
}
