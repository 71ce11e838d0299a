/**
 * `modelship status` on a deployment a CI job made (deployed through the CLI against the fake SageMaker): the
 * headline, the resources, the charts drawn from what CloudWatch answered, `--json`, and the exit codes a script
 * branches on.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { CHURN_CONFIG, cli, deployedChurn, fakeAccount, jsonOf, projectWith, traffic } from './support.js';

describe('modelship status', () => {
  it('shows the headline, InService and healthy, and the resources, exit 0', async () => {
    const { cwd } = await deployedChurn();

    const run = await cli(['status'], { cwd });

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('churn  sagemaker-realtime  InService  ✓ healthy');
    expect(run.stdout).toMatch(/SageMaker endpoint\s+churn\s+InService\s+serves endpoint config churn-[0-9a-f]{10}/);
    expect(run.stdout).toMatch(/SageMaker production variant\s+AllTraffic\s+ml\.m5\.large, weight 100/);
    // CloudWatch has nothing yet: the status says so rather than drawing empty charts.
    expect(run.stdout).toContain('no datapoints yet');
  });

  it('draws the charts with the last values CloudWatch reported', async () => {
    const { cwd, cloudwatch } = await deployedChurn();
    cloudwatch.metricPages = [traffic()];

    const run = await cli(['status', '--since', '1h'], { cwd });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Invocations per 1m  min 40  max 87  last 87');
    expect(run.stdout).toContain('p50  min 11 ms  max 14.5 ms  last 14.5 ms');
    expect(run.stdout).toContain('p99  min 30 ms  max 412.5 ms  last 412.5 ms');
    expect(run.stdout).toContain('Errors (4xx+5xx) per 1m  min 0  max 5  last 5');
    expect(run.stdout).toContain('4xx 2  5xx 3 (last)');
    const [request] = cloudwatch.stub.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    const window = (request?.EndTime?.getTime() ?? 0) - (request?.StartTime?.getTime() ?? 0);
    expect(window).toBeGreaterThanOrEqual(3_540_000);
    expect(window).toBeLessThanOrEqual(3_660_000);
  });

  it('--json prints the status and the metrics as one document', async () => {
    const { cwd, cloudwatch } = await deployedChurn();
    cloudwatch.metricPages = [traffic()];

    const run = await cli(['status', '--json'], { cwd });

    expect(run.code).toBe(0);
    const document = jsonOf<{ status: Record<string, unknown>; metrics: { invocations: { values: number[] } } }>(run);
    expect(document.status).toMatchObject({
      name: 'churn',
      target: 'sagemaker-realtime',
      deployed: true,
      healthy: true,
      state: 'InService',
    });
    expect(document.metrics.invocations.values).toEqual([40, 55, 87]);
  });

  it('nothing deployed under the name: NotDeployed, exit 1, and no charts asked for', async () => {
    const { cloudwatch } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['status'], { cwd });
    const json = await cli(['status', '--json'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('churn  sagemaker-realtime  NotDeployed  not deployed');
    expect(json.code).toBe(1);
    expect(jsonOf(json)).toEqual({ status: expect.objectContaining({ deployed: false, state: 'NotDeployed' }) });
    expect(cloudwatch.stub.commandCalls(GetMetricDataCommand)).toEqual([]);
  });

  it('an endpoint that is there but failed: exit 1, unhealthy, with SageMaker’s reason', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    const endpoint = sagemaker.endpoints.get('churn');
    if (endpoint === undefined) throw new Error('the deploy made no endpoint');
    endpoint.status = 'Failed';
    endpoint.failureReason = 'The instance ran out of memory.';

    const run = await cli(['status'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('churn  sagemaker-realtime  Failed  ✗ unhealthy');
    expect(run.stdout).toMatch(/failure\s+The instance ran out of memory\./);
  });

  it('a --since that is not a duration is bad usage (exit 2), saying what is allowed', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['status', '--since', '3 hours'], { cwd });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('30s, 10m, 3h or 2d');
    expect(sagemaker.stub.calls()).toEqual([]);
  });
});
