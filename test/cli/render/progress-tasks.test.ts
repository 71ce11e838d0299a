import { describe, expect, it, vi } from 'vitest';
import { progressRenderer } from '../../../src/cli/render/progress.js';
import { applyPlan } from '../../../src/deploy/apply.js';
import { AbortedError, ThrottledError } from '../../../src/errors.js';
import { FakeTarget, fakeSpec, planFor } from '../../support/fake-target.js';
import { testIO } from '../support/io.js';
import { ARTIFACT, CONFIG, ENDPOINT, manualClock, ROLE } from './events.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape codes are what these strip and look for.
const ANY_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes (SGR) only, not cursor movement.
const COLOUR = /\u001b\[[0-9;]*m/;

/** What a person sees in the end: the text after the last redraw, escape codes left out. */
function lastFrame(text: string): string {
  const redraws = text.split('\u001b[G');
  return (redraws[redraws.length - 1] ?? '').replace(ANY_ESCAPE, '');
}

function plain(text: string): string {
  return text.replace(ANY_ESCAPE, '');
}

describe('progressRenderer, on a terminal', () => {
  it('draws a task per step with status, retries, a progress bar and elapsed times, ending with ✔ and a summary', async () => {
    const { io, stdout } = testIO({ interactive: true, color: false });
    const clock = manualClock();
    const progress = progressRenderer(io, 'deploy', { now: clock.now });
    const seen = (text: string) => vi.waitFor(() => expect(plain(stdout.text())).toContain(text));

    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ROLE, ARTIFACT, CONFIG, ENDPOINT] });
    progress.onEvent({ type: 'step-skipped', step: ROLE });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    progress.onEvent({ type: 'step-started', step: CONFIG });
    const total = 1_024_000_000;
    const upload = { done: 412_000_000, total, unit: 'bytes' as const };
    progress.onEvent({
      type: 'step-progress',
      step: ARTIFACT,
      status: '412.0 of 1024.0 MB uploaded',
      progress: upload,
    });
    await seen('████████░░░░░░░░░░░░ 40% · 412.0 of 1024.0 MB');
    const throttled = new ThrottledError('Rate exceeded.');
    progress.onEvent({
      type: 'step-retrying',
      step: CONFIG,
      phase: 'apply',
      attempt: 1,
      error: throttled,
      delayMs: 1200,
    });
    await seen('throttled, retrying in 1.2s (attempt 2)');
    clock.advance(1_200);
    progress.onEvent({ type: 'step-done', step: ARTIFACT, elapsedMs: 1_200 });
    progress.onEvent({ type: 'step-done', step: CONFIG, elapsedMs: 1_500 });
    progress.onEvent({ type: 'step-started', step: ENDPOINT });
    clock.advance(130_000);
    progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Creating', elapsedMs: 130_000 });
    await seen('Creating · 2m10s');
    clock.advance(241_000);
    progress.onEvent({ type: 'step-done', step: ENDPOINT, elapsedMs: 371_000 });
    progress.onEvent({ type: 'apply-done', name: 'churn', changed: true, elapsedMs: 372_300 });
    await progress.close();

    const frame = lastFrame(stdout.text());
    expect(frame.split('\n').filter((line) => line !== '')).toEqual([
      '↓ IAM role churn-role unchanged',
      '✔ create S3 object s3://models/churn/model.tar.gz 1.2s',
      '✔ create SageMaker endpoint config churn-7f3a 1.5s',
      '✔ create SageMaker endpoint churn 6m11s',
      '✔ deployed churn in 6m12s, 3 steps changed',
    ]);
    expect(plain(stdout.text())).toMatch(/^deploy churn\n/);
    expect(stdout.text()).not.toMatch(COLOUR);
  });

  it('shows the failure with its reason, cancelled steps, and the rollback as a second list, then ✖ and a summary', async () => {
    const { io, stdout } = testIO({ interactive: true, color: false });
    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT, CONFIG, ENDPOINT] });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    progress.onEvent({ type: 'step-started', step: CONFIG });
    progress.onEvent({ type: 'step-done', step: CONFIG, elapsedMs: 300 });
    progress.onEvent({ type: 'step-failed', step: ARTIFACT, error: new Error('Access Denied to bucket models.') });
    progress.onEvent({ type: 'rollback-started', steps: [CONFIG] });
    progress.onEvent({ type: 'step-rollback-failed', step: CONFIG, error: new Error('ValidationException: in use.') });
    await progress.close();

    const text = plain(stdout.text());
    expect(text).toContain('✖ create S3 object s3://models/churn/model.tar.gz\n  › Access Denied to bucket models');
    // The endpoint never started: the run stopped before it.
    expect(text).toContain('↓ create SageMaker endpoint churn (not started)');
    expect(text).toContain('rolling back 1 step');
    expect(text).toContain(
      '✖ undo create SageMaker endpoint config churn-7f3a\n  › left behind: ValidationException: in use',
    );
    expect(lastFrame(stdout.text()).trim().split('\n').at(-1)).toBe('✖ deploy churn failed after 0ms: 1 left behind');
  });

  it('keeps counting a waiting step’s time between polls, and shows an undo’s retries on the undo', async () => {
    const { io, stdout } = testIO({ interactive: true });
    const clock = manualClock();
    const progress = progressRenderer(io, 'deploy', { now: clock.now });
    const seen = (text: string) => vi.waitFor(() => expect(plain(stdout.text())).toContain(text), { timeout: 3000 });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ENDPOINT] });
    progress.onEvent({ type: 'step-started', step: ENDPOINT });
    progress.onEvent({ type: 'step-waiting', step: ENDPOINT, status: 'Creating', elapsedMs: 130_000 });
    await seen('Creating · 2m10s');
    // No poll for a while: the line still moves on.
    clock.advance(5_000);
    await seen('Creating · 2m15s');
    progress.onEvent({ type: 'step-failed', step: ENDPOINT, error: new Error('went Failed') });
    progress.onEvent({ type: 'rollback-started', steps: [ENDPOINT] });
    const throttled = new ThrottledError('Rate exceeded.');
    progress.onEvent({
      type: 'step-retrying',
      step: ENDPOINT,
      phase: 'undo',
      attempt: 2,
      error: throttled,
      delayMs: 2000,
    });
    await seen('undo create SageMaker endpoint churn\n  › throttled, retrying undo in 2.0s (attempt 3)');
    progress.onEvent({ type: 'step-rolled-back', step: ENDPOINT });
    await progress.close();
    expect(lastFrame(stdout.text())).toContain('✔ undo create SageMaker endpoint churn');
  });

  it('marks a step the engine cancelled (another failed) as cancelled, not as its own failure', async () => {
    const { io, stdout } = testIO({ interactive: true });
    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT, CONFIG] });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    progress.onEvent({ type: 'step-started', step: CONFIG });
    progress.onEvent({ type: 'step-failed', step: ARTIFACT, error: new Error('boom') });
    progress.onEvent({
      type: 'step-failed',
      step: CONFIG,
      error: new AbortedError('Cancelled because plan step "artifact" failed.'),
    });
    await progress.close();
    expect(plain(stdout.text())).toContain('✖ create SageMaker endpoint config churn-7f3a\n  › cancelled');
  });

  it('colours only when io.color', async () => {
    const { io, stdout } = testIO({ interactive: true, color: true });
    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT] });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    progress.onEvent({ type: 'step-done', step: ARTIFACT, elapsedMs: 5 });
    progress.onEvent({ type: 'apply-done', name: 'churn', changed: true, elapsedMs: 5 });
    await progress.close();
    expect(stdout.text()).toMatch(COLOUR);
    expect(lastFrame(stdout.text())).toContain('✔ deployed churn in 5ms, 1 step changed');
  });

  it('closes safely twice, before any event, and with steps that never started', async () => {
    const { io, stdout } = testIO({ interactive: true });
    const idle = progressRenderer(io, 'deploy');
    await idle.close();
    await idle.close();
    expect(stdout.text()).toBe('');

    const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
    progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT, ENDPOINT] });
    progress.onEvent({ type: 'step-started', step: ARTIFACT });
    await Promise.all([progress.close(), progress.close()]);
    // Events after close are ignored, not drawn on a released terminal.
    progress.onEvent({ type: 'step-done', step: ARTIFACT, elapsedMs: 1 });
    const text = plain(stdout.text());
    expect(text).toContain('↓ create S3 object s3://models/churn/model.tar.gz (not started)');
    expect(text.trim().split('\n').at(-1)).toBe('✖ deploy churn stopped after 0ms: nothing to roll back');
  });

  it('draws a real applyPlan run whose independent steps run at the same time', async () => {
    const { io, stdout } = testIO({ interactive: true });
    const target = new FakeTarget({
      pollsUntilReady: 1,
      resources: [
        { key: 'artifact', kind: 'Fake artifact' },
        { key: 'role', kind: 'Fake role', dependsOn: [] },
        { key: 'endpoint', kind: 'Fake endpoint', dependsOn: ['artifact', 'role'] },
      ],
    });
    const plan = await planFor(target, fakeSpec('churn'));
    const progress = progressRenderer(io, 'deploy');
    await applyPlan(plan, { onEvent: progress.onEvent, poll: { initialDelayMs: 1, maxDelayMs: 1 } });
    await progress.close();

    const frame = lastFrame(stdout.text()).trim().split('\n');
    expect(frame.map((line) => line.replace(/ [\d.]+m?s$/, ''))).toEqual([
      '✔ create Fake artifact churn-artifact',
      '✔ create Fake role churn-role',
      '✔ create Fake endpoint churn-endpoint',
      expect.stringMatching(/^✔ deployed churn in .+, 3 steps changed$/),
    ]);
  });
});
