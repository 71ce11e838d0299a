/**
 * The load phase of a validation: `concurrency` callers cycle through the samples for `durationS`, never more
 * than `maxRequests` requests in all, and the rate of successful requests is measured.
 */
import { performance } from 'node:perf_hooks';
import { AbortedError } from '../../errors.js';
import { DEFAULT_MAX_REQUESTS, type ThroughputGate } from './options.js';

/**
 * What the load phase measured.
 *
 * @example
 * ```ts
 * const { throughput } = await validatePredictor(predictor, {
 *   samples,
 *   throughput: { minRps: 50, concurrency: 8, durationS: 30 },
 * });
 * console.log(`${throughput?.rps} req/s, ${throughput?.errors} errors`);
 * ```
 */
export interface ThroughputSummary {
  /** Successful requests per second of the phase's wall time. */
  readonly rps: number;
  /** Requests sent, failed ones included. */
  readonly requests: number;
  /** Requests that failed. */
  readonly errors: number;
  /** Requests that were in flight at once. */
  readonly concurrency: number;
  /** The phase's actual wall time, in seconds, from the first request sent to the last settled. */
  readonly durationS: number;
  /** Whether the phase stopped at `maxRequests` before `durationS` was over. */
  readonly capped: boolean;
}

/** Sends one input; rejects when the request failed. */
export type SendOne<I> = (input: I, signal: AbortSignal) => Promise<unknown>;

// How long requests still in flight when the phase ends may take before they are aborted (and count as errors),
// when no per-request deadline bounds them already: a hung endpoint must not hang the validation.
const DEFAULT_GRACE_MS = 10_000;

/**
 * Runs the load phase.
 * @param graceMs - how long in-flight requests may run past `durationS` before they are aborted.
 * @returns the summary, and the first failure (for the report).
 * @throws {@link AbortedError} when `signal` aborts.
 */
export async function runLoad<I>(
  send: SendOne<I>,
  samples: readonly I[],
  gate: ThroughputGate,
  options: { readonly signal?: AbortSignal; readonly graceMs?: number } = {},
): Promise<{ summary: ThroughputSummary; firstError: unknown }> {
  const { concurrency, durationS, maxRequests = DEFAULT_MAX_REQUESTS } = gate;
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const hardStop = setTimeout(
    () => stop.abort(new AbortedError('The load phase ran past its duration.')),
    durationS * 1000 + (options.graceMs ?? DEFAULT_GRACE_MS),
  );
  let sent = 0;
  let errors = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && sent < maxRequests && performance.now() < deadline) {
      const input = samples[sent++ % samples.length]!;
      try {
        await send(input, stop.signal);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) {
    throw new AbortedError('The validation was aborted during its load phase.', { cause: options.signal.reason });
  }
  const elapsedS = (performance.now() - started) / 1000;
  return {
    summary: {
      rps: elapsedS > 0 ? (sent - errors) / elapsedS : 0,
      requests: sent,
      errors,
      concurrency,
      durationS: elapsedS,
      capped: sent >= maxRequests && elapsedS < durationS,
    },
    firstError,
  };
}
