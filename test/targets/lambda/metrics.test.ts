import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { FakeCloudWatch } from '../../monitor/support/fake-cloudwatch.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function deployed() {
  fakeServices();
  const { packager } = fakePackager();
  const deployment = await churn({}, packager).deploy(fastApply());
  // After the deploy: a CloudWatch that answers metric queries (it replaces the alarm-only one of the fakes).
  return { deployment, cloudwatch: new FakeCloudWatch() };
}

describe('Lambda metrics', () => {
  it('reads invocations, errors and run-time percentiles of the calls through the live alias', async () => {
    const { deployment, cloudwatch } = await deployed();
    const series = (Id: string, values: number[]) => ({
      Id,
      StatusCode: 'Complete' as const,
      Timestamps: values.map((_, i) => at(i - values.length)),
      Values: values,
    });
    cloudwatch.metricPages = [
      {
        MetricDataResults: [
          series('invocations', [120, 98]),
          series('errors5xx', [2, 0]),
          series('p50', [12.5, 11]),
          series('p90', [40, 38]),
          series('p99', [250, 90]),
        ],
      },
    ];

    const metrics = await deployment.metrics({ since: at(-60), until: T0, periodS: 60 });

    expect(metrics.invocations).toEqual({ timestamps: [at(-2), at(-1)], values: [120, 98] });
    expect(metrics.errors5xx.values).toEqual([2, 0]);
    expect(metrics.errors4xx).toEqual({ timestamps: [], values: [] });
    // Lambda publishes Duration in milliseconds: nothing is scaled.
    expect(metrics.latencyMs.p99.values).toEqual([250, 90]);
    expect(metrics.cpuPercent).toBeUndefined();
    expect(metrics.periodS).toBe(60);

    const input = cloudwatch.stub.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    const queries = input?.MetricDataQueries ?? [];
    expect(queries.map((q) => [q.Id, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat])).toEqual([
      ['invocations', 'Invocations', 'Sum'],
      ['errors5xx', 'Errors', 'Sum'],
      ['p50', 'Duration', 'p50'],
      ['p90', 'Duration', 'p90'],
      ['p99', 'Duration', 'p99'],
    ]);
    for (const query of queries) {
      expect(query.MetricStat?.Metric).toMatchObject({
        Namespace: 'AWS/Lambda',
        Dimensions: [
          { Name: 'FunctionName', Value: 'churn' },
          { Name: 'Resource', Value: 'churn:live' },
        ],
      });
    }
    expect(input).toMatchObject({ StartTime: at(-60), EndTime: T0 });
  });

  it('refuses a variant name before any call: a function has no variants', async () => {
    const { deployment, cloudwatch } = await deployed();
    const error = await deployment.metrics({ since: at(-60), variantName: 'AllTraffic' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/no variants/);
    expect(cloudwatch.stub.calls()).toHaveLength(0);
  });

  it('refuses a range that ends before it starts, before any call', async () => {
    const { deployment, cloudwatch } = await deployed();
    await expect(deployment.metrics({ since: T0, until: at(-60) })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(cloudwatch.stub.calls()).toHaveLength(0);
  });
});
