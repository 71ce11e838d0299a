import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { Plan } from '../../src/deploy/plan.js';
import { AbortedError, TimeoutError } from '../../src/errors.js';
import { FakeTarget, planFor } from '../support/fake-target.js';

// Long pauses between polls: an engine that sat them out instead of noticing the abort would take seconds.
const SLOW_POLL = { initialDelayMs: 5000, maxDelayMs: 5000, jitter: 0 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('applyPlan cancellation', () => {
  it('throws AbortedError before any step when the signal has already aborted', async () => {
    const target = new FakeTarget();
    const events: DeployEvent[] = [];
    const reason = new Error('user pressed ctrl-c');

    const error = await rejection(
      applyPlan(await planFor(target), { signal: AbortSignal.abort(reason), onEvent: (e) => events.push(e) }),
    );

    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe(reason);
    expect((error as AbortedError).report).toBeUndefined();
    expect((error as AbortedError).message).toBe(
      'Deployment "churn" was aborted before it started; nothing was changed.',
    );
    expect(events).toEqual([]);
    expect(target.cloud.trace).toEqual([]);
  });

  it('stops within one poll interval when aborted while step 2 waits, and cleans up', async () => {
    const target = new FakeTarget({ pollsUntilReady: { model: 1000 } });
    const controller = new AbortController();
    const events: DeployEvent[] = [];
    let abortedAt = 0;
    const onEvent = (event: DeployEvent) => {
      events.push(event);
      if (event.type === 'step-waiting' && event.step.id === 'model' && abortedAt === 0) {
        // Abort from outside the engine, a little into the 5-second pause.
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort(new Error('deploy cancelled'));
        }, 20);
      }
    };

    const error = await rejection(
      applyPlan(await planFor(target), { signal: controller.signal, onEvent, poll: SLOW_POLL }),
    );
    const stoppedAfterMs = performance.now() - abortedAt;

    expect(abortedAt).toBeGreaterThan(0);
    expect(stoppedAfterMs).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AbortedError);
    const aborted = error as AbortedError;
    expect(aborted.code).toBe('ABORTED');
    expect(aborted.cause).toBe(controller.signal.reason);
    expect(aborted.report).toEqual({
      failedStep: 'model',
      cleanedUp: [
        { kind: 'Fake model', name: 'churn-model' },
        { kind: 'Fake artifact', name: 'churn-artifact' },
      ],
      leftBehind: [],
    });
    expect(aborted.message).toBe(
      'Deployment "churn" was aborted during step "model" (create Fake model churn-model). ' +
        'Undone: Fake model churn-model, Fake artifact churn-artifact.',
    );
    expect(target.cloud.isEmpty()).toBe(true);
    expect(target.cloud.trace).not.toContain('apply:endpoint');
    expect(events.map((e) => e.type).slice(-4)).toEqual([
      'step-failed',
      'rollback-started',
      'step-rolled-back',
      'step-rolled-back',
    ]);
  });

  it('stops at once while a poll itself hangs, and undoes with a signal that has not aborted', async () => {
    const controller = new AbortController();
    const undoSignals: AbortSignal[] = [];
    const plan: Plan = {
      name: 'p',
      target: 'fake',
      steps: [
        {
          id: 'hangs',
          resource: { kind: 'Thing', name: 'hangs' },
          action: 'create',
          reason: 'test',
          apply: async () => {
            setTimeout(() => controller.abort(), 20);
            return 'made';
          },
          // A describe call that never answers.
          wait: () => new Promise(() => {}),
          undo: async (ctx) => {
            undoSignals.push(ctx.signal);
            expect(ctx.output('hangs')).toBe('made');
          },
        },
      ],
    };
    const started = performance.now();

    const error = await rejection(applyPlan(plan, { signal: controller.signal }));

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).report?.cleanedUp).toEqual([{ kind: 'Thing', name: 'hangs' }]);
    expect(undoSignals).toHaveLength(1);
    expect(undoSignals[0]!.aborted).toBe(false);
  });

  it('lets an apply in flight see the abort, and does not undo it when it throws', async () => {
    const target = new FakeTarget({ applyDelayMs: 5000 });
    const controller = new AbortController();
    const plan = await planFor(target);
    // Skip the artifact's 5-second apply: only the model's apply is in flight when the abort comes.
    const steps = plan.steps.map((step) =>
      step.id === 'artifact'
        ? { ...step, action: 'none' as const, existingOutput: { arn: 'arn:fake:artifact', name: 'churn-artifact' } }
        : step,
    );
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();

    const error = await rejection(applyPlan({ ...plan, steps }, { signal: controller.signal }));

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).report).toEqual({ failedStep: 'model', cleanedUp: [], leftBehind: [] });
    expect(target.cloud.trace).toEqual(['apply:model']);
    expect(target.cloud.isEmpty()).toBe(true);
  });

  it('ignores an abort that comes after the last step finished', async () => {
    const target = new FakeTarget();
    const controller = new AbortController();
    const result = await applyPlan(await planFor(target), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step-done' && event.step.id === 'endpoint') controller.abort();
      },
    });
    expect(result.changed).toBe(true);
    expect(target.cloud.names()).toHaveLength(3);
  });
});

describe('applyPlan timeout', () => {
  it('throws TimeoutError naming the waiting step after rolling back', async () => {
    const target = new FakeTarget({ pollsUntilReady: { endpoint: 1_000_000 } });
    const started = performance.now();

    const error = await rejection(
      applyPlan(await planFor(target), { timeoutMs: 80, poll: { initialDelayMs: 5, maxDelayMs: 10, jitter: 0 } }),
    );

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(TimeoutError);
    const timeout = error as TimeoutError;
    expect(timeout.timeoutMs).toBe(80);
    expect(timeout.code).toBe('TIMEOUT');
    expect(timeout.report).toEqual({
      failedStep: 'endpoint',
      cleanedUp: [
        { kind: 'Fake endpoint', name: 'churn-endpoint' },
        { kind: 'Fake model', name: 'churn-model' },
        { kind: 'Fake artifact', name: 'churn-artifact' },
      ],
      leftBehind: [],
    });
    expect(timeout.message).toBe(
      'Deployment "churn" did not finish within 80 ms: step "endpoint" (create Fake endpoint churn-endpoint) was ' +
        'still waiting (last status: Creating). Undone: Fake endpoint churn-endpoint, Fake model churn-model, ' +
        'Fake artifact churn-artifact.',
    );
    expect(target.cloud.isEmpty()).toBe(true);
  });

  it('does not time out a plan that finishes in time', async () => {
    const target = new FakeTarget({ pollsUntilReady: 2 });
    const result = await applyPlan(await planFor(target), {
      timeoutMs: 5000,
      poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
    });
    expect(result.changed).toBe(true);
  });
});
