// The concurrency limiter on its own: slots, order, a bounded queue, waiters that give up.
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../../src/targets/local/server/limiter.js';
import { WireError } from '../../../src/targets/local/server/wire.js';

const never = new AbortController().signal;

describe('ConcurrencyLimiter', () => {
  it('grants slots up to the limit, then in arrival order as slots free', async () => {
    const limiter = new ConcurrencyLimiter(2, 10);
    const a = await limiter.acquire(never);
    await limiter.acquire(never);
    const order: string[] = [];
    const c = limiter.acquire(never).then((release) => {
      order.push('c');
      return release;
    });
    const d = limiter.acquire(never).then(() => order.push('d'));
    expect(limiter.queued).toBe(2);
    a();
    a(); // releasing twice frees one slot only
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(limiter.running).toBe(2);
  });

  it('throttles past the queue with a 429 ThrottlingException', async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    await limiter.acquire(never);
    void limiter.acquire(never);
    const error = await limiter.acquire(never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WireError);
    expect(error).toMatchObject({ status: 429, type: 'ThrottlingException' });
  });

  it('drops a waiter whose signal aborts, with the signal’s reason', async () => {
    const limiter = new ConcurrencyLimiter(1, 5);
    const release = await limiter.acquire(never);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.running).toBe(0);
  });
});
