/**
 * The built binary against scripted AWS: `plan --json` makes only read calls, each valid for AWS's own service
 * model; bad usage and refused confirmations exit 2 before any call that changes anything.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { violationsOfCall } from '../support/aws-contract.js';
import { type FakeResponses, type RecordedCall, runBinary } from './support/binary.js';

const ACCOUNT = '123456789012';
const ARTIFACT = 's3://ml-artifacts/churn/model.tar.gz';
const CONFIG = {
  name: 'churn',
  model: { s3: ARTIFACT, framework: 'sklearn', frameworkVersion: '1.2-1' },
  target: {
    type: 'sagemaker-realtime',
    instanceType: 'ml.m5.large',
    role: `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`,
  },
  aws: { region: 'eu-west-1' },
};

const notFound = (name: string, message: string) => ({ error: { name, message, status: 400 } });

/** A SageMaker with nothing deployed, and an S3 that holds the artifact. */
const EMPTY_ACCOUNT: FakeResponses = {
  'S3:HeadBucket': { output: { BucketRegion: 'eu-west-1' } },
  'S3:HeadObject': { output: { ContentLength: 1234, ETag: '"etag-1"' } },
  'STS:GetCallerIdentity': { output: { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDA' } },
  'SageMaker:DescribeEndpoint': notFound('ValidationException', 'Could not find endpoint "churn".'),
  'SageMaker:DescribeEndpointConfig': notFound('ValidationException', 'Could not find endpoint configuration.'),
  'SageMaker:DescribeModel': notFound('ValidationException', 'Could not find model.'),
  'Application Auto Scaling:DescribeScalableTargets': { output: { ScalableTargets: [] } },
  'Application Auto Scaling:DescribeScalingPolicies': { output: { ScalingPolicies: [] } },
  'CloudWatch:DescribeAlarms': { output: { MetricAlarms: [], CompositeAlarms: [] } },
  'CloudWatch:GetDashboard': { error: { name: 'ResourceNotFound', message: 'Dashboard does not exist', status: 404 } },
};

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'modelship-cli-'));
});

async function withConfig(config: unknown): Promise<void> {
  await writeFile(join(cwd, 'modelship.config.json'), JSON.stringify(config, null, 2));
}

function expectValid(calls: readonly RecordedCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.flatMap((call) => violationsOfCall(call.sdkId, call.operation, call.input))).toEqual([]);
}

const READ_ONLY = /^(Describe|Get|Head|List)/;

describe('modelship plan --json', () => {
  it('prints the plan as JSON from read-only calls, each valid for its AWS service model', async () => {
    await withConfig(CONFIG);
    const result = await runBinary(['plan', '--json'], { cwd, aws: EMPTY_ACCOUNT });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({ version: 1, name: 'churn', target: 'sagemaker-realtime' });
    const endpoint = plan.steps.find((s: { resource: { kind: string } }) => s.resource.kind === 'SageMaker endpoint');
    expect(endpoint).toMatchObject({ action: 'create', resource: { name: 'churn' } });
    expectValid(result.calls);
    expect(result.calls.filter((call) => !READ_ONLY.test(call.operation))).toEqual([]);
    expect(result.calls.map((call) => call.operation)).toContain('DescribeEndpoint');
  });

  it('--region and --set reach the plan', async () => {
    await withConfig(CONFIG);
    const result = await runBinary(
      ['plan', '--json', '--set', 'target.instanceType=ml.c5.xlarge', '--set', 'name=churn-b'],
      {
        cwd,
        aws: EMPTY_ACCOUNT,
      },
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.name).toBe('churn-b');
    expect(JSON.stringify(plan.steps)).toContain('ml.c5.xlarge');
    expectValid(result.calls);
  });

  it('an artifact that is not there fails with exit 1 and one JSON error document', async () => {
    await withConfig(CONFIG);
    const result = await runBinary(['plan', '--json'], {
      cwd,
      aws: { ...EMPTY_ACCOUNT, 'S3:HeadObject': notFound('NotFound', 'Not Found') },
    });
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.error.code).toBe('NOT_FOUND');
    expect(result.stderr).toContain(ARTIFACT);
  });
});

describe('bad usage exits 2 before AWS is called', () => {
  it('a config value of the wrong type, with the path of the bad value', async () => {
    await withConfig({ ...CONFIG, target: { ...CONFIG.target, instanceType: 42 } });
    const result = await runBinary(['plan'], { cwd, aws: EMPTY_ACCOUNT });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('target.instanceType');
    expect(result.calls).toEqual([]);
  });

  it('an unknown command or option', async () => {
    const command = await runBinary(['deplyo'], { cwd });
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('deplyo');
    const option = await runBinary(['plan', '--colour'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--colour');
  });

  it('no config file says which files it looked for', async () => {
    const result = await runBinary(['plan'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('modelship.config.ts');
  });
});

describe('modelship destroy', () => {
  it('refuses without --yes when not on a terminal, and deletes nothing', async () => {
    await withConfig(CONFIG);
    const result = await runBinary(['destroy'], { cwd, aws: EMPTY_ACCOUNT });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(result.calls.filter((call) => !READ_ONLY.test(call.operation))).toEqual([]);
    // Bad usage is refused before AWS is asked anything at all.
    expect(result.calls).toEqual([]);
  });

  it('with --yes removes what it finds, safe when nothing is deployed', async () => {
    await withConfig(CONFIG);
    const result = await runBinary(['destroy', '--yes'], { cwd, aws: EMPTY_ACCOUNT });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Destroyed churn');
    expectValid(result.calls);
  });
});

describe('modelship --version', () => {
  it('prints the version as the only argument, and is an unknown option after a command (never a silent no-op)', async () => {
    const version = await runBinary(['--version'], { cwd });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const misplaced = await runBinary(['deploy', '--version'], { cwd });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("unknown option '--version'");
  });
});

describe('modelship --help', () => {
  it('lists every command and exits 0', async () => {
    const result = await runBinary(['--help'], { cwd });
    expect(result.code).toBe(0);
    for (const command of [
      'plan',
      'deploy',
      'status',
      'predict',
      'logs',
      'metrics',
      'rollback',
      'destroy',
      'registry',
      'local',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});
