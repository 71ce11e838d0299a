/**
 * The {@link TransformJob} handle both runners return: the job runs as a plan applied by the engine in the
 * background; the handle watches it, waits for it, and stops it (an abort of the apply, whose rollback stops the job
 * and removes its model).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApplyResult } from '../deploy/apply.js';
import { AbortedError, DeploymentFailedError, TimeoutError } from '../errors.js';
import { TransformJobFailedError } from './errors.js';
import type { TransformJob, TransformJobResult, TransformJobStatus, TransformWaitOptions } from './options.js';

/** What a runner tells the handle. */
export interface JobRun {
  readonly name: string;
  readonly outputLocation: string;
  /** Aborting it stops the job. */
  readonly controller: AbortController;
  /** The apply in flight. */
  readonly applied: Promise<ApplyResult>;
  /** The job's result, from the apply's outputs. */
  result(outputs: ApplyResult['outputs']): TransformJobResult;
}

/** A job handle whose status the runner updates as it polls. */
export class RunningTransformJob implements TransformJob {
  readonly name: string;
  readonly outputLocation: string;
  status: TransformJobStatus = 'InProgress';
  failureReason: string | undefined;
  readonly #controller: AbortController;
  readonly #done: Promise<TransformJobResult>;

  constructor(run: JobRun) {
    this.name = run.name;
    this.outputLocation = run.outputLocation;
    this.#controller = run.controller;
    this.#done = run.applied.then(
      (applied) => {
        this.status = 'Completed';
        return run.result(applied.outputs);
      },
      (error: unknown) => {
        throw this.#settle(error);
      },
    );
    // Nobody may ever call wait(): an unobserved failure must not crash the process.
    this.#done.catch(() => undefined);
  }

  /** Records what a poll saw. */
  observe(status: TransformJobStatus, failureReason?: string): void {
    this.status = status;
    if (failureReason !== undefined) this.failureReason = failureReason;
  }

  async wait(options: TransformWaitOptions = {}): Promise<TransformJobResult> {
    const { signal, timeoutMs } = options;
    signal?.throwIfAborted();
    if (signal === undefined && timeoutMs === undefined) return this.#done;
    const stop = new AbortController();
    const waits: Promise<never>[] = [];
    if (timeoutMs !== undefined) {
      waits.push(
        sleep(timeoutMs, undefined, { signal: stop.signal }).then(() => {
          throw new TimeoutError(
            `Transform job ${this.name} did not finish within ${timeoutMs} ms; it goes on.`,
            timeoutMs,
          );
        }),
      );
    }
    if (signal !== undefined) {
      waits.push(
        new Promise<never>((_, reject) => {
          const onAbort = () =>
            reject(
              new AbortedError(`Stopped waiting for transform job ${this.name}; it goes on.`, { cause: signal.reason }),
            );
          signal.addEventListener('abort', onAbort, { once: true });
          stop.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), { once: true });
        }),
      );
    }
    try {
      return await Promise.race([this.#done, ...waits]);
    } finally {
      stop.abort();
      for (const wait of waits) wait.catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    if (this.status === 'InProgress') this.status = 'Stopping';
    this.#controller.abort(new Error(`Transform job ${this.name} was stopped.`));
    await this.#done.catch(() => undefined);
  }

  /** The error `wait` rejects with: the job's own failure rather than the engine's wrapper. */
  #settle(error: unknown): unknown {
    const cause = error instanceof DeploymentFailedError ? error.cause : error;
    if (cause instanceof TransformJobFailedError) {
      this.observe('Failed', cause.failureReason);
      return cause;
    }
    if (error instanceof AbortedError) {
      this.status = 'Stopped';
      return error;
    }
    this.status = 'Failed';
    this.failureReason ??= cause instanceof Error ? cause.message : String(cause);
    return error;
  }
}
