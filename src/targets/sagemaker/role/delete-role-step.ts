/**
 * Teardown of the execution role modelship created: its inline policies, then the role, only when its
 * `modelship:deployment` tag names this deployment. Found by name, so it works from a new process, and safe to
 * run twice: a role already gone is a step with nothing to do.
 */
import type { PlanStep } from '../../../deploy/plan.js';
import { type ExistingRole, ownsRole, type RoleApiSource, removeRole, roleApiOf } from './role-step.js';

/** Which role {@link deleteRoleStep} removes. */
export interface DeleteRoleSpec {
  readonly roleName: string;
  /** The deployment's name, as in the role's `modelship:deployment` tag. */
  readonly deployment: string;
  /** The steps that must finish first (the endpoint's and models' deletion: SageMaker uses the role until then). */
  readonly dependsOn?: readonly string[];
}

/**
 * The `delete-role` step, given what `describeRole` found: `none` when the role is gone or is not this
 * deployment's (it is left where it is), else `delete`. Only inline policies are removed; a managed policy someone
 * attached makes IAM refuse the deletion (a `ConflictError`) rather than being detached.
 */
export function deleteRoleStep(iam: RoleApiSource, spec: DeleteRoleSpec, existing: ExistingRole | undefined): PlanStep {
  const { roleName, deployment } = spec;
  const base = {
    id: 'delete-role',
    resource: { kind: 'IAM role', name: roleName, ...(existing === undefined ? {} : { arn: existing.arn }) },
    ...(spec.dependsOn === undefined ? {} : { dependsOn: spec.dependsOn }),
  };
  if (existing === undefined) {
    return { ...base, action: 'none', reason: `IAM role ${roleName} does not exist` };
  }
  if (!ownsRole(existing, deployment)) {
    return {
      ...base,
      action: 'none',
      reason: `IAM role ${roleName} was not made by deployment ${deployment}; left as it is`,
    };
  }
  const api = roleApiOf(iam);
  return {
    ...base,
    action: 'delete',
    reason: `removes IAM role ${roleName} and its inline policies`,
    apply: (ctx) => removeRole(api, roleName, ctx.signal),
  };
}
