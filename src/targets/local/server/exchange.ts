/**
 * One request and its answer, with the signal the runner sees. The signal aborts for one of three reasons, and
 * the answer depends on which: the per-request timeout passed (SageMaker's timeout `ModelError`), the caller went
 * away (nothing to answer), or the server is closing and its grace period ran out (`ServiceUnavailable`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AbortedError, TimeoutError } from '../../../errors.js';

/** Why an exchange's signal aborted. */
export type AbortKind = 'timeout' | 'client' | 'closing';

export class Exchange {
  readonly #controller = new AbortController();
  #abortKind: AbortKind | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
    readonly timeoutMs: number,
  ) {
    this.#timer = setTimeout(
      () =>
        this.abort(
          'timeout',
          new TimeoutError(`The invocation ran past requestTimeoutMs (${timeoutMs} ms).`, timeoutMs),
        ),
      timeoutMs,
    );
    // 'close' before the answer is complete means the caller hung up (or its socket broke).
    res.on('close', () => {
      if (!res.writableFinished) this.abort('client', new AbortedError('The caller closed the connection.'));
    });
  }

  /** Handed to the runner: aborts on timeout, when the caller goes away, or when the server stops waiting. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the signal aborted, if it did. */
  get abortKind(): AbortKind | undefined {
    return this.#abortKind;
  }

  abort(kind: AbortKind, reason: Error): void {
    if (this.#controller.signal.aborted) return;
    this.#abortKind = kind;
    this.#controller.abort(reason);
  }

  /** Stops the timer once the exchange is over. */
  finish(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts, so a model that ignores its
 * signal cannot hold an answer back. A late rejection of `promise` is swallowed: nobody waits for it any more.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or less if the signal aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return raceSignal(new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), signal);
}
