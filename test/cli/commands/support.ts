/**
 * Runs `modelship <command>` in-process through `runCli`, against string buffers and the contract-checked AWS
 * fakes of the library tests: what a test reads is what a person or a pipe would see, and every AWS request the
 * command makes is checked against the service models after the test (test/setup.ts).
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GetMetricDataOutput } from '@aws-sdk/client-cloudwatch';
import { afterAll, expect } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { REGION } from '../../targets/sagemaker/support/fake-sagemaker.js';
import { ARTIFACT, fakeAws, ROLE } from '../../targets/sagemaker/support/setup.js';
import { bufferStream } from '../support/io.js';

/** What one run of the CLI left. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a run is set up. */
export interface CliRunOptions {
  readonly cwd: string;
  /** Ctrl-C: aborting it is what ends `logs --follow` or cancels a deploy. @default never aborted */
  readonly signal?: AbortSignal;
  /** Pretend stdout is a terminal. @default false (a CI log) */
  readonly tty?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

/** A run under way: what it has written so far, and its end. */
export interface CliRunning {
  /** Everything written to stdout so far. */
  stdoutSoFar(): string;
  readonly done: Promise<CliRun>;
}

/** Starts `modelship <args>`; for commands that run until Ctrl-C (`logs --follow`). */
export function startCli(args: readonly string[], options: CliRunOptions): CliRunning {
  const stdout = bufferStream(options.tty === true, 100);
  const stderr = bufferStream(options.tty === true, 100);
  const code = runCli(args, {
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
  });
  return {
    stdoutSoFar: () => stdout.text(),
    done: code.then((exit) => ({ code: exit, stdout: stdout.text(), stderr: stderr.text() })),
  };
}

/** Runs `modelship <args>` to its end. */
export function cli(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  return startCli(args, options).done;
}

/** The one JSON document a `--json` run printed (the test fails when stdout is anything else). */
export function jsonOf<T = Record<string, unknown>>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}

/** A real-time SageMaker config that fits {@link fakeAws}: its artifact, role and region. */
export const CHURN_CONFIG = {
  name: 'churn',
  model: { s3: ARTIFACT, framework: 'sklearn', frameworkVersion: '1.2-1' },
  target: { type: 'sagemaker-realtime', instanceType: 'ml.m5.large', role: ROLE },
  aws: { region: REGION },
};

const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A new folder holding a config file: `config` as JSON in `modelship.config.json`, or, given as a string, that text
 * in `file`. Removed after the test file.
 */
export async function projectWith(config: unknown, file = 'modelship.config.json'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-cli-commands-'));
  folders.push(dir);
  await writeFile(join(dir, file), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

/**
 * The fake AWS of the SageMaker target tests, with endpoints that settle on their first describe: the CLI polls
 * with the engine's default pacing (a second, then more), and the engine's first poll comes right after a step's
 * call, so a fake that is ready at once never makes the CLI sleep.
 */
export function fakeAccount() {
  const aws = fakeAws();
  aws.sagemaker.behaviour.polls = 0;
  return aws;
}

/** Three minutes of traffic ending now, as GetMetricData answers them (latency in microseconds). */
export function traffic(): GetMetricDataOutput {
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const Timestamps = [2, 1, 0].map((ago) => new Date(minute - ago * 60_000));
  const result = (Id: string, Values: number[]) => ({ Id, StatusCode: 'Complete' as const, Timestamps, Values });
  return {
    MetricDataResults: [
      result('invocations', [40, 55, 87]),
      result('errors4xx', [0, 1, 2]),
      result('errors5xx', [0, 0, 3]),
      result('p50', [11_000, 12_000, 14_500]),
      result('p90', [20_000, 22_000, 25_000]),
      result('p99', [30_000, 41_000, 412_500]),
    ],
  };
}

/** A folder whose config is {@link CHURN_CONFIG}, deployed through `modelship deploy` to a fresh fake account. */
export async function deployedChurn() {
  const aws = fakeAccount();
  const cwd = await projectWith(CHURN_CONFIG);
  expect((await cli(['deploy'], { cwd })).code).toBe(0);
  return { ...aws, cwd };
}

/** Resolves once `done` holds, checking every 20 ms; fails the test after `ms`. */
export async function until(done: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}
