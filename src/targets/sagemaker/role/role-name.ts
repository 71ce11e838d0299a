/**
 * Where the execution role modelship creates lives in IAM: its path, its name (derived from the endpoint, so a
 * second deploy finds the role the first one made) and its one inline policy.
 */
import { type AwsPartition, buildArn } from '../../../aws/arn.js';
import { contentHash } from '../names.js';

/** The IAM path of every role modelship creates, so they list together (`aws iam list-roles --path-prefix`). */
export const ROLE_PATH = '/modelship/';

/** The name of the one inline policy modelship puts on a role it creates. */
export const INLINE_POLICY_NAME = 'modelship-model-access';

/** The longest IAM role name (`roleNameType` in the IAM API model). */
const MAX_ROLE_NAME_LENGTH = 64;
const PREFIX = 'modelship-';
const HASH_LENGTH = 8;
// What IAM allows in a role name (`roleNameType`: `[\w+=,.@-]+`), negated.
const NOT_ALLOWED = /[^\w+=,.@-]/g;

/**
 * The name of the execution role modelship creates for an endpoint: `modelship-<endpoint>`. A name that would be
 * longer than IAM's 64 characters keeps its start and ends with 8 hex digits of the endpoint name's hash, so two
 * long endpoint names that share a start still get different roles.
 * @example
 * ```ts
 * roleNameFor('churn'); // 'modelship-churn'
 * ```
 */
export function roleNameFor(endpointName: string): string {
  const name = `${PREFIX}${endpointName.replace(NOT_ALLOWED, '-')}`;
  if (name.length <= MAX_ROLE_NAME_LENGTH) return name;
  const hash = contentHash(endpointName, HASH_LENGTH);
  return `${name.slice(0, MAX_ROLE_NAME_LENGTH - HASH_LENGTH - 1)}-${hash}`;
}

/**
 * The ARN a role gets under {@link ROLE_PATH}: `arn:<partition>:iam::<account>:role/modelship/<name>`. Known
 * before the role exists, so a plan can show it.
 */
export function roleArnFor(partition: AwsPartition, accountId: string, roleName: string): string {
  return buildArn({ partition, service: 'iam', accountId, resource: `role${ROLE_PATH}${roleName}` });
}
