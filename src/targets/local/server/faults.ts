/**
 * Fault injection, for tests only: it is reached through an internal server option and never exported from the
 * package. Each invocation takes the next planned fault, if any, before the model sees it; `/ping` is never
 * affected. Tests use it to show that callers retry what is transient and do not retry what is not.
 */
import { errorForStatus, type WireError } from './wire.js';

/** One planned failure. */
export interface FaultSpec {
  /**
   * The HTTP status to answer with; the error name follows from it (`503` → `ServiceUnavailable`, `500` →
   * `InternalFailure`, `429` → `ThrottlingException`, `424` → `ModelError`, other 4xx → `ValidationError`).
   */
  readonly status?: number;
  /** Cut the connection without an answer instead, as a crashed host or a broken network would. */
  readonly reset?: boolean;
  /** Wait this long before failing (or, alone, before invoking the model normally). */
  readonly delayMs?: number;
  /** @default `Injected fault (<status>).` */
  readonly message?: string;
  /** How many invocations in a row fail this way. @default 1 */
  readonly times?: number;
}

/** The `faults` option of the server. */
export interface FaultOptions {
  /** Failures for the next invocations, in order. */
  readonly failNext?: readonly FaultSpec[];
}

/** What the server does with one invocation's fault. */
export type Fault =
  | { readonly kind: 'error'; readonly error: WireError; readonly delayMs: number }
  | { readonly kind: 'reset'; readonly delayMs: number }
  | { readonly kind: 'delay'; readonly delayMs: number };

/** The queue of planned faults; tests can add more while the server runs. */
export class FaultInjector {
  readonly #queue: { spec: FaultSpec; left: number }[] = [];

  constructor(options: FaultOptions = {}) {
    this.failNext(...(options.failNext ?? []));
  }

  /** Plans more failures, after those already planned. */
  failNext(...specs: FaultSpec[]): void {
    for (const spec of specs) this.#queue.push({ spec, left: spec.times ?? 1 });
  }

  /** How many invocations are still planned to fail. */
  get pending(): number {
    return this.#queue.reduce((sum, entry) => sum + entry.left, 0);
  }

  /** Takes the fault for the next invocation, if one is planned. */
  take(): Fault | undefined {
    const entry = this.#queue[0];
    if (!entry) return undefined;
    if (--entry.left <= 0) this.#queue.shift();
    const { spec } = entry;
    const delayMs = spec.delayMs ?? 0;
    if (spec.reset) return { kind: 'reset', delayMs };
    if (spec.status === undefined) return { kind: 'delay', delayMs };
    return {
      kind: 'error',
      error: errorForStatus(spec.status, spec.message ?? `Injected fault (${spec.status}).`),
      delayMs,
    };
  }
}
