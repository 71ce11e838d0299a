/**
 * The function's execution role: the ARN the user gave, or (`createRole: true`) one modelship makes with the IAM
 * building blocks of the SageMaker target (role step, policy documents, ownership by tag), with Lambda as the
 * principal and only the logs of this one function as permissions.
 *
 * Not in the policy, on purpose: read access to an S3-uploaded package (Lambda copies the code during
 * CreateFunction/UpdateFunctionCode with the deployer's credentials; the running function never reads it), and KMS
 * for the environment (Lambda decrypts it through a grant made with the deployer's permissions).
 */
import { type AwsPartition, buildArn, partitionOf } from '../../aws/arn.js';
import type { AwsContext } from '../../aws/context.js';
import type { AwsTag } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import type { ExecutionRolePolicies } from '../sagemaker/role/policy.js';
import { roleArnFor } from '../sagemaker/role/role-name.js';
import { describeRole, roleStep } from '../sagemaker/role/role-step.js';
import type { LambdaSettings } from './check-options.js';
import { functionLogGroup, lambdaRoleName } from './names.js';

/** Where the function runs, for the ARNs of the policy. */
export interface FunctionPlace {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly accountId: string;
  readonly functionName: string;
}

/**
 * The trust and permissions policies of a Lambda execution role that may write the function's own logs only.
 * @example
 * ```ts
 * lambdaRolePolicies({ partition: 'aws', region: 'eu-west-1', accountId: '123456789012', functionName: 'churn' });
 * ```
 */
export function lambdaRolePolicies(place: FunctionPlace): ExecutionRolePolicies {
  const logGroup = buildArn({
    partition: place.partition,
    service: 'logs',
    region: place.region,
    accountId: place.accountId,
    resource: `log-group:${functionLogGroup(place.functionName)}`,
  });
  return {
    // No aws:SourceAccount/SourceArn condition: Lambda does not set them when it assumes an execution role, so
    // such a condition would make the role unusable. Only the Lambda service principal may assume it.
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'LambdaAssumesRole',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    permissions: {
      Version: '2012-10-17',
      Statement: [
        // Lambda creates the group on the first invocation when it is missing.
        { Sid: 'CreateOwnLogGroup', Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: `${logGroup}:*` },
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroup}:log-stream:*`,
        },
      ],
    },
  };
}

/** The role the function runs with, and the step that makes it when modelship does. */
export interface PlannedLambdaRole {
  readonly roleArn: string;
  readonly steps: PlanStep[];
}

/** The role for `settings`: the given ARN, or the `role` step of the one modelship makes (described first). */
export async function planLambdaRole(
  aws: AwsContext,
  settings: LambdaSettings,
  where: {
    readonly functionName: string;
    readonly region: string;
    readonly deployment: string;
    /** How long the step waits for IAM after a change. @default the role step's */
    readonly settleMs?: number | undefined;
  },
  tags: readonly AwsTag[],
): Promise<PlannedLambdaRole> {
  if ('arn' in settings.role) return { roleArn: settings.role.arn, steps: [] };
  const { functionName, region, deployment } = where;
  const partition = partitionOf(region);
  const accountId = await aws.accountId();
  const roleName = lambdaRoleName(functionName);
  const roleArn = roleArnFor(partition, accountId, roleName);
  const policies = lambdaRolePolicies({ partition, region, accountId, functionName });
  const existing = await describeRole(aws, roleName);
  const propagation = where.settleMs === undefined ? {} : { propagation: { settleMs: where.settleMs } };
  const step = roleStep(aws, { roleName, roleArn, policies, tags, deployment, ...propagation }, existing);
  // The shared step's reason speaks of SageMaker; this role is Lambda's.
  const reason =
    step.action === 'create'
      ? `IAM role ${roleName} does not exist; Lambda assumes it to run ${functionName}, with access to its own logs only`
      : step.reason;
  return { roleArn, steps: [{ ...step, reason }] };
}
