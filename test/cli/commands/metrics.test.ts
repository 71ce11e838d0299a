/**
 * `modelship metrics` on a deployed endpoint: the window and period reach CloudWatch, the charts and `--json`
 * show what it answered, and a bad period is refused before anything is called.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { CHURN_CONFIG, cli, deployedChurn, fakeAccount, jsonOf, projectWith, traffic } from './support.js';

describe('modelship metrics', () => {
  it('--since 1h --period 60 asks CloudWatch for that window and period and draws the charts', async () => {
    const { cwd, cloudwatch } = await deployedChurn();
    cloudwatch.metricPages = [traffic()];

    const run = await cli(['metrics', '--since', '1h', '--period', '60'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Invocations per 1m');
    expect(run.stdout).toContain('last 87');
    expect(run.stdout).toContain('last 412.5 ms');
    const [request] = cloudwatch.stub.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    expect(new Set(request?.MetricDataQueries?.map((q) => q.MetricStat?.Period))).toEqual(new Set([60]));
    const window = (request?.EndTime?.getTime() ?? 0) - (request?.StartTime?.getTime() ?? 0);
    expect(window).toBeGreaterThanOrEqual(3_540_000);
    expect(window).toBeLessThanOrEqual(3_660_000);
  });

  it('--json prints the series', async () => {
    const { cwd, cloudwatch } = await deployedChurn();
    cloudwatch.metricPages = [traffic()];

    const run = await cli(['metrics', '--json', '--since', '1h', '--period', '60'], { cwd });

    expect(run.code).toBe(0);
    const document = jsonOf<{ name: string; metrics: Record<string, unknown> }>(run);
    expect(document.name).toBe('churn');
    expect(document.metrics).toMatchObject({
      periodS: 60,
      invocations: { values: [40, 55, 87] },
      errors5xx: { values: [0, 0, 3] },
      latencyMs: { p99: { values: [30, 41, 412.5] } },
    });
  });

  it('a period that is not a multiple of 60 is bad usage (exit 2), before any AWS call', async () => {
    const { cwd, cloudwatch, sagemaker } = await deployedChurn();
    const describesBefore = sagemaker.stub.calls().length;

    const run = await cli(['metrics', '--period', '61'], { cwd });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('multiple of 60');
    expect(run.stdout).toBe('');
    expect(cloudwatch.stub.commandCalls(GetMetricDataCommand)).toEqual([]);
    expect(sagemaker.stub.calls()).toHaveLength(describesBefore);
  });

  it('nothing deployed: exit 1, saying to deploy first', async () => {
    fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['metrics'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nothing is deployed under the name "churn".*deploy first/);
  });
});
