import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { createBillingAlarm, removeBillingAlarm } from '../../src/deploy/billing.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import { ConflictError, InvalidArgumentError } from '../../src/errors.js';
import { billingDefinition } from '../../src/monitor/billing.js';
import { ACCOUNT, FakeCloudWatch } from '../monitor/support/fake-cloudwatch.js';

const US_TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:billing`;
const AWS = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } };

let fake: FakeCloudWatch;

beforeEach(() => {
  fake = new FakeCloudWatch();
});

describe('createBillingAlarm and removeBillingAlarm', () => {
  it('makes the alarm in us-east-1 once, and removes it once', async () => {
    const events: DeployEvent[] = [];
    const created = await createBillingAlarm({
      thresholdUsd: 100,
      notify: US_TOPIC,
      aws: AWS,
      onEvent: (event) => events.push(event),
    });
    expect(created).toEqual({ alarmName: 'modelship-billing-100-usd', changed: true });
    expect(fake.alarms.get('modelship-billing-100-usd')?.region).toBe('us-east-1');
    expect(fake.definition('modelship-billing-100-usd')).toMatchObject({
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Threshold: 100,
      AlarmActions: [US_TOPIC],
    });
    expect(events.map((event) => event.type)).toEqual(['apply-started', 'step-started', 'step-done', 'apply-done']);

    // The same options again: nothing to do, nothing sent but reads.
    const writes = fake.log.length;
    expect(await createBillingAlarm({ thresholdUsd: 100, notify: US_TOPIC, aws: AWS })).toEqual({
      alarmName: 'modelship-billing-100-usd',
      changed: false,
    });
    expect(fake.log).toHaveLength(writes);

    expect(await removeBillingAlarm({ thresholdUsd: 100, aws: AWS })).toEqual({
      alarmName: 'modelship-billing-100-usd',
      changed: true,
    });
    expect(fake.names()).toEqual([]);
    expect(await removeBillingAlarm({ thresholdUsd: 100, aws: AWS })).toEqual({
      alarmName: 'modelship-billing-100-usd',
      changed: false,
    });
  });

  it('updates a named alarm in place, on a shared context it leaves open', async () => {
    const aws = new AwsContext({ ...AWS, region: 'us-east-1' });
    const options = { thresholdUsd: 50, notify: US_TOPIC, name: 'team-budget', aws };
    await createBillingAlarm(options);
    const raised = await createBillingAlarm({ ...options, thresholdUsd: 75.5 });
    expect(raised).toEqual({ alarmName: 'team-budget', changed: true });
    expect(fake.definition('team-budget')?.Threshold).toBe(75.5);
    // The create options fit the removal as they are.
    expect(await removeBillingAlarm({ ...options, thresholdUsd: 75.5 })).toEqual({
      alarmName: 'team-budget',
      changed: true,
    });
    expect(await removeBillingAlarm(options)).toEqual({ alarmName: 'team-budget', changed: false });
    aws.destroy();
  });

  it('says how to turn billing alerts on when the account publishes no billing metric, and makes nothing', async () => {
    fake.billingEnabled = false;
    const error = await createBillingAlarm({ thresholdUsd: 10, notify: US_TOPIC, aws: AWS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/Receive CloudWatch billing alerts/);
    expect(fake.log).toEqual([]);
  });

  it('refuses a topic outside us-east-1 before any call', async () => {
    const error = await createBillingAlarm({
      thresholdUsd: 10,
      notify: `arn:aws:sns:eu-west-1:${ACCOUNT}:billing`,
      aws: AWS,
    }).catch((e: unknown) => e);
    expect((error as InvalidArgumentError).argument).toBe('billing.notify');
    expect(fake.stub.calls()).toHaveLength(0);
  });

  it('leaves an alarm of that name alone when modelship did not make it', async () => {
    const { definition } = billingDefinition({ thresholdUsd: 10, notify: US_TOPIC });
    fake.alarms.set(definition.AlarmName, { definition, tags: [], region: 'us-east-1' });
    await expect(createBillingAlarm({ thresholdUsd: 10, notify: US_TOPIC, aws: AWS })).rejects.toThrow(ConflictError);
    expect(await removeBillingAlarm({ thresholdUsd: 10, aws: AWS })).toEqual({
      alarmName: definition.AlarmName,
      changed: false,
    });
    expect(fake.names()).toEqual([definition.AlarmName]);
  });
});
