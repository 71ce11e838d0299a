/**
 * The common ground of the Lambda target tests: a fake Lambda, API Gateway v2, IAM and STS, CloudWatch alarms
 * whose state a test sets, a packager that writes a tiny zip of the current "code", and deploy options that poll
 * without pausing.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsConfig } from '../../../../src/aws/config.js';
import type { ApplyOptions } from '../../../../src/deploy/apply.js';
import type { DeployEvent } from '../../../../src/deploy/events.js';
import { Model } from '../../../../src/deploy/model.js';
import { Lambda, type LambdaOptions } from '../../../../src/targets/lambda/index.js';
import type { FunctionPackager } from '../../../../src/targets/lambda/options.js';
import { mockAwsClient } from '../../../support/aws-contract.js';
import { FakeIam } from '../../sagemaker/role/fake-iam.js';
import { FakeApiGateway } from './fake-apigateway.js';
import { ACCOUNT, FakeLambda, REGION } from './fake-lambda.js';

export const ROLE = `arn:aws:iam::${ACCOUNT}:role/LambdaExecution`;
export const AWS: AwsConfig = { region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } };

/** A packager whose zip holds `code.text`: change it to make "new code". */
export function fakePackager(): { packager: FunctionPackager; code: { text: string }; calls: number[] } {
  const code = { text: 'v1' };
  const calls: number[] = [];
  const packager: FunctionPackager = async () => {
    calls.push(Date.now());
    const bytes = Buffer.from(`PK\u0003\u0004 fake zip of ${code.text}`);
    const path = join(await mkdtemp(join(tmpdir(), 'modelship-lambda-test-')), 'function.zip');
    await writeFile(path, bytes);
    return {
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      unzippedBytes: bytes.length,
      entries: ['index.mjs', 'model.onnx'],
      handler: 'index.handler',
      needsS3Upload: false,
    };
  };
  return { packager, code, calls };
}

/** The fake services, with the alarms a test can set to `ALARM`. */
export function fakeServices() {
  const lambda = new FakeLambda();
  const gateway = new FakeApiGateway();
  const iam = new FakeIam();
  mockAwsClient(STSClient)
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/test`, UserId: 'AIDATEST' });
  const alarms = new Map<string, 'OK' | 'ALARM'>();
  mockAwsClient(CloudWatchClient)
    .on(DescribeAlarmsCommand)
    .callsFake((input) => ({
      MetricAlarms: (input.AlarmNames ?? [])
        .filter((name: string) => alarms.has(name))
        .map((name: string) => ({ AlarmName: name, StateValue: alarms.get(name) })),
    }));
  return { lambda, iam, alarms, gateway };
}

/** A clock the canary reads; tests move it. */
export function fakeClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

/** A deployment `churn` of `model` (a handler by default) to Lambda with these options. */
export function churn(
  options: Partial<LambdaOptions>,
  packager: FunctionPackager,
  now: () => number = Date.now,
  model: Model = Model.fromHandler('/models/churn/handler.js'),
) {
  const target = Lambda({ memoryMb: 1024, timeoutS: 30, role: ROLE, ...options } as LambdaOptions, {
    package: packager,
    now,
    roleSettleMs: 0,
  });
  return model.deployTo(target).withName('churn').withTags({ team: 'ml' }).withAws(AWS);
}

/** Deploy options that poll at once, and the events they collect. */
export function fastApply(extra: ApplyOptions = {}): ApplyOptions & { events: DeployEvent[] } {
  const events: DeployEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
    ...extra,
  };
}
