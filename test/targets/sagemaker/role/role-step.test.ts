import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../../../src/aws/context.js';
import { buildTags } from '../../../../src/aws/tags.js';
import type { PlanStep, StepContext } from '../../../../src/deploy/plan.js';
import { AccessDeniedError, ConflictError, ServiceError } from '../../../../src/errors.js';
import { deleteRoleStep } from '../../../../src/targets/sagemaker/role/delete-role-step.js';
import { type ExecutionRoleInput, executionRolePolicies } from '../../../../src/targets/sagemaker/role/policy.js';
import { INLINE_POLICY_NAME, roleArnFor } from '../../../../src/targets/sagemaker/role/role-name.js';
import {
  describeRole,
  type RoleOutput,
  type RoleStepSpec,
  roleStep,
} from '../../../../src/targets/sagemaker/role/role-step.js';
import { ACCOUNT, FakeIam, iamError } from './fake-iam.js';

const ROLE = 'modelship-churn';
const INPUT: ExecutionRoleInput = {
  partition: 'aws',
  region: 'eu-west-1',
  accountId: ACCOUNT,
  endpointName: 'churn',
  image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
  modelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
};

function setup() {
  const iam = new FakeIam();
  const aws = new AwsContext({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 's' } });
  const clock = { now: 0 };
  const spec = (input: ExecutionRoleInput = INPUT, deployment = 'churn'): RoleStepSpec => ({
    roleName: ROLE,
    roleArn: roleArnFor('aws', ACCOUNT, ROLE),
    policies: executionRolePolicies(input),
    tags: buildTags({ team: 'ml' }, { deployment, target: 'sagemaker-realtime' }),
    deployment,
    propagation: { settleMs: 10_000, now: () => clock.now },
  });
  return { iam, aws, clock, spec };
}

const ctx: StepContext = {
  signal: new AbortController().signal,
  output: () => {
    throw new Error('no outputs in these tests');
  },
};

async function run(step: PlanStep): Promise<unknown> {
  if (step.apply === undefined) throw new Error(`step ${step.id} has no apply`);
  return step.apply(ctx);
}

function inlinePolicy(iam: FakeIam): unknown {
  const text = iam.roles.get(ROLE)?.inline.get(INLINE_POLICY_NAME);
  return text === undefined ? undefined : JSON.parse(text);
}

describe('roleStep: create', () => {
  it('creates the role under /modelship/ with its trust policy, tags and inline policy', async () => {
    const { iam, aws, spec } = setup();
    const step = roleStep(aws, spec(), await describeRole(aws, ROLE));
    expect(step).toMatchObject({ id: 'role', action: 'create', resource: { kind: 'IAM role', name: ROLE } });
    const output = (await run(step)) as RoleOutput;

    expect(output).toEqual({ roleName: ROLE, roleArn: `arn:aws:iam::${ACCOUNT}:role/modelship/${ROLE}` });
    expect(iam.log).toEqual(['CreateRole modelship-churn', `PutRolePolicy modelship-churn/${INLINE_POLICY_NAME}`]);
    const role = iam.roles.get(ROLE);
    expect(role?.path).toBe('/modelship/');
    expect(JSON.parse(role?.trust ?? '')).toEqual(spec().policies.trust);
    expect(role?.tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'ml' },
        { Key: 'modelship:deployment', Value: 'churn' },
      ]),
    );
    expect(inlinePolicy(iam)).toEqual(spec().policies.permissions);
    const create = iam.stub.commandCalls(CreateRoleCommand)[0]?.args[0].input;
    expect(create?.Description).toBe('Execution role of the modelship deployment churn');
    expect(create?.MaxSessionDuration).toBeUndefined();
  });

  it('waits until GetRole sees the role and the settling time has passed', async () => {
    const { iam, aws, clock, spec } = setup();
    const step = roleStep(aws, spec(), undefined);
    await run(step);
    iam.invisibleReads = 1;
    expect(await step.wait?.(ctx)).toEqual({ done: false, status: 'propagating' });
    expect(await step.wait?.(ctx)).toEqual({ done: false, status: 'propagating' });
    clock.now = 10_000;
    expect(await step.wait?.(ctx)).toEqual({ done: true, status: 'ready' });
  });

  it('fails the wait, bounded, when IAM never shows the role', async () => {
    const { iam, aws, clock, spec } = setup();
    const step = roleStep(aws, spec(), undefined);
    await run(step);
    iam.invisibleReads = 100;
    clock.now = 120_000;
    const error = await step.wait?.(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    // Not retryable: the engine would otherwise keep polling past the bound.
    expect((error as ServiceError).retryable).toBe(false);
  });

  it('undo deletes the inline policy, then the role', async () => {
    const { iam, aws, spec } = setup();
    const step = roleStep(aws, spec(), undefined);
    await run(step);
    await step.undo?.(ctx);
    expect(iam.log.slice(2)).toEqual([
      `DeleteRolePolicy modelship-churn/${INLINE_POLICY_NAME}`,
      'DeleteRole modelship-churn',
    ]);
    expect(iam.roles.size).toBe(0);
  });

  it('leaves no role behind when PutRolePolicy is refused, and throws the typed error', async () => {
    const { iam, aws, spec } = setup();
    iam.fail('PutRolePolicy', () =>
      iamError(
        'AccessDenied',
        `User: x is not authorized to perform: iam:PutRolePolicy on resource: role ${ROLE}`,
        403,
      ),
    );
    const step = roleStep(aws, spec(), undefined);
    await expect(run(step)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(iam.roles.size).toBe(0);
    expect(iam.log).toEqual(['CreateRole modelship-churn', 'DeleteRole modelship-churn']);
  });
});

describe('roleStep: an existing role', () => {
  it('is left alone when its policy is the same: a second deploy changes nothing', async () => {
    const { iam, aws, spec } = setup();
    await run(roleStep(aws, spec(), undefined));
    const before = iam.log.length;

    const step = roleStep(aws, spec(), await describeRole(aws, ROLE));
    expect(step.action).toBe('none');
    expect(step.apply).toBeUndefined();
    expect(step.existingOutput).toEqual({ roleName: ROLE, roleArn: `arn:aws:iam::${ACCOUNT}:role/modelship/${ROLE}` });
    expect(iam.log.length).toBe(before);
  });

  it('gets the new policy when it differs, and undo puts the old one back', async () => {
    const { iam, aws, spec } = setup();
    await run(roleStep(aws, spec(), undefined));
    const withKey = spec({ ...INPUT, kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' });

    const step = roleStep(aws, withKey, await describeRole(aws, ROLE));
    expect(step.action).toBe('update');
    expect(step.reason).toContain('differs');
    await run(step);
    expect(inlinePolicy(iam)).toEqual(withKey.policies.permissions);
    expect(await step.wait?.(ctx)).toEqual({ done: false, status: 'propagating' });

    await step.undo?.(ctx);
    expect(inlinePolicy(iam)).toEqual(spec().policies.permissions);
    expect(iam.roles.has(ROLE)).toBe(true);
  });

  it('gets its missing inline policy, and undo removes it again', async () => {
    const { iam, aws, spec } = setup();
    iam.seed(ROLE, { 'modelship:deployment': 'churn' });
    const step = roleStep(aws, spec(), await describeRole(aws, ROLE));
    expect(step.action).toBe('update');
    expect(step.reason).toContain('missing');
    await run(step);
    expect(inlinePolicy(iam)).toEqual(spec().policies.permissions);
    await step.undo?.(ctx);
    expect(inlinePolicy(iam)).toBeUndefined();
  });

  it.each([
    ['another deployment', { 'modelship:deployment': 'fraud' }],
    ['no modelship tag', { team: 'ml' }],
  ])('is refused with ConflictError when it has %s', async (_what, tags) => {
    const { iam, aws, spec } = setup();
    iam.seed(ROLE, tags, { [INLINE_POLICY_NAME]: JSON.stringify(spec().policies.permissions) });
    const existing = await describeRole(aws, ROLE);
    expect(() => roleStep(aws, spec(), existing)).toThrow(ConflictError);
    expect(iam.log).toEqual([]);
  });
});

describe('deleteRoleStep', () => {
  it('removes every inline policy, then the role, and is safe to run twice', async () => {
    const { iam, aws, spec } = setup();
    await run(roleStep(aws, spec(), undefined));
    iam.roles.get(ROLE)?.inline.set('added-later', '{"Version":"2012-10-17","Statement":[]}');

    const first = deleteRoleStep(aws, { roleName: ROLE, deployment: 'churn' }, await describeRole(aws, ROLE));
    expect(first).toMatchObject({ id: 'delete-role', action: 'delete' });
    await run(first);
    expect(iam.roles.size).toBe(0);
    expect(iam.log.slice(2)).toEqual([
      `DeleteRolePolicy modelship-churn/${INLINE_POLICY_NAME}`,
      'DeleteRolePolicy modelship-churn/added-later',
      'DeleteRole modelship-churn',
    ]);

    // The same step again (a retry of a teardown that got this far) and a new plan both find nothing to do.
    await run(first);
    const second = deleteRoleStep(aws, { roleName: ROLE, deployment: 'churn' }, await describeRole(aws, ROLE));
    expect(second.action).toBe('none');
    expect(iam.log).toHaveLength(5);
  });

  it("leaves a role that is not this deployment's where it is", async () => {
    const { iam, aws } = setup();
    iam.seed(ROLE, { 'modelship:deployment': 'fraud' });
    const step = deleteRoleStep(aws, { roleName: ROLE, deployment: 'churn' }, await describeRole(aws, ROLE));
    expect(step.action).toBe('none');
    expect(step.reason).toContain('not made by deployment churn');
    expect(iam.roles.has(ROLE)).toBe(true);
  });

  it('does not detach a managed policy someone attached: IAM refuses and the error is a ConflictError', async () => {
    const { iam, aws } = setup();
    iam.seed(ROLE, { 'modelship:deployment': 'churn' });
    const role = iam.roles.get(ROLE);
    if (role) role.attachedManaged = true;
    const step = deleteRoleStep(aws, { roleName: ROLE, deployment: 'churn' }, await describeRole(aws, ROLE));
    await expect(run(step)).rejects.toBeInstanceOf(ConflictError);
    expect(iam.roles.has(ROLE)).toBe(true);
  });
});
