/**
 * Hands a job back once it has started: the plan's job step calls `started()`; a plan that fails before then
 * rejects the caller's promise with its error, so "the job could not be started" is never a handle.
 */
import type { ApplyResult } from '../deploy/apply.js';

/** A promise the job step resolves, and how to race it against the apply. */
export interface StartSignal {
  started(): void;
  /** Resolves when the job has started; rejects with the apply's error if it fails first. */
  wait(applied: Promise<ApplyResult>): Promise<void>;
}

/** A new {@link StartSignal}. */
export function startSignal(): StartSignal {
  let resolve!: () => void;
  const started = new Promise<void>((done) => {
    resolve = done;
  });
  return {
    started: () => resolve(),
    wait: (applied) => Promise.race([started, applied.then(() => undefined)]),
  };
}
