import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { main as autoscaling } from '../../examples/autoscaling-and-alarms.js';
import { REGION } from '../targets/sagemaker/support/fake-sagemaker.js';
import { ARTIFACT, AWS, CHALLENGER, fakeAws, ROLE } from '../targets/sagemaker/support/setup.js';

// The autoscaling and alarms example runs here as users run it, against the fake SageMaker, Application Auto
// Scaling and CloudWatch; every AWS request is checked against the service models like every other test's.
// (examples/validate-before-promote.ts runs in test/monitor/validate/example.test.ts.)

const TOPIC = `arn:aws:sns:${REGION}:123456789012:ml-alerts`;
const SCALED = 'endpoint/churn/variant/AllTraffic|sagemaker:variant:DesiredInstanceCount';

describe('autoscaling-and-alarms example', () => {
  it('prints the plan without --apply, and changes nothing', async () => {
    const { sagemaker, scaling, cloudwatch } = fakeAws();
    const lines: string[] = [];
    await autoscaling({
      artifact: ARTIFACT,
      nextArtifact: CHALLENGER,
      role: ROLE,
      notify: TOPIC,
      apply: false,
      aws: AWS,
      log: (line) => lines.push(line),
    });
    const plan = lines.join('\n');
    for (const made of [
      /\+\s+SageMaker endpoint\s+churn\s/,
      /\+\s+CloudWatch alarm\s+modelship-churn-p99-latency\s/,
      /\+\s+CloudWatch alarm\s+modelship-churn-error-rate\s/,
      /\+\s+CloudWatch alarm\s+modelship-churn-idle\s/,
      /\+\s+CloudWatch dashboard\s+modelship-churn\s/,
      /\+\s+Application Auto Scaling scalable target\s+endpoint\/churn\/variant\/AllTraffic\s/,
      /\+\s+Application Auto Scaling scaling policy\s+modelship-invocations\s/,
      /\+\s+Application Auto Scaling scheduled action\s+modelship-nights\s/,
    ]) {
      expect(plan).toMatch(made);
    }
    expect(sagemaker.log).toEqual([]);
    expect(scaling.log).toEqual([]);
    expect(cloudwatch.log).toEqual([]);
  });

  it('deploys with scaling and alarms, shows the dashboard and metrics, updates under the alarms, and tears down', async () => {
    const { sagemaker, scaling, cloudwatch } = fakeAws();
    sagemaker.behaviour.polls = 0;
    const now = Date.now();
    const minutes = [3, 2, 1].map((ago) => new Date(now - ago * 60_000));
    cloudwatch.metricPages = [
      {
        MetricDataResults: [
          { Id: 'invocations', Timestamps: minutes, Values: [120, 180, 150], StatusCode: 'Complete' },
          { Id: 'errors5xx', Timestamps: minutes, Values: [0, 1, 0], StatusCode: 'Complete' },
          // ModelLatency is in microseconds: 182.4 ms at worst.
          { Id: 'p99', Timestamps: minutes, Values: [95_000, 182_400, 120_000], StatusCode: 'Complete' },
        ],
      },
    ];
    const lines: string[] = [];
    await autoscaling({
      artifact: ARTIFACT,
      nextArtifact: CHALLENGER,
      role: ROLE,
      notify: TOPIC,
      apply: true,
      aws: AWS,
      log: (line) => lines.push(line),
    });
    const out = lines.join('\n');

    expect(out).toContain(
      `dashboard: https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards/dashboard/modelship-churn`,
    );
    expect(out).toContain('alarms: modelship-churn-p99-latency, modelship-churn-error-rate, modelship-churn-idle');
    expect(out).toContain('last hour: 450 invocations, 1 5xx errors, worst p99 latency 182.4 ms (3 points of 60 s)');
    expect(out).toContain('updated: true');
    expect(out).toMatch(/Tearing down[\s\S]*✓ SageMaker endpoint churn/);

    // While it lived: scaled 1–4 on invocations with two schedules, alarms notifying the topic.
    expect(scaling.log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RegisterScalableTarget/),
        'PutScalingPolicy modelship-invocations',
        'PutScheduledAction modelship-nights',
        'PutScheduledAction modelship-mornings',
      ]),
    );
    expect(cloudwatch.log).toContain('PutMetricAlarm modelship-churn-p99-latency');
    expect(cloudwatch.stub.commandCalls(GetMetricDataCommand)).toHaveLength(1);

    // The update was a canary, rolled back by the monitor's latency and error-rate alarms.
    const update = sagemaker.stub.commandCalls(UpdateEndpointCommand)[0]?.args[0].input;
    expect(update?.DeploymentConfig).toMatchObject({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          WaitIntervalInSeconds: 600,
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
        },
        TerminationWaitInSeconds: 300,
      },
      AutoRollbackConfiguration: {
        Alarms: [{ AlarmName: 'modelship-churn-p99-latency' }, { AlarmName: 'modelship-churn-error-rate' }],
      },
    });

    // Nothing is left: endpoint, config and models, scaling, alarms and dashboard.
    expect(sagemaker.resources()).toEqual([]);
    expect(scaling.targets.has(SCALED)).toBe(false);
    expect(cloudwatch.alarms.size).toBe(0);
    expect(cloudwatch.dashboards.size).toBe(0);
  });
});
