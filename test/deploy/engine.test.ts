import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { Plan, PlanStep } from '../../src/deploy/plan.js';
import { DeploymentFailedError, InvalidArgumentError } from '../../src/errors.js';
import { FakeCloud, type FakeOutput, FakeTarget, fakeSpec, planFor } from '../support/fake-target.js';

const FAST = { initialDelayMs: 1, maxDelayMs: 2, factor: 2, jitter: 0 };

/** Events as short strings, so a whole sequence reads at a glance. */
function brief(event: DeployEvent): string {
  switch (event.type) {
    case 'apply-started':
      return `apply-started ${event.steps.map((s) => `${s.id}:${s.action}`).join(',')}`;
    case 'step-waiting':
      return `step-waiting ${event.step.id} ${event.status}`;
    case 'rollback-started':
      return `rollback-started ${event.steps.map((s) => s.id).join(',')}`;
    case 'apply-done':
      return `apply-done changed=${event.changed}`;
    default:
      return `${event.type} ${event.step.id}`;
  }
}

function recorder() {
  const events: DeployEvent[] = [];
  return { events, onEvent: (event: DeployEvent) => events.push(event), briefs: () => events.map(brief) };
}

describe('applyPlan', () => {
  it('runs a 3-step plan in order, polling each wait, with events in order', async () => {
    const target = new FakeTarget({ pollsUntilReady: 2 });
    const { onEvent, briefs, events } = recorder();

    const result = await applyPlan(await planFor(target), { onEvent, poll: FAST });

    expect(briefs()).toEqual([
      'apply-started artifact:create,model:create,endpoint:create',
      'step-started artifact',
      'step-waiting artifact Creating',
      'step-waiting artifact Creating',
      'step-done artifact',
      'step-started model',
      'step-waiting model Creating',
      'step-waiting model Creating',
      'step-done model',
      'step-started endpoint',
      'step-waiting endpoint Creating',
      'step-waiting endpoint Creating',
      'step-done endpoint',
      'apply-done changed=true',
    ]);
    expect(target.cloud.log).toEqual([
      { op: 'create', kind: 'Fake artifact', name: 'churn-artifact' },
      { op: 'create', kind: 'Fake model', name: 'churn-model' },
      { op: 'create', kind: 'Fake endpoint', name: 'churn-endpoint' },
    ]);
    expect(target.cloud.list().map((r) => r.status)).toEqual(['InService', 'InService', 'InService']);
    expect(result.changed).toBe(true);
    expect(result.steps).toEqual([
      { id: 'artifact', action: 'create', status: 'applied' },
      { id: 'model', action: 'create', status: 'applied' },
      { id: 'endpoint', action: 'create', status: 'applied' },
    ]);
    expect(result.outputs.get('endpoint')).toEqual({
      arn: 'arn:fake:Fake-endpoint/churn-endpoint',
      name: 'churn-endpoint',
    });
    // Each step read the output of the step it depends on through ctx.output.
    expect(target.cloud.get('Fake endpoint', 'churn-endpoint')?.inputs).toEqual({ model: result.outputs.get('model') });

    const done = events.filter((e) => e.type === 'step-done' || e.type === 'apply-done');
    for (const event of done) expect(event.elapsedMs).toBeGreaterThanOrEqual(0);
    const waited = events.flatMap((e) => (e.type === 'step-waiting' && e.step.id === 'model' ? [e.elapsedMs] : []));
    expect(waited[1]).toBeGreaterThan(waited[0]!);
  });

  it('changes nothing when the same spec is planned and applied again', async () => {
    const cloud = new FakeCloud();
    await applyPlan(await planFor(new FakeTarget({ cloud, pollsUntilReady: 1 })), { poll: FAST });
    const first = [...cloud.log];

    const { onEvent, briefs } = recorder();
    const again = await planFor(new FakeTarget({ cloud, pollsUntilReady: 1 }));
    expect(again.steps.map((s) => s.action)).toEqual(['none', 'none', 'none']);
    const result = await applyPlan(again, { onEvent, poll: FAST });

    expect(cloud.log).toEqual(first);
    expect(result.changed).toBe(false);
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect((result.outputs.get('endpoint') as FakeOutput).arn).toBe('arn:fake:Fake-endpoint/churn-endpoint');
    expect(briefs()).toEqual([
      'apply-started artifact:none,model:none,endpoint:none',
      'step-skipped artifact',
      'step-skipped model',
      'step-skipped endpoint',
      'apply-done changed=false',
    ]);
  });

  it('updates only what changed, passing outputs of skipped steps on', async () => {
    const target = new FakeTarget();
    await applyPlan(await planFor(target), { poll: FAST });
    const plan = await planFor(target, fakeSpec('churn', { autoscaling: { min: 1, max: 4 } }));
    expect(plan.steps.map((s) => s.action)).toEqual(['none', 'none', 'update']);

    const result = await applyPlan(plan, { poll: FAST });

    expect(target.cloud.log.slice(3)).toEqual([{ op: 'update', kind: 'Fake endpoint', name: 'churn-endpoint' }]);
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'skipped', 'applied']);
    expect(target.cloud.get('Fake endpoint', 'churn-endpoint')?.inputs).toEqual({
      model: { arn: 'arn:fake:Fake-model/churn-model', name: 'churn-model' },
    });
  });

  it('runs independent steps at the same time and a step that depends on both after them', async () => {
    const target = new FakeTarget({
      resources: [{ key: 'a' }, { key: 'b', dependsOn: [] }, { key: 'c', dependsOn: ['a', 'b'] }],
      pollsUntilReady: { a: 4, b: 1, c: 0 },
    });
    const { onEvent, briefs } = recorder();

    await applyPlan(await planFor(target), { onEvent, poll: FAST });

    const { trace } = target.cloud;
    const at = (entry: string) => trace.indexOf(entry);
    // b started before a was ready: they overlapped.
    expect(at('apply:b')).toBeLessThan(at('ready:a'));
    expect(at('ready:b')).toBeLessThan(at('ready:a'));
    // c waited for both.
    expect(at('apply:c')).toBeGreaterThan(at('ready:a'));
    expect(at('apply:c')).toBeGreaterThan(at('ready:b'));
    expect(target.cloud.get('Fake c', 'churn-c')?.inputs).toEqual({
      a: { arn: 'arn:fake:Fake-a/churn-a', name: 'churn-a' },
      b: { arn: 'arn:fake:Fake-b/churn-b', name: 'churn-b' },
    });
    expect(briefs().slice(0, 3)).toEqual([
      'apply-started a:create,b:create,c:create',
      'step-started a',
      'step-started b',
    ]);
  });

  it('succeeds on an empty plan without changing anything', async () => {
    const { onEvent, briefs } = recorder();
    const result = await applyPlan({ name: 'empty', target: 'fake', steps: [] }, { onEvent });
    expect(result).toMatchObject({ changed: false, steps: [] });
    expect(result.outputs.size).toBe(0);
    expect(briefs()).toEqual(['apply-started ', 'apply-done changed=false']);
  });

  it('ignores an event handler that throws or rejects', async () => {
    const target = new FakeTarget({ pollsUntilReady: 1 });
    let calls = 0;
    // An async handler, despite the void type: its rejections must not surface as unhandled (vitest fails on them).
    const result = await applyPlan(await planFor(target), {
      poll: FAST,
      onEvent: async (event) => {
        calls += 1;
        if (event.type === 'step-started' || event.type === 'step-done') throw new Error('printer broke');
      },
    });
    const sync = await applyPlan(await planFor(new FakeTarget()), {
      onEvent: () => {
        throw new Error('printer broke');
      },
    });
    expect(sync.changed).toBe(true);
    expect(result.changed).toBe(true);
    expect(calls).toBe(11);
    expect(target.cloud.names()).toHaveLength(3);
  });
});

describe('StepContext.output', () => {
  const step = (id: string, extra: Partial<PlanStep> = {}): PlanStep => ({
    id,
    resource: { kind: 'Thing', name: id },
    action: 'create',
    reason: 'test',
    apply: async () => `${id}-out`,
    ...extra,
  });

  async function failureOf(plan: Plan): Promise<DeploymentFailedError> {
    const error = await applyPlan(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    return error as DeploymentFailedError;
  }

  it('reads outputs of dependencies, and of the step itself in wait and undo', async () => {
    const seen: unknown[] = [];
    const result = await applyPlan({
      name: 'p',
      target: 'fake',
      steps: [
        step('a'),
        step('b', {
          apply: async (ctx) => `${ctx.output<string>('a')}+b`,
          wait: async (ctx) => {
            seen.push(ctx.output('b'));
            return { done: true, status: 'ok' };
          },
        }),
        step('c', { action: 'none', existingOutput: 'c-existing', apply: undefined }),
        step('d', { apply: async (ctx) => [ctx.output('a'), ctx.output('b'), ctx.output('c')] }),
      ],
    });
    expect(seen).toEqual(['a-out+b']);
    expect(result.outputs.get('d')).toEqual(['a-out', 'a-out+b', 'c-existing']);
  });

  it('refuses the output of a step the reader does not depend on', async () => {
    const error = await failureOf({
      name: 'p',
      target: 'fake',
      steps: [step('a'), step('b', { dependsOn: [], apply: async (ctx) => ctx.output('a') })],
    });
    expect(error.cause).toBeInstanceOf(InvalidArgumentError);
    expect((error.cause as Error).message).toBe(
      'Step "b" read the output of step "a" but does not depend on it, so "a" may not have run yet. Add "a" to the dependsOn of "b".',
    );
  });

  it('names the problem when a step has no output or does not exist', async () => {
    const none = await failureOf({
      name: 'p',
      target: 'fake',
      steps: [step('a', { action: 'none', apply: undefined }), step('b', { apply: async (ctx) => ctx.output('a') })],
    });
    expect((none.cause as Error).message).toBe(
      'Step "a" has no output: its action is none and the plan gave it no existingOutput.',
    );

    const empty = await failureOf({
      name: 'p',
      target: 'fake',
      steps: [step('a', { apply: async () => undefined }), step('b', { apply: async (ctx) => ctx.output('a') })],
    });
    expect((empty.cause as Error).message).toBe('Step "a" has no output: its apply returned nothing.');

    const unknown = await failureOf({
      name: 'p',
      target: 'fake',
      steps: [step('a', { apply: async (ctx) => ctx.output('zzz') })],
    });
    expect(unknown.cause).toBeInstanceOf(InvalidArgumentError);
    expect((unknown.cause as Error).message).toContain('"zzz", which is not a step of plan "p"');
  });

  it('fails a step whose wait returns something other than a WaitStatus', async () => {
    const error = await failureOf({
      name: 'p',
      target: 'fake',
      steps: [step('a', { wait: async () => 'InService' as never })],
    });
    expect((error.cause as Error).message).toContain('must return { done: boolean, status: string }');
  });
});
