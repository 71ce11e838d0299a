/**
 * `modelship logs` on a deployed SageMaker endpoint, read from the fake CloudWatch Logs: one line per event as
 * `timestamp stream message`, the filter pattern passed to FilterLogEvents, NDJSON with `--json`, and `--follow`
 * printing new events until Ctrl-C, which ends it with exit 0.
 */
import { describe, expect, it } from 'vitest';
import { FakeCloudWatchLogs } from '../../monitor/support/fake-cloudwatch-logs.js';
import { cli, deployedChurn, startCli, until } from './support.js';

const GROUP = '/aws/sagemaker/Endpoints/churn';
const STREAM = 'AllTraffic/i-0abc';

/** Two events a minute apart, a few minutes ago (inside the default 10 minutes). */
function logsOfChurn() {
  const logs = new FakeCloudWatchLogs();
  const first = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 60_000);
  const second = new Date(first.getTime() + 60_000);
  logs.log(GROUP, STREAM, first.getTime(), 'loaded the model\n');
  logs.log(GROUP, STREAM, second.getTime(), 'ERROR could not parse the request\n');
  return { logs, first, second };
}

describe('modelship logs', () => {
  it('prints each event as `timestamp stream message`, oldest first', async () => {
    const { cwd } = await deployedChurn();
    const { logs, first, second } = logsOfChurn();

    const run = await cli(['logs'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${first.toISOString()} ${STREAM} loaded the model\n` +
        `${second.toISOString()} ${STREAM} ERROR could not parse the request\n`,
    );
    expect(logs.requests()[0]).toMatchObject({ logGroupName: GROUP, logStreamNamePrefix: 'AllTraffic/' });
  });

  it('--filter reaches FilterLogEvents as its filterPattern, and --since as its start time', async () => {
    const { cwd } = await deployedChurn();
    const { logs, second } = logsOfChurn();

    const run = await cli(['logs', '--filter', 'ERROR', '--since', '5m'], { cwd });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${second.toISOString()} ${STREAM} ERROR could not parse the request\n`);
    const [request] = logs.requests();
    expect(request?.filterPattern).toBe('ERROR');
    expect(Date.now() - (request?.startTime ?? 0)).toBeGreaterThanOrEqual(5 * 60_000);
    expect(Date.now() - (request?.startTime ?? 0)).toBeLessThan(6 * 60_000);
  });

  it('--json prints one JSON object per line', async () => {
    const { cwd } = await deployedChurn();
    const { first, second } = logsOfChurn();

    const run = await cli(['logs', '--json'], { cwd });

    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ timestamp: first.toISOString(), stream: STREAM, message: 'loaded the model\n' }),
      expect.objectContaining({ timestamp: second.toISOString(), stream: STREAM }),
    ]);
  });

  it('--follow prints events logged while it runs, and Ctrl-C ends it with exit 0', async () => {
    const { cwd } = await deployedChurn();
    const { logs, first } = logsOfChurn();
    const ctrlC = new AbortController();

    const running = startCli(['logs', '--follow'], { cwd, signal: ctrlC.signal });
    await until(() => running.stdoutSoFar().includes('could not parse'));
    const later = Date.now();
    logs.log(GROUP, STREAM, later, 'a request served after the follow began\n');
    // The follow polls again (every 2 s by default) and prints the new event; then the user presses Ctrl-C.
    await until(() => running.stdoutSoFar().includes('after the follow began'));
    ctrlC.abort();
    const run = await running.done;

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${first.toISOString()} ${STREAM} loaded the model`);
    expect(lines.at(-1)).toBe(`${new Date(later).toISOString()} ${STREAM} a request served after the follow began`);
    expect(lines).toHaveLength(3);
  });

  it('a deployment that is not there: exit 1, and no logs read', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    sagemaker.endpoints.clear();
    const logs = new FakeCloudWatchLogs();

    const run = await cli(['logs'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nothing is deployed under the name "churn".*deploy first/);
    expect(logs.requests()).toEqual([]);
  });
});
