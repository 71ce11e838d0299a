import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { PlanStep } from '../../src/deploy/plan.js';
import { AbortedError, DeploymentFailedError, ServiceError, TimeoutError } from '../../src/errors.js';
import { FakeTarget, fakeSpec, planFor } from '../support/fake-target.js';

const FAST = { initialDelayMs: 1, maxDelayMs: 2, factor: 2, jitter: 0 };
// These tests are about rollback after a step has failed for good. The fake target's injected faults are
// retryable ServiceErrors, which the engine would otherwise try again (engine-retry.test.ts covers that).
const NO_RETRY = { maxAttempts: 1 };

async function deploymentFailure(applying: Promise<unknown>): Promise<DeploymentFailedError> {
  const error = await applying.then(
    () => {
      throw new Error('expected the apply to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeploymentFailedError);
  return error as DeploymentFailedError;
}

async function failedApply(target: FakeTarget, events: DeployEvent[] = [], spec = fakeSpec()) {
  return deploymentFailure(
    applyPlan(await planFor(target, spec), { poll: FAST, retry: NO_RETRY, onEvent: (e) => events.push(e) }),
  );
}

const rollbackEvents = (events: DeployEvent[]) =>
  events.flatMap((e) =>
    e.type === 'step-failed' || e.type === 'step-rolled-back' || e.type === 'step-rollback-failed'
      ? [`${e.type} ${e.step.id}`]
      : e.type === 'rollback-started'
        ? [`rollback-started ${e.steps.map((s) => s.id).join(',')}`]
        : [],
  );

describe('applyPlan rollback', () => {
  it('undoes everything in reverse order when the third step fails to apply', async () => {
    const injected = new ServiceError('CreateEndpoint failed: capacity');
    const target = new FakeTarget({
      pollsUntilReady: 1,
      faults: [{ step: 'endpoint', phase: 'apply', error: injected }],
    });
    const events: DeployEvent[] = [];

    const error = await failedApply(target, events);

    expect(target.cloud.isEmpty()).toBe(true);
    expect(target.cloud.log).toEqual([
      { op: 'create', kind: 'Fake artifact', name: 'churn-artifact' },
      { op: 'create', kind: 'Fake model', name: 'churn-model' },
      { op: 'delete', kind: 'Fake model', name: 'churn-model' },
      { op: 'delete', kind: 'Fake artifact', name: 'churn-artifact' },
    ]);
    // The endpoint's apply threw, so it changed nothing and is not undone.
    expect(target.cloud.trace.filter((t) => t.startsWith('undo:'))).toEqual(['undo:model', 'undo:artifact']);
    expect(rollbackEvents(events)).toEqual([
      'step-failed endpoint',
      'rollback-started model,artifact',
      'step-rolled-back model',
      'step-rolled-back artifact',
    ]);
    expect(events.some((e) => e.type === 'apply-done')).toBe(false);
    expect(error.cause).toBe(injected);
    expect(error.report).toEqual({
      failedStep: 'endpoint',
      cleanedUp: [
        { kind: 'Fake model', name: 'churn-model' },
        { kind: 'Fake artifact', name: 'churn-artifact' },
      ],
      leftBehind: [],
    });
    expect(error.message).toBe(
      'Deployment "churn" failed at step "endpoint" (create Fake endpoint churn-endpoint): CreateEndpoint failed: ' +
        'capacity. Undone: Fake model churn-model, Fake artifact churn-artifact.',
    );
    // A throttled or unavailable service is worth a retry once nothing is left behind.
    expect(error.retryable).toBe(true);
    expect(error.code).toBe('DEPLOYMENT_FAILED');
  });

  it('also undoes the failed step when its apply returned but its wait failed', async () => {
    const target = new FakeTarget({ pollsUntilReady: 3, faults: [{ step: 'endpoint', phase: 'wait', onPoll: 2 }] });
    const events: DeployEvent[] = [];

    const error = await failedApply(target, events);

    expect(target.cloud.isEmpty()).toBe(true);
    expect(target.cloud.log.slice(3)).toEqual([
      { op: 'delete', kind: 'Fake endpoint', name: 'churn-endpoint' },
      { op: 'delete', kind: 'Fake model', name: 'churn-model' },
      { op: 'delete', kind: 'Fake artifact', name: 'churn-artifact' },
    ]);
    expect(rollbackEvents(events)).toEqual([
      'step-failed endpoint',
      'rollback-started endpoint,model,artifact',
      'step-rolled-back endpoint',
      'step-rolled-back model',
      'step-rolled-back artifact',
    ]);
    expect(error.report.failedStep).toBe('endpoint');
    expect(error.report.cleanedUp.map((r) => r.name)).toEqual(['churn-endpoint', 'churn-model', 'churn-artifact']);
  });

  it('reports an undo that throws as left behind and goes on rolling back', async () => {
    const undoError = new Error('DeleteModel: access denied');
    const target = new FakeTarget({
      faults: [
        { step: 'endpoint', phase: 'apply' },
        { step: 'model', phase: 'undo', error: undoError },
      ],
    });
    const events: DeployEvent[] = [];

    const error = await failedApply(target, events);

    expect(target.cloud.names()).toEqual(['Fake model/churn-model']);
    expect(rollbackEvents(events)).toEqual([
      'step-failed endpoint',
      'rollback-started model,artifact',
      'step-rollback-failed model',
      'step-rolled-back artifact',
    ]);
    expect(error.report.leftBehind).toEqual([{ kind: 'Fake model', name: 'churn-model', error: undoError }]);
    expect(error.report.cleanedUp).toEqual([{ kind: 'Fake artifact', name: 'churn-artifact' }]);
    expect(error.message).toContain(
      'Undone: Fake artifact churn-artifact. Left behind, needs attention: Fake model churn-model (DeleteModel: access denied).',
    );
    expect(error.retryable).toBe(false);
  });

  it('restores an updated resource and leaves untouched ones alone', async () => {
    const target = new FakeTarget();
    await applyPlan(await planFor(target), { poll: FAST });
    const before = target.cloud.get('Fake endpoint', 'churn-endpoint')!.config;
    target.faults = [{ step: 'endpoint', phase: 'wait' }];

    const error = await failedApply(target, [], fakeSpec('churn', { autoscaling: { min: 1, max: 2 } }));

    expect(error.report.cleanedUp).toEqual([{ kind: 'Fake endpoint', name: 'churn-endpoint' }]);
    expect(target.cloud.get('Fake endpoint', 'churn-endpoint')).toMatchObject({ config: before, status: 'InService' });
    expect(target.cloud.log.slice(3)).toEqual([
      { op: 'update', kind: 'Fake endpoint', name: 'churn-endpoint' },
      { op: 'update', kind: 'Fake endpoint', name: 'churn-endpoint' },
    ]);
    expect(target.cloud.names()).toHaveLength(3);
  });

  it('converges on a retry after a failed apply', async () => {
    const target = new FakeTarget({ faults: [{ step: 'model', phase: 'wait' }] });
    await failedApply(target);
    target.faults = [];

    const plan = await planFor(target);
    expect(plan.steps.map((s) => s.action)).toEqual(['create', 'create', 'create']);
    await applyPlan(plan, { poll: FAST });
    expect(target.cloud.list().map((r) => r.status)).toEqual(['InService', 'InService', 'InService']);
  });

  it('cancels a concurrent step when its sibling fails, then undoes both', async () => {
    const target = new FakeTarget({
      resources: [
        { key: 'slow', dependsOn: [] },
        { key: 'broken', dependsOn: [] },
        { key: 'last', dependsOn: ['slow', 'broken'] },
      ],
      // 'slow' would need 10 000 polls at 1 s: only cancelling it lets this test finish.
      pollsUntilReady: { slow: 10_000 },
      faults: [{ step: 'broken', phase: 'wait', onPoll: 1 }],
    });
    const events: DeployEvent[] = [];
    const started = performance.now();

    const error = await deploymentFailure(
      applyPlan(await planFor(target), {
        poll: { initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0 },
        retry: NO_RETRY,
        onEvent: (e) => events.push(e),
      }),
    );

    expect(performance.now() - started).toBeLessThan(900);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect(error.report.failedStep).toBe('broken');
    expect(target.cloud.isEmpty()).toBe(true);
    expect(target.cloud.trace).not.toContain('apply:last');
    const slowFailed = events.find((e) => e.type === 'step-failed' && e.step.id === 'slow');
    expect(slowFailed?.type === 'step-failed' && slowFailed.error).toBeInstanceOf(AbortedError);
    // Both were applied; 'broken' returned from apply second, so it is undone first.
    expect(rollbackEvents(events).slice(-3)).toEqual([
      'rollback-started broken,slow',
      'step-rolled-back broken',
      'step-rolled-back slow',
    ]);
  });

  it('reports a create without undo as left behind, and does not reverse a delete', async () => {
    const step = (id: string, extra: Partial<PlanStep>): PlanStep => ({
      id,
      resource: { kind: 'Thing', name: id },
      action: 'create',
      reason: 'test',
      apply: async () => id,
      ...extra,
    });
    const events: DeployEvent[] = [];
    const error = await deploymentFailure(
      applyPlan(
        {
          name: 'p',
          target: 'fake',
          steps: [
            step('kept', {}),
            step('removed', { action: 'delete' }),
            step('fails', { apply: () => Promise.reject(new Error('boom')) }),
          ],
        },
        { onEvent: (e) => events.push(e) },
      ),
    );

    expect(error.report.cleanedUp).toEqual([]);
    expect(error.report.leftBehind).toHaveLength(1);
    expect(error.report.leftBehind[0]).toMatchObject({ kind: 'Thing', name: 'kept' });
    expect((error.report.leftBehind[0]!.error as Error).message).toBe(
      'Plan step "kept" has no undo, so its create Thing kept was not reversed.',
    );
    expect(rollbackEvents(events)).toEqual(['step-failed fails', 'rollback-started kept', 'step-rollback-failed kept']);
  });

  it('gives up on an undo that outlives undoTimeoutMs and reports it as left behind', async () => {
    let undoSignal: AbortSignal | undefined;
    const error = await deploymentFailure(
      applyPlan(
        {
          name: 'p',
          target: 'fake',
          steps: [
            {
              id: 'hangs',
              resource: { kind: 'Thing', name: 'hangs' },
              action: 'create',
              reason: 'test',
              apply: async () => 'x',
              wait: async () => {
                throw new Error('went Failed');
              },
              undo: (ctx) => {
                undoSignal = ctx.signal;
                return new Promise(() => {});
              },
            },
          ],
        },
        { undoTimeoutMs: 30 },
      ),
    );

    expect(error.report.leftBehind).toHaveLength(1);
    const leftError = error.report.leftBehind[0]!.error;
    expect(leftError).toBeInstanceOf(TimeoutError);
    expect((leftError as TimeoutError).timeoutMs).toBe(30);
    expect(undoSignal?.aborted).toBe(true);
    expect(error.message).toContain('Left behind, needs attention: Thing hangs (Undoing create Thing hangs did not');
  });

  it('keeps a non-modelship cause as is and does not call it retryable', async () => {
    const cause = new TypeError('cannot read properties of undefined');
    const target = new FakeTarget({ faults: [{ step: 'artifact', phase: 'apply', error: cause }] });
    const error = await failedApply(target);
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(false);
    expect(error.report).toEqual({ failedStep: 'artifact', cleanedUp: [], leftBehind: [] });
    expect(error.message).toBe(
      'Deployment "churn" failed at step "artifact" (create Fake artifact churn-artifact): cannot read properties of ' +
        'undefined. This run had changed nothing, so nothing was undone.',
    );
  });
});
