/**
 * An in-memory IAM behind `mockAwsClient(IAMClient)`: roles with paths, tags and inline policies, documents handed
 * back URL-encoded as IAM does, IAM's errors (NoSuchEntity, EntityAlreadyExists, DeleteConflict) and injected
 * faults. Every request still goes through the contract check against `../shared/aws-models/iam.json`.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  IAMServiceException,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { mockAwsClient } from '../../../support/aws-contract.js';

export const ACCOUNT = '123456789012';

interface FakeRole {
  readonly arn: string;
  readonly path: string;
  readonly trust: string;
  readonly tags: Tag[];
  readonly inline: Map<string, string>;
  /** A managed policy someone attached by hand: IAM then refuses DeleteRole. */
  attachedManaged: boolean;
}

/** An AWS-shaped IAM error. */
export function iamError(name: string, message: string, status = 400): IAMServiceException {
  return new IAMServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake-iam' },
    message,
  });
}

const noSuchRole = (name: string) =>
  iamError('NoSuchEntityException', `The role with name ${name} cannot be found.`, 404);

export class FakeIam {
  readonly roles = new Map<string, FakeRole>();
  /** Every mutating call, in order: `CreateRole modelship-churn`. */
  readonly log: string[] = [];
  /** GetRole answers NoSuchEntity this many more times for a role that exists (IAM not yet consistent). */
  invisibleReads = 0;
  readonly #faults: { operation: string; error: () => Error; times: number; afterApplying: boolean }[] = [];
  readonly stub = mockAwsClient(IAMClient);

  constructor(readonly partition = 'aws') {
    const s = this.stub;
    s.on(GetRoleCommand).callsFake((input) =>
      this.#run('GetRole', () => {
        const role = this.#role(input.RoleName);
        if (this.invisibleReads > 0) {
          this.invisibleReads -= 1;
          throw noSuchRole(input.RoleName);
        }
        return {
          Role: {
            Path: role.path,
            RoleName: input.RoleName,
            RoleId: 'AROAFAKEROLEID0000000',
            Arn: role.arn,
            CreateDate: new Date(0),
            AssumeRolePolicyDocument: encodeURIComponent(role.trust),
            Tags: role.tags,
          },
        };
      }),
    );
    s.on(GetRolePolicyCommand).callsFake((input) =>
      this.#run('GetRolePolicy', () => {
        const document = this.#role(input.RoleName).inline.get(input.PolicyName);
        if (document === undefined) {
          throw iamError(
            'NoSuchEntityException',
            `The role policy with name ${input.PolicyName} cannot be found.`,
            404,
          );
        }
        return {
          RoleName: input.RoleName,
          PolicyName: input.PolicyName,
          PolicyDocument: encodeURIComponent(document),
        };
      }),
    );
    s.on(ListRolePoliciesCommand).callsFake((input) =>
      this.#run('ListRolePolicies', () => {
        // One name a page, so pagination is exercised.
        const names = [...this.#role(input.RoleName).inline.keys()];
        const start = input.Marker === undefined ? 0 : Number(input.Marker);
        const more = start + 1 < names.length;
        return {
          PolicyNames: names.slice(start, start + 1),
          IsTruncated: more,
          ...(more ? { Marker: String(start + 1) } : {}),
        };
      }),
    );
    s.on(CreateRoleCommand).callsFake((input) =>
      this.#mutate('CreateRole', input.RoleName, () => {
        if (this.roles.has(input.RoleName)) {
          throw iamError('EntityAlreadyExistsException', `Role with name ${input.RoleName} already exists.`, 409);
        }
        const path = input.Path ?? '/';
        const arn = `arn:${this.partition}:iam::${ACCOUNT}:role${path}${input.RoleName}`;
        this.roles.set(input.RoleName, {
          arn,
          path,
          trust: input.AssumeRolePolicyDocument,
          tags: input.Tags ?? [],
          inline: new Map(),
          attachedManaged: false,
        });
        return {
          Role: {
            Path: path,
            RoleName: input.RoleName,
            RoleId: 'AROAFAKEROLEID0000000',
            Arn: arn,
            CreateDate: new Date(0),
          },
        };
      }),
    );
    s.on(PutRolePolicyCommand).callsFake((input) =>
      this.#mutate('PutRolePolicy', `${input.RoleName}/${input.PolicyName}`, () => {
        JSON.parse(input.PolicyDocument); // IAM's MalformedPolicyDocument, as a test failure
        this.#role(input.RoleName).inline.set(input.PolicyName, input.PolicyDocument);
        return {};
      }),
    );
    s.on(DeleteRolePolicyCommand).callsFake((input) =>
      this.#mutate('DeleteRolePolicy', `${input.RoleName}/${input.PolicyName}`, () => {
        if (!this.#role(input.RoleName).inline.delete(input.PolicyName)) {
          throw iamError(
            'NoSuchEntityException',
            `The role policy with name ${input.PolicyName} cannot be found.`,
            404,
          );
        }
        return {};
      }),
    );
    s.on(DeleteRoleCommand).callsFake((input) =>
      this.#mutate('DeleteRole', input.RoleName, () => {
        const role = this.#role(input.RoleName);
        if (role.inline.size > 0 || role.attachedManaged) {
          throw iamError('DeleteConflictException', 'Cannot delete entity, must delete policies first.', 409);
        }
        this.roles.delete(input.RoleName);
        return {};
      }),
    );
  }

  /** Adds a role made outside modelship (or by an earlier run), with these tags and inline policies. */
  seed(name: string, tags: Record<string, string>, inline: Record<string, string> = {}, path = '/modelship/'): void {
    this.roles.set(name, {
      arn: `arn:${this.partition}:iam::${ACCOUNT}:role${path}${name}`,
      path,
      trust: '{}',
      tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      inline: new Map(Object.entries(inline)),
      attachedManaged: false,
    });
  }

  /**
   * The next `times` calls of `operation` throw what `error` makes; with `afterApplying`, each is carried out
   * first (AWS did it, the answer was lost).
   */
  fail(operation: string, error: () => Error, times = 1, afterApplying = false): void {
    this.#faults.push({ operation, error, times, afterApplying });
  }

  #role(name: string): FakeRole {
    const role = this.roles.get(name);
    if (role === undefined) throw noSuchRole(name);
    return role;
  }

  #run<T>(operation: string, run: () => T): T {
    const fault = this.#faults.find((f) => f.operation === operation && f.times > 0);
    if (fault === undefined) return run();
    fault.times -= 1;
    if (fault.afterApplying) run();
    throw fault.error();
  }

  #mutate<T>(operation: string, name: string, run: () => T): T {
    return this.#run(operation, () => {
      const result = run();
      this.log.push(`${operation} ${name}`);
      return result;
    });
  }
}
