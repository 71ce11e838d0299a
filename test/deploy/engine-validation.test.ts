import { describe, expect, it } from 'vitest';
import { type ApplyOptions, applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { Plan, PlanStep } from '../../src/deploy/plan.js';
import { InvalidArgumentError } from '../../src/errors.js';

let applied: string[] = [];
const step = (id: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  id,
  resource: { kind: 'Thing', name: id },
  action: 'create',
  reason: 'test',
  apply: async () => {
    applied.push(id);
    return id;
  },
  ...extra,
});
const plan = (...steps: PlanStep[]): Plan => ({ name: 'p', target: 'fake', steps });

async function rejected(p: Plan, options: ApplyOptions = {}): Promise<InvalidArgumentError> {
  applied = [];
  const events: DeployEvent[] = [];
  const error = await applyPlan(p, { ...options, onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  // Rejected before anything ran.
  expect(applied).toEqual([]);
  expect(events).toEqual([]);
  return error as InvalidArgumentError;
}

describe('applyPlan plan validation', () => {
  it('rejects duplicate step ids', async () => {
    const error = await rejected(plan(step('a'), step('b'), step('a')));
    expect(error.argument).toBe('plan.steps[2].id');
    expect(error.message).toBe('Plan "p" has two steps with id "a" (steps 0 and 2). Step ids must be unique.');
  });

  it('rejects a dependsOn that names no step', async () => {
    const error = await rejected(plan(step('a'), step('b', { dependsOn: ['nope'] })));
    expect(error.argument).toBe('plan.steps[1].dependsOn');
    expect(error.message).toBe(
      'Plan step "b" depends on "nope", which is not a step of plan "p". Its steps are: a, b.',
    );
  });

  it('rejects forward references, which is what a cycle needs', async () => {
    const error = await rejected(plan(step('a', { dependsOn: ['b'] }), step('b', { dependsOn: ['a'] })));
    expect(error.argument).toBe('plan.steps[0].dependsOn');
    expect(error.message).toContain('depends on "b", which comes after it');
  });

  it('rejects a step that depends on itself', async () => {
    const error = await rejected(plan(step('a'), step('b', { dependsOn: ['b'] })));
    expect(error.message).toBe('Plan step "b" depends on itself. Remove "b" from its dependsOn.');
  });

  it('rejects a change without an apply, a bad action, an empty id and a bad price', async () => {
    expect((await rejected(plan(step('a'), step('b', { apply: undefined })))).message).toBe(
      'Plan step "b" would create Thing b but has no apply function. Give it one, or set its action to none if the ' +
        'resource is already as wanted.',
    );
    expect((await rejected(plan(step('a', { action: 'replace' as never })))).argument).toBe('plan.steps[0].action');
    expect((await rejected(plan(step('')))).argument).toBe('plan.steps[0].id');
    expect((await rejected(plan(step('a', { hourlyCostUsd: -1 })))).argument).toBe('plan.steps[0].hourlyCostUsd');
    expect((await rejected(plan(step('a', { undo: 'x' as never })))).argument).toBe('plan.steps[0].undo');
  });

  it('accepts a none step without an apply', async () => {
    const result = await applyPlan(plan(step('a', { action: 'none', apply: undefined })));
    expect(result.steps).toEqual([{ id: 'a', action: 'none', status: 'skipped' }]);
  });

  it('rejects bad options', async () => {
    const ok = plan(step('a'));
    expect((await rejected(ok, { timeoutMs: 0 })).argument).toBe('timeoutMs');
    expect((await rejected(ok, { timeoutMs: 2 ** 40 })).argument).toBe('timeoutMs');
    expect((await rejected(ok, { undoTimeoutMs: Number.NaN })).argument).toBe('undoTimeoutMs');
    expect((await rejected(ok, { poll: { factor: 0.5 } })).message).toBe(
      'poll.factor is 0.5; it must be a number ≥ 1.',
    );
    expect((await rejected(ok, { poll: { jitter: 2 } })).argument).toBe('poll.jitter');
    expect((await rejected(ok, { poll: { initialDelayMs: 100, maxDelayMs: 10 } })).argument).toBe('poll.maxDelayMs');
    await expect(applyPlan(ok, { timeoutMs: Number.POSITIVE_INFINITY })).resolves.toMatchObject({ changed: true });
  });
});
