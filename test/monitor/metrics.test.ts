import { GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { AccessDeniedError, InvalidArgumentError } from '../../src/errors.js';
import { endpointMetrics } from '../../src/monitor/metrics.js';
import { FakeCloudWatch, REGION } from './support/fake-cloudwatch.js';

let fake: FakeCloudWatch;
let aws: AwsContext;

beforeEach(() => {
  fake = new FakeCloudWatch();
  aws = new AwsContext({ region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
});

// Relative to now: how old the data is decides which periods CloudWatch takes.
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const QUERY = { endpointName: 'churn', variantName: 'AllTraffic', since: at(-60), until: T0, periodS: 60 };

function result(Id: string, points: [number, number][], StatusCode: MetricDataResult['StatusCode'] = 'Complete') {
  return { Id, Label: Id, StatusCode, Timestamps: points.map(([m]) => at(m)), Values: points.map(([, v]) => v) };
}

describe('endpointMetrics', () => {
  it('reads every series in one paged query, sorted by time, latency in ms', async () => {
    fake.metricPages = [
      {
        MetricDataResults: [
          result('invocations', [
            [-2, 10],
            [-1, 12],
          ]),
          result('errors4xx', [[-1, 1]]),
          result('errors5xx', []),
          result('p50', [[-1, 12_500]]),
          result('p90', [[-1, 40_000]]),
          result(
            'p99',
            [
              [-2, 250_000],
              [-1, 99_000],
            ],
            'PartialData',
          ),
          result('cpu', [[-1, 180]]),
        ],
      },
      // The second page continues a series with an earlier point: the result is still oldest first.
      { MetricDataResults: [result('invocations', [[-3, 7]]), result('memory', [[-1, 55.5]])] },
    ];
    const metrics = await endpointMetrics(aws, QUERY);
    expect(metrics.invocations).toEqual({ timestamps: [at(-3), at(-2), at(-1)], values: [7, 10, 12] });
    expect(metrics.errors4xx.values).toEqual([1]);
    expect(metrics.errors5xx).toEqual({ timestamps: [], values: [] });
    expect(metrics.latencyMs.p50.values).toEqual([12.5]);
    expect(metrics.latencyMs.p90.values).toEqual([40]);
    expect(metrics.latencyMs.p99).toEqual({ timestamps: [at(-2), at(-1)], values: [250, 99] });
    expect(metrics.cpuPercent?.values).toEqual([180]);
    expect(metrics.memoryPercent?.values).toEqual([55.5]);
    expect(metrics.partial).toBe(true);
    expect(metrics.periodS).toBe(60);

    const calls = fake.stub.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.NextToken).toBe('1');
    const queries = calls[0]?.args[0].input.MetricDataQueries ?? [];
    expect(
      queries.map((q) => [q.Id, q.MetricStat?.Metric?.Namespace, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat]),
    ).toEqual([
      ['invocations', 'AWS/SageMaker', 'Invocations', 'Sum'],
      ['errors4xx', 'AWS/SageMaker', 'Invocation4XXErrors', 'Sum'],
      ['errors5xx', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum'],
      ['p50', 'AWS/SageMaker', 'ModelLatency', 'p50'],
      ['p90', 'AWS/SageMaker', 'ModelLatency', 'p90'],
      ['p99', 'AWS/SageMaker', 'ModelLatency', 'p99'],
      ['cpu', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'Average'],
      ['memory', '/aws/sagemaker/Endpoints', 'MemoryUtilization', 'Average'],
    ]);
    expect(queries[0]?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'EndpointName', Value: 'churn' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ]);
    expect(calls[0]?.args[0].input).toMatchObject({ StartTime: at(-60), EndTime: T0, ScanBy: 'TimestampAscending' });
  });

  it('leaves utilization out when asked, and reads the statistic asked for otherwise', async () => {
    const none = await endpointMetrics(aws, { ...QUERY, stats: { utilization: false } });
    expect(none.cpuPercent).toBeUndefined();
    expect(none.memoryPercent).toBeUndefined();
    await endpointMetrics(aws, { ...QUERY, stats: { utilization: 'Maximum' } });
    const queries = fake.stub.commandCalls(GetMetricDataCommand)[1]?.args[0].input.MetricDataQueries ?? [];
    expect(queries.find((q) => q.Id === 'cpu')?.MetricStat?.Stat).toBe('Maximum');
  });

  it('picks a period CloudWatch keeps for data that old, under 1440 points', async () => {
    const now = Date.now();
    const since = (days: number) => new Date(now - days * 86_400_000);
    const period = async (from: Date) =>
      (await endpointMetrics(aws, { ...QUERY, since: from, until: new Date(now), periodS: undefined })).periodS;
    expect(await period(new Date(now - 3_600_000))).toBe(60);
    expect(await period(since(10))).toBe(600); // 10 days / 1440 points = 10 minutes
    expect(await period(since(30))).toBe(1800);
    expect(await period(since(100))).toBe(7200); // a multiple of an hour past 63 days
  });

  it('turns a Forbidden series into AccessDeniedError', async () => {
    fake.metricPages = [{ MetricDataResults: [result('invocations', [], 'Forbidden')] }];
    await expect(endpointMetrics(aws, QUERY)).rejects.toThrow(AccessDeniedError);
  });

  it.each([
    [{ since: new Date('nope') }, 'since'],
    [{ since: T0, until: at(-1) }, 'since'],
    [{ periodS: 90 }, 'periodS'],
    [{ periodS: 0 }, 'periodS'],
    [{ since: new Date(Date.now() - 20 * 86_400_000), until: new Date(), periodS: 120 }, 'periodS'],
    [{ variantName: '' }, 'variantName'],
  ])('refuses %j before any call', async (change, argument) => {
    const error = await endpointMetrics(aws, { ...QUERY, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(fake.stub.calls()).toHaveLength(0);
  });
});
