/**
 * The CLI's journey on a Lambda deployment (a container-image function, so no packaging is involved), against the
 * contract-checked fakes of the Lambda target tests: deploy, status with charts of its CloudWatch metrics, its
 * logs, and destroy.
 */
import { describe, expect, it } from 'vitest';
import { FakeCloudWatch } from '../../monitor/support/fake-cloudwatch.js';
import { FakeCloudWatchLogs } from '../../monitor/support/fake-cloudwatch-logs.js';
import { ACCOUNT, REGION } from '../../targets/lambda/support/fake-lambda.js';
import { fakeServices, ROLE } from '../../targets/lambda/support/setup.js';
import { cli, jsonOf, projectWith, traffic } from './support.js';

const FUNCTION_CONFIG = {
  name: 'churn',
  model: { image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/churn:1` },
  target: { type: 'lambda', memoryMb: 1024, timeoutS: 30, role: ROLE },
  aws: { region: REGION },
};

/** The fake Lambda with changes that settle on their first read, and a CloudWatch that answers metric queries. */
function fakeLambdaAccount() {
  const services = fakeServices();
  services.lambda.polls = 0;
  // After fakeServices' alarm-only CloudWatch, so this one answers (GetMetricData included).
  const cloudwatch = new FakeCloudWatch();
  return { ...services, cloudwatch };
}

describe('modelship on a Lambda function', () => {
  it('deploys, shows status with charts, reads the logs, and destroys', async () => {
    const { lambda, cloudwatch } = fakeLambdaAccount();
    const logs = new FakeCloudWatchLogs();
    const cwd = await projectWith(FUNCTION_CONFIG);

    const deploy = await cli(['deploy', '--json'], { cwd });
    expect(deploy.code).toBe(0);
    expect(jsonOf(deploy)).toMatchObject({ name: 'churn', target: 'lambda', changed: true });
    expect(deploy.stderr).toContain('create Lambda function churn: done');
    expect(lambda.live()).toBe('1');

    cloudwatch.metricPages = [traffic()];
    const status = await cli(['status'], { cwd });
    expect(status.code).toBe(0);
    expect(status.stdout.split('\n')[0]).toBe('churn  lambda  Active  ✓ healthy');
    expect(status.stdout).toMatch(/Lambda alias\s+churn:live\s+Active\s+version 1/);
    expect(status.stdout).toContain('Invocations per 1m  min 40  max 87  last 87');

    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    logs.log('/aws/lambda/churn', '2026/11/25/[1]abc', at, 'START RequestId: 1\n');
    const read = await cli(['logs'], { cwd });
    expect(read.code).toBe(0);
    expect(read.stdout).toBe(`${new Date(at).toISOString()} 2026/11/25/[1]abc START RequestId: 1\n`);

    const destroy = await cli(['destroy', '--yes'], { cwd });
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('Destroyed churn.');
    expect((await cli(['status'], { cwd })).code).toBe(1);
  });
});
