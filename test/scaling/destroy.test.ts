/**
 * `destroyScaling`: removes every scalable target of an endpoint (renamed variants' included), modelship's
 * policies and actions first; is one `none` step the second time; and puts things back if the destroy fails.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { destroyScaling } from '../../src/scaling/destroy.js';
import { FakeAutoScaling } from './support/fake-auto-scaling.js';
import { actions, awsContext, ENDPOINT, failingAfter, plan, run, VARIANT } from './support/run.js';

const OPTIONS = {
  min: 1,
  max: 3,
  targetInvocationsPerInstance: 80,
  schedule: [{ name: 'weekend', expression: 'cron(0 0 ? * SAT *)', max: 1 }],
};

let fake: FakeAutoScaling;
beforeEach(() => {
  fake = new FakeAutoScaling();
});

describe('destroyScaling', () => {
  it('removes policies, actions and targets of every variant, and is a single none step the second time', async () => {
    const aws = awsContext();
    await run(await plan(aws, OPTIONS));
    await run(await plan(aws, OPTIONS, { variantName: 'Shadow' }));
    // One more endpoint's target, which must stay.
    await run(await plan(aws, OPTIONS, { endpointName: 'churn-2' }));

    const steps = await destroyScaling(aws, { endpointName: ENDPOINT, dependsOn: ['endpoint'] });
    expect(actions(steps)).toEqual({
      [`delete-scaling-${VARIANT}-policy-invocations`]: 'delete',
      [`delete-scaling-${VARIANT}-schedule-weekend`]: 'delete',
      [`delete-scaling-${VARIANT}`]: 'delete',
      'delete-scaling-Shadow-policy-invocations': 'delete',
      'delete-scaling-Shadow-schedule-weekend': 'delete',
      'delete-scaling-Shadow': 'delete',
    });
    expect(steps.find((s) => s.id === `delete-scaling-${VARIANT}`)?.dependsOn).toEqual([
      'endpoint',
      `delete-scaling-${VARIANT}-policy-invocations`,
      `delete-scaling-${VARIANT}-schedule-weekend`,
    ]);
    await run(steps);
    expect(fake.snapshot().map((t) => t.resourceId)).toEqual(['endpoint/churn-2/variant/AllTraffic']);

    const again = await destroyScaling(aws, { endpointName: ENDPOINT });
    expect(actions(again)).toEqual({ 'delete-scaling': 'none' });
    await run(again);
  });

  it('deletes what is already gone without failing, and puts everything back when the destroy fails', async () => {
    const aws = awsContext();
    await run(await plan(aws, OPTIONS));
    const before = fake.snapshot();
    const steps = await destroyScaling(aws, { endpointName: ENDPOINT });
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(fake.snapshot()).toEqual(before);

    // Someone removed the policy between plan and apply: its delete step still succeeds.
    fake.policies.clear();
    await run(steps);
    expect(fake.snapshot()).toEqual([]);
  });
});
