import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApplyOptions, applyPlan } from '../../src/deploy/apply.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import type { Plan, PlanStep } from '../../src/deploy/plan.js';
import {
  AbortedError,
  AccessDeniedError,
  DeploymentFailedError,
  InvalidArgumentError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from '../../src/errors.js';
import { FakeTarget, planFor } from '../support/fake-target.js';

const FAST_POLL = { initialDelayMs: 1, maxDelayMs: 2, factor: 2, jitter: 0 };
const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 8 };
// Pauses long enough that an engine which sat one out instead of noticing the abort would take seconds.
const SLOW_RETRY = { maxAttempts: 4, baseDelayMs: 10_000, maxDelayMs: 10_000 };

afterEach(() => {
  vi.restoreAllMocks();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

function recorder() {
  const events: DeployEvent[] = [];
  const retries = () =>
    events.flatMap((e) => (e.type === 'step-retrying' ? [`${e.step.id} ${e.phase} #${e.attempt}`] : []));
  return { events, onEvent: (event: DeployEvent) => events.push(event), retries };
}

/** A function that throws `failures` in turn, then resolves with what `then` makes; it counts its calls. */
function flaky<T>(failures: readonly unknown[], then: () => T) {
  const fn = vi.fn(async () => {
    const failure = failures[fn.mock.calls.length - 1];
    if (failure !== undefined) throw failure;
    return then();
  });
  return fn;
}

/** A two-step plan: `first` creates something in `cloud`; `second` is the step under test. */
function twoSteps(cloud: Set<string>, second: Partial<PlanStep>): Plan {
  return {
    name: 'churn',
    target: 'test',
    steps: [
      {
        id: 'first',
        resource: { kind: 'Thing', name: 'first' },
        action: 'create',
        reason: 'test',
        apply: async () => cloud.add('first'),
        undo: async () => {
          cloud.delete('first');
        },
      },
      { id: 'second', resource: { kind: 'Thing', name: 'second' }, action: 'create', reason: 'test', ...second },
    ],
  };
}

function apply(plan: Plan, options: ApplyOptions = {}) {
  return applyPlan(plan, { poll: FAST_POLL, ...options, retry: { ...FAST_RETRY, ...options.retry } });
}

describe('applyPlan retries a retryable apply', () => {
  it('tries again after a throttle and a 5xx, then succeeds with no rollback', async () => {
    const cloud = new Set<string>();
    const second = flaky([new ThrottledError('Rate exceeded'), new ServiceError('InternalFailure')], () =>
      cloud.add('second'),
    );
    const { events, onEvent, retries } = recorder();

    const result = await apply(twoSteps(cloud, { apply: second }), { onEvent });

    expect(second).toHaveBeenCalledTimes(3);
    expect([...cloud]).toEqual(['first', 'second']);
    expect(result.changed).toBe(true);
    expect(retries()).toEqual(['second apply #1', 'second apply #2']);
    expect(events.some((e) => e.type === 'rollback-started' || e.type === 'step-failed')).toBe(false);
  });

  it('emits step-retrying with the error and a full-jitter pause within the capped exponential', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const errors = [new ThrottledError('1'), new ThrottledError('2'), new ThrottledError('3')];
    const { events, onEvent } = recorder();

    await apply(twoSteps(new Set(), { apply: flaky(errors, () => 'ok') }), {
      onEvent,
      retry: { maxAttempts: 4, baseDelayMs: 4, maxDelayMs: 10 },
    });

    const retrying = events.filter((e) => e.type === 'step-retrying');
    // Caps 4, 8, then 16 capped at 10; full jitter draws from [0, cap), here at its middle.
    expect(retrying.map((e) => [e.attempt, e.delayMs, e.error])).toEqual([
      [1, 2, errors[0]],
      [2, 4, errors[1]],
      [3, 5, errors[2]],
    ]);
    expect(retrying[0]).toMatchObject({ type: 'step-retrying', phase: 'apply', step: { id: 'second' } });
  });

  it('gives up after maxAttempts, fails with the last error as cause, and undoes what the run made', async () => {
    const cloud = new Set<string>();
    const errors = [1, 2, 3].map((n) => new ServiceError(`InternalFailure ${n}`));
    const second = flaky(errors, () => 'never');
    const { onEvent, retries } = recorder();

    const error = await rejection(apply(twoSteps(cloud, { apply: second }), { onEvent, retry: { maxAttempts: 3 } }));

    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect((error as DeploymentFailedError).cause).toBe(errors[2]);
    expect((error as DeploymentFailedError).retryable).toBe(true);
    expect((error as DeploymentFailedError).report.cleanedUp).toEqual([{ kind: 'Thing', name: 'first' }]);
    expect(second).toHaveBeenCalledTimes(3);
    expect(retries()).toEqual(['second apply #1', 'second apply #2']);
    expect(cloud.size).toBe(0);
  });

  it.each([
    ['access denied', new AccessDeniedError('User is not authorized to perform: sagemaker:CreateModel')],
    ['a non-retryable ServiceError', new ServiceError('endpoint went Failed', { retryable: false })],
    ['a plain Error', new Error('a bug in a custom target')],
  ])('does not retry %s', async (_name, failure) => {
    const cloud = new Set<string>();
    const second = flaky([failure], () => 'never');
    const { onEvent, retries } = recorder();

    const error = await rejection(apply(twoSteps(cloud, { apply: second }), { onEvent }));

    expect((error as DeploymentFailedError).cause).toBe(failure);
    expect(second).toHaveBeenCalledTimes(1);
    expect(retries()).toEqual([]);
    expect(cloud.size).toBe(0);
  });

  it('does not retry at all with maxAttempts 1', async () => {
    const second = flaky([new ThrottledError('Rate exceeded')], () => 'ok');
    await expect(apply(twoSteps(new Set(), { apply: second }), { retry: { maxAttempts: 1 } })).rejects.toBeInstanceOf(
      DeploymentFailedError,
    );
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe('applyPlan retries a failed wait poll', () => {
  it('counts a failed poll as "not ready yet" and goes on polling', async () => {
    const target = new FakeTarget({ pollsUntilReady: 1, faults: [{ step: 'model', phase: 'wait', onPoll: 1 }] });
    const { onEvent, retries } = recorder();

    await apply(await planFor(target), { onEvent });

    expect(retries()).toEqual(['model wait #1']);
    expect(target.cloud.list().map((r) => r.status)).toEqual(['InService', 'InService', 'InService']);
  });

  it('fails the step when maxAttempts polls in a row fail, and undoes it', async () => {
    const failures = [1, 2, 3].map((n) => new ThrottledError(`Rate exceeded ${n}`));
    const wait = flaky(failures, () => ({ done: true, status: 'InService' }));
    const cloud = new Set<string>();
    const { onEvent, retries } = recorder();
    const second = { apply: async () => cloud.add('second'), wait, undo: async () => void cloud.delete('second') };

    const error = await rejection(apply(twoSteps(cloud, second), { onEvent, retry: { maxAttempts: 3 } }));

    expect((error as DeploymentFailedError).cause).toBe(failures[2]);
    expect(retries()).toEqual(['second wait #1', 'second wait #2']);
    expect(cloud.size).toBe(0);
  });

  it('counts only failures in a row: a poll that answers starts the count again', async () => {
    const throttle = () => new ThrottledError('Rate exceeded');
    const answers: (Error | { done: boolean; status: string })[] = [
      throttle(),
      { done: false, status: 'Creating' },
      throttle(),
      { done: false, status: 'Creating' },
      throttle(),
      { done: true, status: 'InService' },
    ];
    let polls = 0;
    const wait = async () => {
      const answer = answers[polls++]!;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const { onEvent, retries } = recorder();

    await apply(twoSteps(new Set(), { apply: async () => 'x', wait }), { onEvent, retry: { maxAttempts: 2 } });

    expect(polls).toBe(6);
    expect(retries()).toEqual(['second wait #1', 'second wait #1', 'second wait #1']);
  });

  it('does not retry a poll that fails for good (an endpoint that went Failed)', async () => {
    const failed = new ServiceError('endpoint is Failed', { retryable: false });
    const wait = flaky([failed], () => ({ done: true, status: 'InService' }));
    const error = await rejection(apply(twoSteps(new Set(), { apply: async () => 'x', wait })));
    expect((error as DeploymentFailedError).cause).toBe(failed);
    expect(wait).toHaveBeenCalledTimes(1);
  });
});

describe('applyPlan retries a failed undo', () => {
  it('tries an undo again after a retryable error, within the rollback', async () => {
    const target = new FakeTarget({
      faults: [
        { step: 'endpoint', phase: 'apply', error: new AccessDeniedError('denied') },
        { step: 'model', phase: 'undo' }, // a ServiceError, until the first retry clears it
      ],
    });
    const { events, onEvent, retries } = recorder();
    const clearOnRetry = (event: DeployEvent) => {
      onEvent(event);
      if (event.type === 'step-retrying') target.faults = [];
    };

    const error = await rejection(apply(await planFor(target), { onEvent: clearOnRetry }));

    expect(retries()).toEqual(['model undo #1']);
    expect((error as DeploymentFailedError).report.leftBehind).toEqual([]);
    expect(target.cloud.isEmpty()).toBe(true);
    expect(
      events.filter((e) => e.type === 'step-rolled-back').map((e) => e.type === 'step-rolled-back' && e.step.id),
    ).toEqual(['model', 'artifact']);
  });

  it('reports an undo that keeps failing as left behind, with the last error', async () => {
    const failures = [1, 2].map((n) => new ServiceError(`InternalFailure ${n}`));
    const undo = flaky(failures, () => undefined);
    const plan = twoSteps(new Set(), {
      apply: async () => 'x',
      wait: () => Promise.reject(new Error('went Failed')),
      undo,
    });

    const error = await rejection(apply(plan, { retry: { maxAttempts: 2 } }));

    expect(undo).toHaveBeenCalledTimes(2);
    expect((error as DeploymentFailedError).report.leftBehind).toEqual([
      { kind: 'Thing', name: 'second', error: failures[1] },
    ]);
  });

  it('keeps undo retries within undoTimeoutMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const undo = vi.fn(async () => {
      throw new ThrottledError('Rate exceeded');
    });
    const plan = twoSteps(new Set(), { apply: async () => 'x', wait: () => Promise.reject(new Error('Failed')), undo });
    const started = performance.now();

    const error = await rejection(apply(plan, { retry: SLOW_RETRY, undoTimeoutMs: 50 }));

    expect(performance.now() - started).toBeLessThan(1000);
    expect((error as DeploymentFailedError).report.leftBehind[0]?.error).toBeInstanceOf(TimeoutError);
  });
});

describe('applyPlan retry pauses end with the run', () => {
  it('stops at once when aborted during a retry pause, and cleans up', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const cloud = new Set<string>();
    const controller = new AbortController();
    const second = vi.fn(async () => {
      throw new ThrottledError('Rate exceeded');
    });
    const { onEvent, retries } = recorder();
    const abortOnRetry = (event: DeployEvent) => {
      onEvent(event);
      if (event.type === 'step-retrying') setTimeout(() => controller.abort(new Error('ctrl-c')), 10);
    };
    const started = performance.now();

    const error = await rejection(
      apply(twoSteps(cloud, { apply: second }), {
        onEvent: abortOnRetry,
        signal: controller.signal,
        retry: SLOW_RETRY,
      }),
    );

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).report?.cleanedUp).toEqual([{ kind: 'Thing', name: 'first' }]);
    expect(second).toHaveBeenCalledTimes(1);
    expect(retries()).toEqual(['second apply #1']);
    expect(cloud.size).toBe(0);
  });

  it('stops at once when the deadline passes during a retry pause, and cleans up', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const cloud = new Set<string>();
    const wait = vi.fn(async () => {
      throw new ServiceError('ServiceUnavailable');
    });
    const started = performance.now();

    const error = await rejection(
      apply(
        twoSteps(cloud, {
          apply: async () => cloud.add('second'),
          wait,
          undo: async () => void cloud.delete('second'),
        }),
        {
          timeoutMs: 50,
          retry: SLOW_RETRY,
        },
      ),
    );

    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('step "second" (create Thing second) was still waiting');
    expect(wait).toHaveBeenCalledTimes(1);
    expect(cloud.size).toBe(0);
  });
});

describe('applyPlan retry options', () => {
  it.each([
    [{ maxAttempts: 0 }, 'retry.maxAttempts'],
    [{ maxAttempts: 1.5 }, 'retry.maxAttempts'],
    [{ baseDelayMs: -1 }, 'retry.baseDelayMs'],
    [{ baseDelayMs: 100, maxDelayMs: 10 }, 'retry.maxDelayMs'],
    [{ maxDelayMs: Number.NaN }, 'retry.maxDelayMs'],
  ])('refuses %j before any step runs', async (retry, argument) => {
    const cloud = new Set<string>();
    const error = await rejection(applyPlan(twoSteps(cloud, { apply: async () => 'x' }), { retry }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(cloud.size).toBe(0);
  });
});
