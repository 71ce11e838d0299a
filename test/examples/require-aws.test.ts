import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAwsCredentials, missingCredentialsMessage } from '../../examples/support/require-aws.js';

// The AWS examples, run as a user runs them (`node --import tsx examples/<name>.ts`), on a machine with no AWS
// credentials at all: each must stop at once with exit code 2 and say what to set, not fail inside a plan.

/** Each example that calls AWS, and the arguments a user would give it. */
const AWS_EXAMPLES: Record<string, readonly string[]> = {
  'sagemaker-realtime': ['./churn-model'],
  'sagemaker-serverless': ['s3://my-bucket/fraud/model.tar.gz'],
  'ab-test': ['s3://my-bucket/churn/v1/model.tar.gz', 's3://my-bucket/churn/v2/model.tar.gz'],
  'autoscaling-and-alarms': ['s3://my-bucket/churn/v1/model.tar.gz', 's3://my-bucket/churn/v2/model.tar.gz'],
  'lambda-function-url': [],
  'lambda-http-api': [],
  'batch-transform': ['--sagemaker', '--model', 's3://b/m.tar.gz', '--input', 's3://b/in/', '--output', 's3://b/out/'],
};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The parent's environment without anything that could give AWS credentials, and no metadata service. */
function noCredentialsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_')) env[key] = value;
  }
  const missing = join(process.cwd(), '.tmp', 'no-such-aws-dir');
  return {
    ...env,
    HOME: missing, // the SSO token cache and ~/.aws live under HOME
    AWS_CONFIG_FILE: join(missing, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(missing, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
    MODELSHIP_ROLE_ARN: 'arn:aws:iam::123456789012:role/SageMakerExecution',
    ...extra,
  };
}

function runExample(name: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `examples/${name}.ts`, ...args],
      { env, timeout: 60_000 }, // generous: the machine may be busy; a run takes about a second when it is not
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('AWS examples without AWS credentials', () => {
  it('each stops with exit code 2, says what to set and what a run costs, and prints no plan', async () => {
    const names = Object.keys(AWS_EXAMPLES);
    const runs: Run[] = [];
    // Two at a time: each run is a Node process compiling TypeScript, and the machine's cores are shared.
    for (let i = 0; i < names.length; i += 2) {
      const batch = names.slice(i, i + 2);
      runs.push(...(await Promise.all(batch.map((n) => runExample(n, AWS_EXAMPLES[n] ?? [], noCredentialsEnv())))));
    }
    for (const [i, run] of runs.entries()) {
      const name = names[i];
      expect({ name, code: run.code }).toEqual({ name, code: 2 });
      expect(run.stderr).toContain(`${name} needs an AWS account, and no AWS credentials were found`);
      expect(run.stderr).toContain('AWS_PROFILE=<profile>');
      expect(run.stderr).toContain('AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…');
      expect(run.stderr).toContain('aws sso login');
      expect(run.stderr).toContain('What a run costs:');
      expect(run.stdout).toBe('');
    }
  }, 180_000);

  it('each says it needs an AWS account on its first line', async () => {
    for (const name of Object.keys(AWS_EXAMPLES)) {
      const first = (await readFile(`examples/${name}.ts`, 'utf8')).split('\n')[0];
      expect(first, name).toMatch(/^\/\/ Needs an AWS account\b/);
    }
  });

  it('lets a run with credentials through to the example itself', async () => {
    // Keys from the environment: the guard passes and the example's own usage check answers (no model folder).
    const run = await runExample(
      'sagemaker-realtime',
      [],
      noCredentialsEnv({ AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/EXAMPLE' }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npx tsx examples/sagemaker-realtime.ts <model folder>');
    expect(run.stderr).not.toContain('needs an AWS account');
  }, 60_000);

  it('predictor-backend stops too when ENDPOINT_NAME points it at a real endpoint', async () => {
    const run = await runExample('predictor-backend', [], noCredentialsEnv({ ENDPOINT_NAME: 'churn' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('predictor-backend needs an AWS account, and no AWS credentials were found');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('a profile that does not exist is reported as missing credentials', async () => {
    const run = await runExample('sagemaker-serverless', AWS_EXAMPLES['sagemaker-serverless'] ?? [], {
      ...noCredentialsEnv({ AWS_PROFILE: 'no-such-profile' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sagemaker-serverless needs an AWS account');
  }, 60_000);
});

describe('checkAwsCredentials', () => {
  const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

  it('finds credentials the chain gives', async () => {
    await expect(checkAwsCredentials({ provider: async () => keys })).resolves.toEqual({ found: true });
  });

  it("reports the chain's error, first line only", async () => {
    const provider = async () => {
      throw new Error('Could not load credentials from any providers\n  at somewhere');
    };
    await expect(checkAwsCredentials({ provider })).resolves.toEqual({
      found: false,
      reason: 'Could not load credentials from any providers',
    });
  });

  it('gives up on a chain that hangs (a metadata service that never answers) after the timeout', async () => {
    const started = Date.now();
    const check = await checkAwsCredentials({ provider: () => new Promise(() => {}), timeoutMs: 50 });
    expect(check).toEqual({ found: false, reason: 'the credential chain gave no answer within 50 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('missingCredentialsMessage', () => {
  it('names the example and the reason, and leaves out the cost line when no cost is given', () => {
    const message = missingCredentialsMessage('ab-test', 'no profile');
    expect(message.split('\n')[0]).toBe(
      'ab-test needs an AWS account, and no AWS credentials were found (no profile).',
    );
    expect(message).not.toContain('What a run costs');
    expect(message).toContain('AWS_REGION');
  });
});
