/**
 * One plan step as a listr2 task. The engine runs the step; the task only shows it: its promise settles when the
 * step's done, skipped or failed event arrives, and what arrives before listr2 has started the task is kept and
 * shown once it has.
 */
import type { DefaultRenderer, ListrTask } from 'listr2';

/** How a step's task ends. */
export type StepOutcome =
  | { readonly kind: 'done'; readonly title: string }
  | { readonly kind: 'skipped'; readonly text: string }
  | { readonly kind: 'failed'; readonly text: string };

/** The part of listr2's task wrapper a step task uses. */
interface TaskWrapper {
  title: string;
  output: string;
  skip(message?: string): void;
}

/** A step's task: `show` what it is doing, `finish` it once; `toListrTask` is what listr2 runs. */
export class StepTask {
  private wrapper: TaskWrapper | undefined;
  private shown: string | undefined;
  private resolve!: (outcome: StepOutcome) => void;
  private readonly outcome = new Promise<StepOutcome>((resolve) => {
    this.resolve = resolve;
  });
  private ended = false;

  constructor(readonly title: string) {}

  /** True once the step's outcome is known. */
  get settled(): boolean {
    return this.ended;
  }

  /** Shows `text` on the task's output line (status, retry, progress bar). */
  show(text: string): void {
    this.shown = text;
    if (this.wrapper) this.wrapper.output = text;
  }

  /** Ends the task; later calls are ignored (the first outcome is the step's). */
  finish(outcome: StepOutcome): void {
    if (this.ended) return;
    this.ended = true;
    this.resolve(outcome);
  }

  /** The listr2 task: waits for the outcome and turns it into listr2's ✔, ↓ or ✖. */
  toListrTask(): ListrTask<unknown, typeof DefaultRenderer, typeof DefaultRenderer> {
    return {
      title: this.title,
      task: async (_ctx, wrapper) => {
        this.wrapper = wrapper as unknown as TaskWrapper;
        if (this.shown !== undefined) this.wrapper.output = this.shown;
        const outcome = await this.outcome;
        switch (outcome.kind) {
          case 'done':
            this.wrapper.title = outcome.title;
            return;
          case 'skipped':
            this.wrapper.skip(outcome.text);
            return;
          case 'failed':
            throw new Error(outcome.text);
        }
      },
    };
  }
}
