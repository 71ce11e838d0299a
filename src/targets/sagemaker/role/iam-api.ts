/**
 * The IAM calls the execution role needs, each mapped to modelship errors that name the role. Reads of something
 * that may not exist answer `undefined` for "absent"; deletes of something already gone succeed, so a second
 * teardown is safe. Every other failure throws.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { callAws, findAws } from '../../../aws/call.js';
import type { AwsContext } from '../../../aws/context.js';
import type { AwsTag } from '../../../aws/tags.js';

/** What {@link RoleApi.createRole} makes. */
export interface NewRole {
  readonly roleName: string;
  readonly path: string;
  /** The trust policy, as JSON. */
  readonly trustPolicy: string;
  readonly description: string;
  readonly tags: readonly AwsTag[];
}

function context(operation: string, roleName: string, policyName?: string) {
  const resource =
    policyName === undefined
      ? { kind: 'IAM role', name: roleName }
      : { kind: 'IAM role policy', name: `${roleName}/${policyName}` };
  return { service: 'IAM', operation, resource };
}

/** IAM, as the execution role uses it. It shares the context's client. */
export class RoleApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  get #client(): IAMClient {
    return this.#aws.client(IAMClient);
  }

  /** The role with its tags, or `undefined` when there is none of that name. */
  async getRole(roleName: string, signal?: AbortSignal): Promise<Role | undefined> {
    const out = await findAws(context('GetRole', roleName), () =>
      this.#client.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal: signal }),
    );
    return out?.Role;
  }

  /**
   * An inline policy's document as IAM stores it (URL-encoded JSON), or `undefined` when the role has no inline
   * policy of that name.
   */
  async getRolePolicy(roleName: string, policyName: string, signal?: AbortSignal): Promise<string | undefined> {
    const out = await findAws(context('GetRolePolicy', roleName, policyName), () =>
      this.#client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }), {
        abortSignal: signal,
      }),
    );
    return out?.PolicyDocument;
  }

  /** The names of every inline policy of the role (all pages); `[]` when the role is gone. */
  async listRolePolicies(roleName: string, signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await findAws(context('ListRolePolicies', roleName), () =>
        this.#client.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }), { abortSignal: signal }),
      );
      if (page === undefined) return names;
      names.push(...(page.PolicyNames ?? []));
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker !== undefined);
    return names;
  }

  /**
   * Creates the role. Its maximum session duration is left at IAM's default (one hour): SageMaker refreshes the
   * credentials it gets from the role by itself.
   * @returns the role's ARN.
   */
  async createRole(role: NewRole, signal?: AbortSignal): Promise<string> {
    const out = await callAws(context('CreateRole', role.roleName), () =>
      this.#client.send(
        new CreateRoleCommand({
          RoleName: role.roleName,
          Path: role.path,
          AssumeRolePolicyDocument: role.trustPolicy,
          Description: role.description,
          Tags: role.tags.map(({ Key, Value }) => ({ Key, Value })),
        }),
        { abortSignal: signal },
      ),
    );
    return out.Role?.Arn ?? '';
  }

  /** Creates or replaces an inline policy of the role. */
  async putRolePolicy(roleName: string, policyName: string, document: string, signal?: AbortSignal): Promise<void> {
    await callAws(context('PutRolePolicy', roleName, policyName), () =>
      this.#client.send(
        new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document }),
        { abortSignal: signal },
      ),
    );
  }

  /** Deletes an inline policy; one already gone (or whose role is gone) is not an error. */
  async deleteRolePolicy(roleName: string, policyName: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteRolePolicy', roleName, policyName), () =>
      this.#client.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }), {
        abortSignal: signal,
      }),
    );
  }

  /**
   * Deletes the role; one already gone is not an error.
   * @throws `ConflictError` when the role still has policies attached (IAM's `DeleteConflict`).
   */
  async deleteRole(roleName: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteRole', roleName), () =>
      this.#client.send(new DeleteRoleCommand({ RoleName: roleName }), { abortSignal: signal }),
    );
  }
}
