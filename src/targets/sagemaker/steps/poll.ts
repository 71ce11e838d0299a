/**
 * Polling inside a step's `undo`, where the engine's own waiting does not reach: an undo must not return before
 * what it removed is gone, or the next undo (or the caller's retry) races it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** How often an undo re-reads what it waits for. */
export const UNDO_POLL_MS = 10_000;

/**
 * Calls `done` until it answers true: at once, then every `intervalMs`. Stops with the signal's reason when
 * `signal` aborts (the engine bounds every undo with one).
 */
export async function pollUntil(
  done: () => Promise<boolean>,
  signal: AbortSignal,
  intervalMs = UNDO_POLL_MS,
): Promise<void> {
  while (!(await done())) {
    signal.throwIfAborted();
    await sleep(intervalMs, undefined, { signal });
  }
}
