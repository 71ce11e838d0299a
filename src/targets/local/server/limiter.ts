/**
 * Bounded concurrency: at most `maxConcurrency` invocations run at once; the next `maxQueue` wait in arrival
 * order; beyond that the server answers `ThrottlingException` (HTTP 429) at once, which SDK retry strategies back
 * off from, rather than letting the queue (and its memory) grow without bound.
 */
import { WireError } from './wire.js';

/** Frees the slot an invocation held. Safe to call more than once. */
export type Release = () => void;

interface Waiter {
  readonly grant: (release: Release) => void;
}

export class ConcurrencyLimiter {
  #running = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly maxConcurrency: number,
    readonly maxQueue: number,
  ) {}

  /** Invocations running now. */
  get running(): number {
    return this.#running;
  }

  /** Invocations waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Waits for a slot. Rejects with `signal.reason` if the signal aborts while waiting.
   * @throws {@link WireError} `ThrottlingException` (429) when the queue is full.
   */
  acquire(signal: AbortSignal): Promise<Release> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#running < this.maxConcurrency) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.maxQueue) {
      return Promise.reject(
        new WireError(
          429,
          'ThrottlingException',
          `Rate exceeded: ${this.maxConcurrency} invocations are running and ${this.maxQueue} are waiting. ` +
            'Retry with backoff, or raise maxConcurrency.',
        ),
      );
    }
    return new Promise<Release>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      this.#queue.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      // The slot passes straight to the next waiter, so the count never drops and rises again.
      if (next) next.grant(this.#releaser());
      else this.#running--;
    };
  }
}
