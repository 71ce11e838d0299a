import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { Plan, PlanStep } from '../../src/deploy/plan.js';
import { InvalidArgumentError, ServiceError } from '../../src/errors.js';

/** A plan of one created resource and one cleanup step, with a log of what ran. */
function plan(cleanup: Partial<PlanStep> & Pick<PlanStep, 'apply'>, log: string[]): Plan {
  return {
    name: 'churn',
    target: 'test',
    steps: [
      {
        id: 'endpoint',
        resource: { kind: 'Endpoint', name: 'churn' },
        action: 'update',
        reason: 'new version',
        async apply() {
          log.push('update');
          return { config: 'v2' };
        },
        async undo() {
          log.push('undo update');
        },
      },
      {
        id: 'retire',
        resource: { kind: 'Config', name: 'v1' },
        action: 'delete',
        reason: 'no longer served',
        dependsOn: ['endpoint'],
        cleanup: true,
        ...cleanup,
      },
    ],
  };
}

describe('cleanup steps', () => {
  it('run after the others and record their output', async () => {
    const log: string[] = [];
    const result = await applyPlan(
      plan(
        {
          async apply(ctx) {
            log.push(`retire after ${JSON.stringify(ctx.output('endpoint'))}`);
            return { removed: 1 };
          },
        },
        log,
      ),
    );
    expect(log).toEqual(['update', 'retire after {"config":"v2"}']);
    expect(result.outputs.get('retire')).toEqual({ removed: 1 });
    expect(result.cleanupFailures).toEqual([]);
  });

  it('that fail are reported and roll nothing back', async () => {
    const log: string[] = [];
    const events: DeployEvent[] = [];
    const result = await applyPlan(
      plan(
        {
          async apply() {
            throw new ServiceError('config v1 is in use', { retryable: false });
          },
        },
        log,
      ),
      { onEvent: (e) => events.push(e) },
    );
    expect(log).toEqual(['update']);
    expect(result.cleanupFailures).toMatchObject([{ stepId: 'retire', resource: { name: 'v1' } }]);
    expect(result.steps.find((s) => s.id === 'retire')?.status).toBe('failed');
    expect(events.map((e) => e.type)).toContain('cleanup-failed');
    expect(events.at(-1)?.type).toBe('apply-done');
  });

  it('are retried after a retryable failure', async () => {
    let tries = 0;
    const result = await applyPlan(
      plan(
        {
          async apply() {
            tries += 1;
            if (tries === 1) throw new ServiceError('throttled', { retryable: true });
          },
        },
        [],
      ),
      { retry: { baseDelayMs: 1, maxDelayMs: 1 } },
    );
    expect(tries).toBe(2);
    expect(result.cleanupFailures).toEqual([]);
  });

  it('cannot hang the caller: each is bounded by undoTimeoutMs', async () => {
    const started = performance.now();
    const result = await applyPlan(
      plan(
        {
          apply: (ctx) =>
            new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
        },
        [],
      ),
      { undoTimeoutMs: 50 },
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.cleanupFailures).toHaveLength(1);
  });

  it('cannot be depended on by a step that is not a cleanup', async () => {
    const bad = plan({ async apply() {} }, []);
    const steps = [...bad.steps, { ...bad.steps[0], id: 'after', dependsOn: ['retire'] } as PlanStep];
    await expect(applyPlan({ ...bad, steps })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
