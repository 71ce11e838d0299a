import { AbortedError, InvalidArgumentError, TimeoutError } from '../errors.js';

/**
 * @internal One call's cancellation: the caller's signal and its deadline, folded into one signal whose reason
 * is the modelship error to throw (`AbortedError` or `TimeoutError`).
 *
 * A call with neither has no signal at all. That is the common case, and a hot one: an AbortController, its
 * listeners, and the abort listener and socket `close` hook the AWS SDK adds for every request given a signal
 * cost about 5% of a small request's CPU time against a local endpoint (bench/predictor-overhead.ts).
 */
export class CallScope {
  /** `undefined` when the call can be neither aborted nor timed out. */
  readonly signal: AbortSignal | undefined;
  readonly #controller: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #parent: AbortSignal | undefined;
  readonly #onAbort: (() => void) | undefined;

  /** @param what - The call, for messages: `The call to SageMaker endpoint churn`. */
  constructor(what: string, parent: AbortSignal | undefined, timeoutMs: number | undefined) {
    if (parent === undefined && timeoutMs === undefined) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.signal = controller.signal;
    this.#parent = parent;
    const onAbort = () => controller.abort(new AbortedError(`${what} was aborted.`, { cause: parent?.reason }));
    this.#onAbort = onAbort;
    if (parent?.aborted) onAbort();
    else parent?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined && !controller.signal.aborted) {
      this.#timer = setTimeout(
        () => controller.abort(new TimeoutError(`${what} did not finish within ${timeoutMs} ms.`, timeoutMs)),
        timeoutMs,
      );
    }
  }

  /** Throws the abort or timeout error if the call is over. */
  throwIfDone(): void {
    if (this.signal?.aborted) throw this.signal.reason;
  }

  /** Settles as `promise` does, or rejects at once when the call is aborted or times out. */
  race<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal === undefined) return promise;
    if (signal.aborted) {
      promise.catch(() => {});
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error) => {
          signal.removeEventListener('abort', onAbort);
          // The transport's own AbortError after our abort: report why we aborted instead.
          reject(signal.aborted ? signal.reason : error);
        },
      );
    });
  }

  /** Stops the timer and unhooks from the caller's signal. */
  dispose(): void {
    if (this.#controller === undefined) return;
    clearTimeout(this.#timer);
    if (this.#onAbort !== undefined) this.#parent?.removeEventListener('abort', this.#onAbort);
  }
}

/** @internal Checks a `timeoutMs` option. */
export function checkTimeout(timeoutMs: number | undefined, argument = 'timeoutMs'): void {
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs))) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be a positive number of milliseconds; got ${timeoutMs}.`,
    );
  }
}
