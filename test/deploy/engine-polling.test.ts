import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPlan } from '../../src/deploy/apply.js';
import type { Plan } from '../../src/deploy/plan.js';
import { backoffDelay, DEFAULT_POLL_OPTIONS, raceSignal, sleep } from '../../src/deploy/wait.js';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const options = { ...DEFAULT_POLL_OPTIONS, jitter: 0 };
    const delays = Array.from({ length: 8 }, (_, attempt) => backoffDelay(attempt, options));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('takes jitter off the delay, never beyond the cap', () => {
    const options = { initialDelayMs: 1000, maxDelayMs: 5000, factor: 3, jitter: 0.2 };
    expect(backoffDelay(0, options, () => 0.5)).toBe(900);
    expect(backoffDelay(1, options, () => 0)).toBe(3000);
    expect(backoffDelay(9, options, () => 0.999)).toBeGreaterThan(4000);
    expect(backoffDelay(9, options, () => 0)).toBe(5000);
  });
});

describe('sleep and raceSignal', () => {
  it('end at once when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const slept = sleep(60_000, controller.signal);
    const raced = raceSignal(new Promise(() => {}), controller.signal);
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    await expect(raced).rejects.toBe(reason);
    await expect(sleep(1, controller.signal)).rejects.toBe(reason);
  });

  it('settle normally when nothing aborts', async () => {
    const signal = new AbortController().signal;
    await expect(sleep(1, signal)).resolves.toBeUndefined();
    await expect(raceSignal(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(raceSignal(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
  });
});

describe('applyPlan polling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls right after apply, then with capped exponential backoff', async () => {
    vi.useFakeTimers();
    const pollTimes: number[] = [];
    const start = Date.now();
    const plan: Plan = {
      name: 'p',
      target: 'fake',
      steps: [
        {
          id: 'endpoint',
          resource: { kind: 'Thing', name: 'endpoint' },
          action: 'create',
          reason: 'test',
          apply: async () => 'x',
          wait: async () => {
            pollTimes.push(Date.now() - start);
            return { done: pollTimes.length === 6, status: 'Creating' };
          },
        },
      ],
    };

    const applying = applyPlan(plan, { poll: { initialDelayMs: 1000, maxDelayMs: 5000, factor: 2, jitter: 0 } });
    await vi.runAllTimersAsync();
    await applying;

    expect(pollTimes).toEqual([0, 1000, 3000, 7000, 12_000, 17_000]);
  });
});
