import { describe, expect, it } from 'vitest';
import { progressRenderer } from '../../../src/cli/render/progress.js';
import { applyPlan } from '../../../src/deploy/apply.js';
import { ThrottledError } from '../../../src/errors.js';
import { FakeTarget, fakeSpec, planFor } from '../../support/fake-target.js';
import { testIO } from '../support/io.js';
import { ARTIFACT, CONFIG, ENDPOINT, ESCAPE, manualClock, ROLE } from './events.js';

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

describe('progressRenderer, not on a terminal', () => {
  it('writes one plain line per meaningful event of a successful run, ending with a summary', async () => {
    const { io, stdout, stderr } = testIO();
    const clock = manualClock();
    const progress = progressRenderer(io, 'deploy', { now: clock.now });

    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ROLE, ARTIFACT, CONFIG, ENDPOINT] });
    progress.onEvent({ type: 'step-skipped', step: ROLE });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    clock.advance(1_200);
    progress.onEvent({ type: 'step-done', step: ARTIFACT, elapsedMs: 1_200 });
    progress.onEvent({ type: 'step-started', step: CONFIG });
    clock.advance(300);
    progress.onEvent({ type: 'step-done', step: CONFIG, elapsedMs: 300 });
    progress.onEvent({ type: 'step-started', step: ENDPOINT });
    clock.advance(10_800);
    progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Creating', elapsedMs: 10_800 });
    clock.advance(360_000);
    progress.onEvent({ type: 'step-done', step: ENDPOINT, elapsedMs: 370_800 });
    progress.onEvent({ type: 'apply-done', name: 'churn', changed: true, elapsedMs: 372_300 });
    await progress.close();

    expect(lines(stdout.text())).toEqual([
      '[    0ms] deploy churn: 4 steps, 1 unchanged',
      '[    0ms] IAM role churn-role unchanged',
      '[    0ms] create S3 object s3://models/churn/model.tar.gz: started',
      '[   1.2s] create S3 object s3://models/churn/model.tar.gz: done in 1.2s',
      '[   1.2s] create SageMaker endpoint config churn-7f3a: started',
      '[   1.5s] create SageMaker endpoint config churn-7f3a: done in 300ms',
      '[   1.5s] create SageMaker endpoint churn: started',
      '[  12.3s] create SageMaker endpoint churn: Creating',
      '[  6m12s] create SageMaker endpoint churn: done in 6m11s',
      '[  6m12s] deployed churn in 6m12s, 3 steps changed',
    ]);
    expect(stderr.text()).toBe('');
  });

  it('writes a waiting line when the status changes, or after 30 s of the same status, not on every poll', async () => {
    const { io, stdout } = testIO();
    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    progress.onEvent({ type: 'step-started', step: ENDPOINT });
    for (let elapsedMs = 5_000; elapsedMs <= 65_000; elapsedMs += 5_000) {
      progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Creating', elapsedMs });
    }
    progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Updating', elapsedMs: 70_000 });
    progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Updating', elapsedMs: 75_000 });
    await progress.close();

    const waiting = lines(stdout.text()).filter((line) => !line.endsWith('started'));
    expect(waiting.map((line) => line.slice(10))).toEqual([
      'create SageMaker endpoint churn: Creating',
      'create SageMaker endpoint churn: Creating (35.0s)',
      'create SageMaker endpoint churn: Creating (1m05s)',
      'create SageMaker endpoint churn: Updating',
    ]);
  });

  it('writes an upload’s progress at most once per 10%', async () => {
    const { io, stdout } = testIO();
    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    const total = 1_024_000_000;
    // The S3 step reports every 5%; the log wants every 10%.
    for (let percent = 0; percent <= 100; percent += 5) {
      const done = (total * percent) / 100;
      progress.onEvent({
        type: 'step-progress',
        step: ARTIFACT,
        status: `${(done / 1e6).toFixed(1)} of 1024.0 MB uploaded`,
        progress: { done, total, unit: 'bytes' },
      });
    }
    await progress.close();

    const shown = lines(stdout.text()).map((line) => line.replace(/^.*model\.tar\.gz: /, ''));
    expect(shown).toEqual([
      '0.0 of 1024.0 MB (0%)',
      '102.4 of 1024.0 MB (10%)',
      '204.8 of 1024.0 MB (20%)',
      '307.2 of 1024.0 MB (30%)',
      '409.6 of 1024.0 MB (40%)',
      '512.0 of 1024.0 MB (50%)',
      '614.4 of 1024.0 MB (60%)',
      '716.8 of 1024.0 MB (70%)',
      '819.2 of 1024.0 MB (80%)',
      '921.6 of 1024.0 MB (90%)',
      '1024.0 of 1024.0 MB (100%)',
    ]);
  });

  it('writes retries, the failure, the rollback and a failure summary on close', async () => {
    const { io, stdout } = testIO();
    const clock = manualClock();
    const progress = progressRenderer(io, 'deploy', { now: clock.now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT, ENDPOINT] });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    progress.onEvent({ type: 'step-done', step: ARTIFACT, elapsedMs: 10 });
    progress.onEvent({ type: 'step-started', step: ENDPOINT });
    const throttled = new ThrottledError('Rate exceeded.');
    progress.onEvent({
      type: 'step-retrying',
      step: ENDPOINT,
      phase: 'apply',
      attempt: 1,
      error: throttled,
      delayMs: 1_200,
    });
    clock.advance(40_000);
    progress.onEvent({
      type: 'step-failed',
      step: ENDPOINT,
      error: new Error('ResourceLimitExceeded: no ml.m5.large left.'),
    });
    progress.onEvent({ type: 'rollback-started', steps: [ARTIFACT] });
    progress.onEvent({ type: 'step-rolled-back', step: ARTIFACT });
    clock.advance(100);
    await progress.close();
    await progress.close();

    expect(lines(stdout.text()).map((line) => line.slice(10))).toEqual([
      'deploy churn: 2 steps',
      'create S3 object s3://models/churn/model.tar.gz: started',
      'create S3 object s3://models/churn/model.tar.gz: done in 10ms',
      'create SageMaker endpoint churn: started',
      'create SageMaker endpoint churn: throttled, retrying in 1.2s (attempt 2)',
      'create SageMaker endpoint churn: failed: ResourceLimitExceeded: no ml.m5.large left',
      'rolling back 1 step this run made',
      'create S3 object s3://models/churn/model.tar.gz: rolled back',
      'deploy churn failed after 40.1s: 1 rolled back',
    ]);
  });

  it('writes a failed cleanup, and progress without numbers at most every 10 s', async () => {
    const { io, stdout } = testIO();
    const clock = manualClock();
    const progress = progressRenderer(io, 'deploy', { now: clock.now });
    const old = {
      ...CONFIG,
      action: 'delete' as const,
      resource: { kind: 'SageMaker endpoint config', name: 'churn-1' },
    };
    let previous = 0;
    for (const seconds of [0, 4, 8, 12, 16, 24]) {
      clock.advance((seconds - previous) * 1000);
      previous = seconds;
      progress.onEvent({ type: 'step-progress', step: ARTIFACT, status: `${seconds} objects copied` });
    }
    progress.onEvent({ type: 'cleanup-failed', step: old, error: new Error('ResourceInUse: still attached.') });
    await progress.close();
    expect(lines(stdout.text())).toEqual([
      '[    0ms] create S3 object s3://models/churn/model.tar.gz: 0 objects copied',
      '[  12.0s] create S3 object s3://models/churn/model.tar.gz: 12 objects copied',
      '[  24.0s] create S3 object s3://models/churn/model.tar.gz: 24 objects copied',
      '[  24.0s] delete SageMaker endpoint config churn-1: cleanup failed, still there: ResourceInUse: still attached',
    ]);
  });

  it('writes to stderr with --json, so stdout keeps only the JSON document', async () => {
    const { io, stdout, stderr } = testIO({ json: true });
    const progress = progressRenderer(io, 'destroy', { now: manualClock().now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [stepDelete()] });
    progress.onEvent({ type: 'apply-done', name: 'churn', changed: true, elapsedMs: 2_000 });
    await progress.close();
    expect(stdout.text()).toBe('');
    expect(lines(stderr.text()).at(-1)).toBe('[    0ms] destroyed churn in 2.0s, nothing changed');
  });

  it('shows a real applyPlan run with a failing step and its rollback, without escape codes', async () => {
    const { io, stdout } = testIO({ color: false });
    const target = new FakeTarget({
      pollsUntilReady: 2,
      faults: [
        { step: 'endpoint', phase: 'wait', onPoll: 2, error: new Error('Endpoint churn-endpoint went Failed.') },
      ],
    });
    const plan = await planFor(target, fakeSpec('churn'));
    const progress = progressRenderer(io, 'deploy');
    await expect(
      applyPlan(plan, { onEvent: progress.onEvent, poll: { initialDelayMs: 1, maxDelayMs: 1 } }),
    ).rejects.toThrow();
    await progress.close();

    const text = stdout.text();
    expect(text).not.toMatch(ESCAPE);
    const shown = lines(text).map((line) => line.replace(/^\[[^\]]*\] /, ''));
    expect(shown[0]).toBe('deploy churn: 3 steps');
    expect(shown).toContain('create Fake artifact churn-artifact: started');
    expect(shown).toContain('create Fake endpoint churn-endpoint: failed: Endpoint churn-endpoint went Failed');
    expect(shown).toContain('create Fake endpoint churn-endpoint: Creating');
    expect(shown).toContain('rolling back 3 steps this run made');
    expect(shown).toContain('create Fake model churn-model: rolled back');
    expect(shown.at(-1)).toMatch(/^deploy churn failed after .+: 3 rolled back$/);
    expect(target.cloud.isEmpty()).toBe(true);
  });
});

function stepDelete() {
  return { ...ENDPOINT, action: 'delete' as const };
}
