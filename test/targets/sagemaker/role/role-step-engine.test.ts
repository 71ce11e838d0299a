/**
 * The role step run by the real engine: retries of IAM faults converge on one role, and a later failure removes
 * the role this run made.
 */
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../../../src/aws/context.js';
import { buildTags } from '../../../../src/aws/tags.js';
import { type ApplyOptions, applyPlan } from '../../../../src/deploy/apply.js';
import type { PlanStep } from '../../../../src/deploy/plan.js';
import { ConflictError, DeploymentFailedError, ServiceError } from '../../../../src/errors.js';
import { executionRolePolicies } from '../../../../src/targets/sagemaker/role/policy.js';
import { INLINE_POLICY_NAME, roleArnFor } from '../../../../src/targets/sagemaker/role/role-name.js';
import { type RoleOutput, roleStep } from '../../../../src/targets/sagemaker/role/role-step.js';
import { ACCOUNT, FakeIam, iamError } from './fake-iam.js';

const ROLE = 'modelship-churn';
const FAST: ApplyOptions = {
  poll: { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 },
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
};

function setup() {
  const iam = new FakeIam();
  const aws = new AwsContext({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 's' } });
  const step = roleStep(
    aws,
    {
      roleName: ROLE,
      roleArn: roleArnFor('aws', ACCOUNT, ROLE),
      policies: executionRolePolicies({
        partition: 'aws',
        region: 'eu-west-1',
        accountId: ACCOUNT,
        endpointName: 'churn',
        image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
        modelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
      }),
      tags: buildTags({}, { deployment: 'churn' }),
      deployment: 'churn',
      propagation: { settleMs: 0 },
    },
    undefined,
  );
  return { iam, step };
}

const internalFailure = () => iamError('ServiceFailureException', 'Internal failure.', 500);

function plan(...steps: PlanStep[]) {
  return { name: 'churn', target: 'sagemaker-realtime', steps };
}

describe('the role step in the engine', () => {
  it('adopts its own role when a CreateRole that went through lost its answer, and makes one role', async () => {
    const { iam, step } = setup();
    iam.fail('CreateRole', internalFailure, 1, true);
    const result = await applyPlan(plan(step), FAST);
    expect(result.outputs.get('role')).toEqual({
      roleName: ROLE,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/modelship/${ROLE}`,
    } satisfies RoleOutput);
    expect([...iam.roles.keys()]).toEqual([ROLE]);
    expect(iam.roles.get(ROLE)?.inline.has(INLINE_POLICY_NAME)).toBe(true);
  });

  it('retries a failed PutRolePolicy from a clean slate and ends with the role and its policy', async () => {
    const { iam, step } = setup();
    iam.fail('PutRolePolicy', internalFailure, 1);
    await applyPlan(plan(step), FAST);
    expect(iam.log).toEqual([
      'CreateRole modelship-churn',
      'DeleteRole modelship-churn',
      'CreateRole modelship-churn',
      `PutRolePolicy modelship-churn/${INLINE_POLICY_NAME}`,
    ]);
  });

  it('removes the role it made when a later step fails', async () => {
    const { iam, step } = setup();
    const model: PlanStep = {
      id: 'model',
      resource: { kind: 'SageMaker model', name: 'churn-1' },
      action: 'create',
      reason: 'test',
      dependsOn: ['role'],
      apply: async () => {
        throw new ServiceError('CreateModel failed for good.', { retryable: false });
      },
    };
    const error = await applyPlan(plan(step, model), FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect((error as DeploymentFailedError).report.cleanedUp).toEqual([{ kind: 'IAM role', name: ROLE }]);
    expect(iam.roles.size).toBe(0);
  });

  it('does not adopt a role of that name that another deployment made meanwhile', async () => {
    const { iam, step } = setup();
    iam.seed(ROLE, { 'modelship:deployment': 'fraud' });
    const error = await applyPlan(plan(step), FAST).catch((e: unknown) => e);
    expect((error as DeploymentFailedError).cause).toBeInstanceOf(ConflictError);
    expect(iam.roles.get(ROLE)?.inline.size).toBe(0);
  });
});
