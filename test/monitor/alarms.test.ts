import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { buildTags } from '../../src/aws/tags.js';
import { applyPlan } from '../../src/deploy/apply.js';
import type { PlanStep } from '../../src/deploy/plan.js';
import { ConflictError, DeploymentFailedError, InvalidArgumentError } from '../../src/errors.js';
import { alarmDefinitions } from '../../src/monitor/alarm-specs.js';
import { destroyAlarms, planAlarms, rollbackAlarmNames } from '../../src/monitor/alarms.js';
import { checkMonitor, type MonitorOptions } from '../../src/monitor/options.js';
import { FakeCloudWatch, REGION, TOPIC } from './support/fake-cloudwatch.js';

const DIMENSIONS = [
  { Name: 'EndpointName', Value: 'churn' },
  { Name: 'VariantName', Value: 'AllTraffic' },
];
const FAST = { retry: { maxAttempts: 1 }, poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 } };

let fake: FakeCloudWatch;
let aws: AwsContext;

beforeEach(() => {
  fake = new FakeCloudWatch();
  aws = new AwsContext({ region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
});

function plan(options: MonitorOptions, variantNames: readonly string[] = ['AllTraffic'], deployment = 'churn') {
  return planAlarms(aws, {
    endpointName: 'churn',
    variantNames,
    settings: checkMonitor(options, { kind: 'realtime' }),
    deployment,
    tags: buildTags({ team: 'ml' }, { deployment, target: 'sagemaker-realtime' }),
    region: REGION,
  });
}

async function deploy(options: MonitorOptions, extra: PlanStep[] = []) {
  const steps = [...(await plan(options)), ...extra];
  return applyPlan({ name: 'churn', target: 'sagemaker-realtime', steps }, FAST);
}

const failing: PlanStep = {
  id: 'boom',
  resource: { kind: 'test', name: 'boom' },
  action: 'create',
  reason: 'fails on purpose',
  dependsOn: [],
  async apply() {
    throw new InvalidArgumentError('boom', 'fails on purpose');
  },
};

describe('alarm definitions', () => {
  it('watches p99 ModelLatency in microseconds with ExtendedStatistic p99, and no Unit', async () => {
    await deploy({ p99LatencyMs: 250.5, notify: TOPIC });
    expect(fake.definition('modelship-churn-p99-latency')).toEqual({
      AlarmName: 'modelship-churn-p99-latency',
      AlarmDescription: expect.stringContaining('above 250.5 ms (250500 µs)'),
      ActionsEnabled: true,
      AlarmActions: [TOPIC],
      OKActions: [TOPIC],
      Namespace: 'AWS/SageMaker',
      MetricName: 'ModelLatency',
      Dimensions: DIMENSIONS,
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      Threshold: 250_500,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(fake.tags('modelship-churn-p99-latency')).toMatchObject({
      team: 'ml',
      'modelship:deployment': 'churn',
      'modelship:target': 'sagemaker-realtime',
    });
  });

  it('computes the error rate as metric math, zero when there is no traffic', async () => {
    await deploy({ maxErrorRate: 0.01, max4xxRate: 0.2 });
    const rate = fake.definition('modelship-churn-error-rate');
    expect(rate).toMatchObject({
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(rate?.MetricName).toBeUndefined();
    expect(rate?.Metrics).toEqual([
      {
        Id: 'e1',
        MetricStat: {
          Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors', Dimensions: DIMENSIONS },
          Period: 60,
          Stat: 'Sum',
        },
        ReturnData: false,
      },
      {
        Id: 'i1',
        MetricStat: {
          Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: DIMENSIONS },
          Period: 60,
          Stat: 'Sum',
        },
        ReturnData: false,
      },
      {
        Id: 'rate',
        Expression: 'IF((FILL(i1, 0)) > 0, (FILL(e1, 0)) / (FILL(i1, 0)), 0)',
        Label: 'Invocation5XXErrors / Invocations',
        ReturnData: true,
      },
    ]);
    const fourxx = fake.definition('modelship-churn-4xx-rate');
    expect(fourxx?.Threshold).toBe(0.2);
    expect(fourxx?.Metrics?.[0]?.MetricStat?.Metric?.MetricName).toBe('Invocation4XXErrors');
  });

  it('watches CPU, memory and disk in /aws/sagemaker/Endpoints, and idle hours with missing data breaching', async () => {
    await deploy({ cpuPercent: 180, memoryPercent: 85, diskPercent: 90, idleHours: 24 });
    for (const [name, metric, threshold] of [
      ['cpu', 'CPUUtilization', 180],
      ['memory', 'MemoryUtilization', 85],
      ['disk', 'DiskUtilization', 90],
    ] as const) {
      expect(fake.definition(`modelship-churn-${name}`)).toMatchObject({
        Namespace: '/aws/sagemaker/Endpoints',
        MetricName: metric,
        Dimensions: DIMENSIONS,
        Statistic: 'Average',
        Threshold: threshold,
      });
    }
    expect(fake.definition('modelship-churn-idle')).toMatchObject({
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocations',
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 24,
      DatapointsToAlarm: 24,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(fake.definition('modelship-churn-idle')?.Unit).toBeUndefined();
  });

  it('covers several variants with one alarm each: the slowest variant, all errors over all calls', () => {
    const settings = checkMonitor({ p99LatencyMs: 100, maxErrorRate: 0.05, idleHours: 2 }, { kind: 'realtime' });
    const defs = alarmDefinitions({ endpointName: 'churn', variantNames: ['blue', 'green'] }, settings);
    const latency = defs.get('p99-latency');
    expect(latency?.MetricName).toBeUndefined();
    expect(latency?.Metrics?.map((q) => q.Expression ?? q.MetricStat?.Stat)).toEqual(['p99', 'p99', 'MAX([m1, m2])']);
    expect(latency?.Metrics?.[1]?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'EndpointName', Value: 'churn' },
      { Name: 'VariantName', Value: 'green' },
    ]);
    expect(defs.get('error-rate')?.Metrics?.at(-1)?.Expression).toBe(
      'IF((FILL(i1, 0) + FILL(i2, 0)) > 0, (FILL(e1, 0) + FILL(e2, 0)) / (FILL(i1, 0) + FILL(i2, 0)), 0)',
    );
    expect(defs.get('idle')?.Metrics?.at(-1)?.Expression).toBe('FILL(m1, 0) + FILL(m2, 0)');
    // Two metrics per variant for an error rate, and CloudWatch allows 10 in one alarm.
    expect(alarmDefinitions({ endpointName: 'churn', variantNames: ['a', 'b', 'c', 'd', 'e'] }, settings).size).toBe(3);
    expect(() =>
      alarmDefinitions({ endpointName: 'churn', variantNames: ['a', 'b', 'c', 'd', 'e', 'f'] }, settings),
    ).toThrow(InvalidArgumentError);
  });

  it('names the latency and error-rate alarms as rollback alarms', () => {
    const settings = checkMonitor({ p99LatencyMs: 100, maxErrorRate: 0.05, cpuPercent: 90 }, { kind: 'realtime' });
    expect(rollbackAlarmNames('churn', settings)).toEqual([
      'modelship-churn-p99-latency',
      'modelship-churn-error-rate',
    ]);
  });
});

describe('planAlarms', () => {
  const options: MonitorOptions = { p99LatencyMs: 250, maxErrorRate: 0.01, idleHours: 12, notify: TOPIC };

  it('creates, then finds nothing to do on a second plan', async () => {
    const first = await plan(options);
    expect(first.map((s) => [s.id, s.action])).toEqual([
      ['alarm-p99-latency', 'create'],
      ['alarm-error-rate', 'create'],
      ['alarm-idle', 'create'],
    ]);
    await applyPlan({ name: 'churn', target: 't', steps: first }, FAST);
    const second = await plan(options);
    expect(second.map((s) => s.action)).toEqual(['none', 'none', 'none']);
    expect(second[0]?.existingOutput).toEqual({
      alarmName: 'modelship-churn-p99-latency',
      alarmArn: fake.alarmArn('modelship-churn-p99-latency'),
    });
    // DescribeAlarms was paged (2 per page in the fake) and asked for metric alarms only.
    expect(fake.stub).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNamePrefix: 'modelship-churn-',
      NextToken: '2',
    });
  });

  it('updates a changed threshold and undoes it when a later step fails', async () => {
    await deploy(options);
    const steps = await plan({ ...options, p99LatencyMs: 400 });
    expect(steps[0]).toMatchObject({ action: 'update', reason: expect.stringContaining('Threshold') });
    expect(steps.slice(1).map((s) => s.action)).toEqual(['none', 'none']);
    await applyPlan({ name: 'churn', target: 't', steps }, FAST);
    expect(fake.definition('modelship-churn-p99-latency')?.Threshold).toBe(400_000);

    const failingSteps = [...(await plan({ ...options, p99LatencyMs: 500 })), failing];
    await expect(applyPlan({ name: 'churn', target: 't', steps: failingSteps }, FAST)).rejects.toThrow(
      DeploymentFailedError,
    );
    expect(fake.definition('modelship-churn-p99-latency')?.Threshold).toBe(400_000);
  });

  it('deletes the alarm of a removed option, and undo makes it again with its tags', async () => {
    await deploy(options);
    const { idleHours: _, ...withoutIdle } = options;
    const steps = await plan(withoutIdle);
    expect(steps.map((s) => [s.id, s.action])).toEqual([
      ['alarm-p99-latency', 'none'],
      ['alarm-error-rate', 'none'],
      ['alarm-idle', 'delete'],
    ]);
    const before = fake.definition('modelship-churn-idle');
    await expect(applyPlan({ name: 'churn', target: 't', steps: [...steps, failing] }, FAST)).rejects.toThrow();
    expect(fake.definition('modelship-churn-idle')).toEqual(expect.objectContaining({ ...before }));
    expect(fake.tags('modelship-churn-idle')['modelship:deployment']).toBe('churn');

    await applyPlan({ name: 'churn', target: 't', steps: await plan(withoutIdle) }, FAST);
    expect(fake.names()).toEqual(['modelship-churn-error-rate', 'modelship-churn-p99-latency']);
  });

  it('undoes a create by deleting the alarm', async () => {
    await expect(deploy(options, [failing])).rejects.toThrow(DeploymentFailedError);
    expect(fake.names()).toEqual([]);
  });

  it('brings changed tags and topics back in line', async () => {
    await deploy(options);
    fake.alarms.get('modelship-churn-error-rate')?.tags.push({ Key: 'stale', Value: 'x' });
    const steps = await plan({ ...options, notify: `arn:aws:sns:${REGION}:123456789012:other` });
    expect(steps.find((s) => s.id === 'alarm-error-rate')?.reason).toMatch(/OKActions, AlarmActions, tags changed/);
    await applyPlan({ name: 'churn', target: 't', steps }, FAST);
    expect(fake.tags('modelship-churn-error-rate').stale).toBeUndefined();
    expect(fake.definition('modelship-churn-error-rate')?.AlarmActions).toEqual([
      `arn:aws:sns:${REGION}:123456789012:other`,
    ]);
  });

  it("leaves another endpoint's alarms alone, even when its name starts the same", async () => {
    await aws.client(CloudWatchClient).send(
      new PutMetricAlarmCommand({
        AlarmName: 'modelship-churn-v2-idle',
        MetricName: 'Invocations',
        Namespace: 'AWS/SageMaker',
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
      }),
    );
    const steps = await plan({ p99LatencyMs: 100 });
    expect(steps.map((s) => s.id)).toEqual(['alarm-p99-latency']);
  });

  it('refuses to change an alarm of another deployment, and never deletes one', async () => {
    await deploy(options);
    await expect(plan(options, ['AllTraffic'], 'other')).rejects.toThrow(ConflictError);
    expect(await plan({}, ['AllTraffic'], 'other')).toEqual([]);
  });

  it('checks the topics against the region before any call', async () => {
    await expect(
      planAlarms(aws, {
        endpointName: 'churn',
        variantNames: ['AllTraffic'],
        settings: checkMonitor({ notify: TOPIC, p99LatencyMs: 1 }, { kind: 'realtime' }),
        deployment: 'churn',
        tags: [],
        region: 'us-east-1',
      }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(fake.stub.calls()).toHaveLength(0);
  });
});

describe('destroyAlarms', () => {
  it('deletes every alarm of the deployment, and a second destroy plans nothing', async () => {
    await deploy({ p99LatencyMs: 250, maxErrorRate: 0.01, cpuPercent: 90, idleHours: 1 });
    const steps = await destroyAlarms(aws, { endpointName: 'churn', deployment: 'churn' });
    expect(steps.map((s) => [s.id, s.action])).toEqual([
      ['delete-alarm-p99-latency', 'delete'],
      ['delete-alarm-error-rate', 'delete'],
      ['delete-alarm-cpu', 'delete'],
      ['delete-alarm-idle', 'delete'],
    ]);
    await applyPlan({ name: 'churn', target: 't', steps }, FAST);
    expect(fake.names()).toEqual([]);
    expect(await destroyAlarms(aws, { endpointName: 'churn', deployment: 'churn' })).toEqual([]);
    // A step planned before the alarm vanished still succeeds.
    await expect(applyPlan({ name: 'churn', target: 't', steps }, FAST)).resolves.toMatchObject({ changed: true });
  });
});
