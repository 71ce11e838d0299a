import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { applyPlan } from '../../src/deploy/apply.js';
import { ConflictError, InvalidArgumentError } from '../../src/errors.js';
import { billingDefinition, destroyBillingAlarm, planBillingAlarm } from '../../src/monitor/billing.js';
import { ACCOUNT, FakeCloudWatch } from './support/fake-cloudwatch.js';

const US_TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:billing`;
const FAST = { retry: { maxAttempts: 1 } };
const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

let fake: FakeCloudWatch;

beforeEach(() => {
  fake = new FakeCloudWatch();
});

function context(region: string) {
  return new AwsContext({ region, credentials: CREDENTIALS });
}

describe('planBillingAlarm', () => {
  it('makes an EstimatedCharges alarm in us-east-1 from a context in another region', async () => {
    const aws = context('eu-west-1');
    const steps = await planBillingAlarm(aws, { thresholdUsd: 100, notify: US_TOPIC });
    expect(steps.map((s) => [s.id, s.action])).toEqual([['billing-alarm', 'create']]);
    await applyPlan({ name: 'billing', target: 't', steps }, FAST);
    expect(fake.definition('modelship-billing-100-usd')).toEqual({
      AlarmName: 'modelship-billing-100-usd',
      AlarmDescription: 'Estimated AWS charges this month above 100 USD. Made by modelship.',
      ActionsEnabled: true,
      AlarmActions: [US_TOPIC],
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      Statistic: 'Maximum',
      Period: 21_600,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    // Sent by a us-east-1 client: the fake stores each alarm in the region of the client that made it.
    expect(fake.alarms.get('modelship-billing-100-usd')?.region).toBe('us-east-1');
    expect(fake.stub).toHaveReceivedCommandWith(ListMetricsCommand, {
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
    });

    const again = await planBillingAlarm(aws, { thresholdUsd: 100, notify: US_TOPIC });
    expect(again[0]?.action).toBe('none');
    const named = await planBillingAlarm(aws, {
      thresholdUsd: 100,
      notify: US_TOPIC,
      name: 'modelship-billing-100-usd',
    });
    expect(named[0]?.action).toBe('none');
  });

  it('updates the threshold of a named alarm, and destroys it twice safely', async () => {
    const aws = context('us-east-1');
    const name = 'team-budget';
    await applyPlan(
      { name: 'b', target: 't', steps: await planBillingAlarm(aws, { thresholdUsd: 50, notify: US_TOPIC, name }) },
      FAST,
    );
    const update = await planBillingAlarm(aws, { thresholdUsd: 75.5, notify: US_TOPIC, name });
    expect(update[0]).toMatchObject({ action: 'update', reason: expect.stringContaining('Threshold') });
    await applyPlan({ name: 'b', target: 't', steps: update }, FAST);
    expect(fake.definition(name)?.Threshold).toBe(75.5);

    const destroy = await destroyBillingAlarm(aws, { thresholdUsd: 75.5, name });
    expect(destroy.map((s) => [s.id, s.action])).toEqual([['delete-billing-alarm', 'delete']]);
    await applyPlan({ name: 'b', target: 't', steps: destroy }, FAST);
    expect(fake.names()).toEqual([]);
    expect(await destroyBillingAlarm(aws, { thresholdUsd: 75.5, name })).toEqual([]);
  });

  it('explains how to enable billing alerts when the account publishes no billing metric', async () => {
    fake.billingEnabled = false;
    await expect(planBillingAlarm(context('us-east-1'), { thresholdUsd: 10, notify: US_TOPIC })).rejects.toThrow(
      /Receive CloudWatch billing alerts/,
    );
  });

  it('refuses partitions without billing metrics', async () => {
    await expect(planBillingAlarm(context('cn-north-1'), { thresholdUsd: 10, notify: US_TOPIC })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it('leaves an alarm of that name alone when modelship did not make it', async () => {
    const aws = context('us-east-1');
    const { definition } = billingDefinition({ thresholdUsd: 10, notify: US_TOPIC });
    fake.alarms.set(definition.AlarmName, { definition, tags: [], region: 'us-east-1' });
    await expect(planBillingAlarm(aws, { thresholdUsd: 10, notify: US_TOPIC })).rejects.toThrow(ConflictError);
  });

  it.each([
    [{ thresholdUsd: 0, notify: US_TOPIC }, 'billing.thresholdUsd'],
    [{ thresholdUsd: 10, notify: 'arn:aws:sns:eu-west-1:123456789012:billing' }, 'billing.notify'],
    [{ thresholdUsd: 10, notify: [] }, 'billing.notify'],
    [{ thresholdUsd: 10, notify: US_TOPIC, name: '' }, 'billing.name'],
  ])('refuses %j before any call', async (options, argument) => {
    const error = await planBillingAlarm(context('us-east-1'), options).catch((e: unknown) => e);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(fake.stub.calls()).toHaveLength(0);
  });
});
