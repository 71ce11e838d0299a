/**
 * `modelship deploy` to a (fake) SageMaker real-time endpoint, as a CI log and a `--json` pipe see it: one line per
 * step, the final line, the outputs document, a failed endpoint rolled back with its reason, and a second deploy
 * that has nothing to do.
 */
import { describe, expect, it } from 'vitest';
import { CHURN_CONFIG, cli, fakeAccount, jsonOf, projectWith, startCli, until } from './support.js';

describe('modelship deploy', () => {
  it('prints a plain line per step and the final line, and leaves the endpoint InService', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/create SageMaker model churn-[0-9a-f]{10}: done/));
    expect(lines).toContainEqual(expect.stringMatching(/create SageMaker endpoint config churn-[0-9a-f]{10}: done/));
    expect(lines).toContainEqual(expect.stringMatching(/create SageMaker endpoint churn: started/));
    expect(lines).toContainEqual(expect.stringMatching(/create SageMaker endpoint churn: done/));
    expect(lines).toContainEqual(expect.stringMatching(/deployed churn in \S+, 3 steps changed/));
    expect(lines.at(-1)).toBe('Deployed churn (sagemaker-realtime)');
    // A CI log: no escape codes.
    expect(run.stdout).not.toContain('\u001b[');
    expect(sagemaker.resources()).toEqual([
      expect.stringMatching(/^endpoint churn -> churn-[0-9a-f]{10}$/),
      expect.stringMatching(/^endpoint-config churn-/),
      expect.stringMatching(/^model churn-/),
    ]);
  });

  it('on a terminal, shows the steps as a task list and ends with the same final line', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy'], { cwd, tty: true });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SageMaker endpoint churn');
    expect(run.stdout).toContain('✔');
    expect(run.stdout).toContain('Deployed churn (sagemaker-realtime)');
    expect(sagemaker.endpoints.get('churn')?.status).toBe('InService');
  });

  it('--json prints one document with the name, target, changed and outputs; progress goes to stderr', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy', '--json'], { cwd });

    expect(run.code).toBe(0);
    const document = jsonOf(run);
    expect(document).toMatchObject({
      name: 'churn',
      target: 'sagemaker-realtime',
      changed: true,
      cleanupFailures: [],
      outputs: {
        endpoint: {
          endpointName: 'churn',
          endpointArn: sagemaker.arn('endpoint', 'churn'),
          endpointConfigName: expect.stringMatching(/^churn-[0-9a-f]{10}$/),
        },
      },
    });
    expect(run.stderr).toContain('create SageMaker endpoint churn: done');
  });

  it('an endpoint that fails exits 1 with its reason, and removes what the run made', async () => {
    const { sagemaker } = fakeAccount();
    sagemaker.behaviour.createOutcome = 'Failed';
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('did not pass the ping health check');
    expect(run.stderr).toMatch(/removed what this run made: .*SageMaker endpoint churn/);
    expect(run.stdout).not.toContain('Deployed churn');
    expect(sagemaker.resources()).toEqual([]);
  });

  it('--json: a failed endpoint is one JSON error document with what was undone', async () => {
    const { sagemaker } = fakeAccount();
    sagemaker.behaviour.createOutcome = 'Failed';
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy', '--json'], { cwd });

    expect(run.code).toBe(1);
    const { error } = jsonOf<{ error: { code: string; message: string; report: { cleanedUp: unknown[] } } }>(run);
    expect(error.code).toBe('DEPLOYMENT_FAILED');
    expect(error.message).toContain('did not pass the ping health check');
    expect(error.report.cleanedUp).toContainEqual(
      expect.objectContaining({ kind: 'SageMaker endpoint', name: 'churn' }),
    );
  });

  it('a second deploy of the same config changes nothing and says it is already up to date', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);
    expect((await cli(['deploy'], { cwd })).code).toBe(0);
    const made = [...sagemaker.log];

    const again = await cli(['deploy'], { cwd });
    const againJson = await cli(['deploy', '--json'], { cwd });

    expect(again.code).toBe(0);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('Already up to date: churn (sagemaker-realtime)');
    expect(againJson.code).toBe(0);
    expect(jsonOf(againJson)).toMatchObject({ name: 'churn', changed: false });
    expect(sagemaker.log).toEqual(made);
  });

  it('Ctrl-C while the endpoint is creating exits 130 and removes what the run made', async () => {
    const { sagemaker } = fakeAccount();
    sagemaker.behaviour.polls = 5; // the endpoint stays Creating: the engine waits a second before it asks again
    const cwd = await projectWith(CHURN_CONFIG);
    const ctrlC = new AbortController();

    const running = startCli(['deploy'], { cwd, signal: ctrlC.signal });
    await until(() => sagemaker.log.some((line) => line.startsWith('CreateEndpoint ')));
    ctrlC.abort();
    // SageMaker deletes an endpoint only once it has settled, and the undo re-reads it every 10 s until then: let it
    // settle on the undo's first look.
    const endpoint = sagemaker.endpoints.get('churn');
    if (endpoint !== undefined) endpoint.pending = 0;
    const run = await running.done;

    expect(run.code).toBe(130);
    expect(run.stdout).toContain('create SageMaker endpoint churn: cancelled');
    expect(run.stdout).toContain('rolling back 3 steps this run made');
    expect(run.stderr).toMatch(/error \[ABORTED\]: Deployment "churn" was aborted .*Undone: SageMaker endpoint churn/);
    expect(sagemaker.resources()).toEqual([]);
  });
});
