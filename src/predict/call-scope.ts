import { AbortedError, InvalidArgumentError, TimeoutError } from '../errors.js';

/**
 * @internal One call's cancellation: the caller's signal and its deadline, folded into one signal whose reason
 * is the modelship error to throw (`AbortedError` or `TimeoutError`).
 */
export class CallScope {
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #parent: AbortSignal | undefined;
  readonly #onAbort: () => void;

  /** @param what - The call, for messages: `The call to SageMaker endpoint churn`. */
  constructor(what: string, parent: AbortSignal | undefined, timeoutMs: number | undefined) {
    this.signal = this.#controller.signal;
    this.#parent = parent;
    this.#onAbort = () => this.#controller.abort(new AbortedError(`${what} was aborted.`, { cause: parent?.reason }));
    if (parent?.aborted) this.#onAbort();
    else parent?.addEventListener('abort', this.#onAbort, { once: true });
    if (timeoutMs !== undefined && !this.signal.aborted) {
      this.#timer = setTimeout(
        () => this.#controller.abort(new TimeoutError(`${what} did not finish within ${timeoutMs} ms.`, timeoutMs)),
        timeoutMs,
      );
    }
  }

  /** Throws the abort or timeout error if the call is over. */
  throwIfDone(): void {
    if (this.signal.aborted) throw this.signal.reason;
  }

  /** Settles as `promise` does, or rejects at once when the call is aborted or times out. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      promise.catch(() => {});
      return Promise.reject(this.signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error) => {
          this.signal.removeEventListener('abort', onAbort);
          // The transport's own AbortError after our abort: report why we aborted instead.
          reject(this.signal.aborted ? this.signal.reason : error);
        },
      );
    });
  }

  /** Stops the timer and unhooks from the caller's signal. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#parent?.removeEventListener('abort', this.#onAbort);
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
