/**
 * Progress for a person at a terminal: a listr2 task list, one task per plan step, redrawn in place. The engine
 * drives everything; listr2 only displays it (see `step-task.ts`). Steps run concurrently when the plan allows, so
 * the list is concurrent; a step the engine has not started yet shows `queued`. A rollback is a second list under
 * the first, one task per step being undone.
 */
import {
  type DefaultRenderer,
  Listr,
  type ListrBaseClassOptions,
  ListrDefaultRendererLogLevels,
  type ListrDefaultRendererOptions,
  ListrLogger,
  type ListrTask,
  ProcessOutput,
} from 'listr2';
import type { DeployEvent, StepInfo } from '../../../deploy/events.js';
import type { CliIO } from '../../io.js';
import { type Palette, paletteFor } from '../colors.js';
import { formatDuration } from '../duration.js';
import { progressBar } from './bar.js';
import type { ProgressRenderer } from './renderer.js';
import { StepTask } from './step-task.js';
import { errorText, retryText, stepTitle, unchangedTitle, wasCancelled } from './step-text.js';
import { RunTally } from './tally.js';

/** How often the elapsed time of a waiting step is redrawn. */
const TICK_MS = 1000;

interface Waiting {
  readonly task: StepTask;
  readonly status: string;
  /** When the step started, on the renderer's clock. */
  readonly since: number;
}

// listr2 colours with colorette, which looks at the process's own terminal; without colour every level's style is
// the identity, so nothing but text reaches the stream.
const PLAIN_STYLE = Object.fromEntries(
  Object.values(ListrDefaultRendererLogLevels).map((level) => [level, (text?: string) => text ?? '']),
) as NonNullable<ListrDefaultRendererOptions['color']>;

type Options = ListrBaseClassOptions<unknown, 'default', 'default'>;

function listrOptions(io: CliIO, concurrent: boolean): Options {
  const rendererOptions: ListrDefaultRendererOptions = {
    // listr2 writes where the CLI says, not to process.stdout: tests and `--json` runs depend on it.
    logger: new ListrLogger({ processOutput: new ProcessOutput(io.stdout as never, io.stderr as never) }),
    collapseErrors: false,
    showErrorMessage: true,
    collapseSkips: true,
    showSkipMessage: true,
    formatOutput: 'truncate',
    ...(io.color ? {} : { color: PLAIN_STYLE }),
  };
  return {
    concurrent,
    exitOnError: false,
    // Ctrl-C belongs to the CLI: it aborts the run, which then rolls back and reports through these events.
    registerSignalListeners: false,
    renderer: 'default',
    rendererOptions,
    // listr2 falls back to plain output when process.stdout is no terminal; the CLI has already decided
    // (io.interactive), so the fallback is the same task list.
    fallbackRenderer: 'default',
    fallbackRendererOptions: rendererOptions,
  };
}

/** A task list of `title`'s run on `io.stdout`; `now` is a clock in milliseconds. */
export function taskList(io: CliIO, title: string, now: () => number): ProgressRenderer {
  const palette: Palette = paletteFor(io);
  const tally = new RunTally();
  const steps = new Map<string, StepTask>();
  const undos = new Map<string, StepTask>();
  const waiting = new Map<string, Waiting>();
  // Each list starts once the one before it has ended and released the stream.
  let queue: Promise<unknown> = Promise.resolve();
  let closing: Promise<void> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const enqueue = (work: () => unknown) => {
    // A renderer must never break the run it shows: what listr2 throws is dropped.
    queue = queue.then(work).catch(() => {});
  };
  const say = (line: string) => enqueue(() => io.stdout.write(`${line}\n`));
  const run = (tasks: ListrTask<unknown, typeof DefaultRenderer, typeof DefaultRenderer>[], concurrent: boolean) =>
    enqueue(() => new Listr<unknown, 'default', 'default'>(tasks, listrOptions(io, concurrent)).run());

  const showWaiting = (entry: Waiting) =>
    entry.task.show(`${entry.status} · ${formatDuration(Math.floor((now() - entry.since) / 1000) * 1000)}`);
  const tick = () => {
    for (const entry of waiting.values()) showWaiting(entry);
  };
  const settleRest = (tasks: Map<string, StepTask>, text: (task: StepTask) => string) => {
    for (const task of tasks.values()) task.finish({ kind: 'skipped', text: text(task) });
  };
  // A retry of an undo belongs to the rollback's task, not to the step's finished one.
  const taskOf = (step: StepInfo, phase: string) => (phase === 'undo' ? undos : steps).get(step.id);
  const finishStep = (step: StepInfo, outcome: Parameters<StepTask['finish']>[0]) => {
    waiting.delete(step.id);
    steps.get(step.id)?.finish(outcome);
  };

  const onEvent = (event: DeployEvent) => {
    if (closing) return;
    tally.observe(event, now());
    switch (event.type) {
      case 'apply-started': {
        settleRest(steps, (task) => `${task.title} (not started)`);
        steps.clear();
        undos.clear();
        for (const step of event.steps) {
          const unchanged = step.action === 'none';
          const task = new StepTask(unchanged ? unchangedTitle(step) : stepTitle(step));
          if (!unchanged) task.show(palette.dim('queued'));
          steps.set(step.id, task);
        }
        say(palette.bold(`${title} ${event.name}`));
        run(
          [...steps.values()].map((task) => task.toListrTask()),
          true,
        );
        ticker ??= setInterval(tick, TICK_MS);
        ticker.unref?.();
        break;
      }
      case 'step-started':
        steps.get(event.step.id)?.show('starting');
        break;
      case 'step-skipped':
        finishStep(event.step, { kind: 'skipped', text: unchangedTitle(event.step) });
        break;
      case 'step-waiting': {
        const task = steps.get(event.step.id);
        if (!task) break;
        const entry = { task, status: event.status, since: now() - event.elapsedMs };
        waiting.set(event.step.id, entry);
        showWaiting(entry);
        break;
      }
      case 'step-progress':
        waiting.delete(event.step.id);
        steps.get(event.step.id)?.show(event.progress ? progressBar(event.progress, palette) : event.status);
        break;
      case 'step-retrying':
        if (event.phase !== 'wait') waiting.delete(event.step.id);
        taskOf(event.step, event.phase)?.show(palette.yellow(retryText(event)));
        break;
      case 'step-done':
        finishStep(event.step, {
          kind: 'done',
          title: `${stepTitle(event.step)} ${palette.dim(formatDuration(event.elapsedMs))}`,
        });
        break;
      case 'step-failed':
        finishStep(event.step, {
          kind: 'failed',
          text: wasCancelled(event.error) ? 'cancelled' : errorText(event.error),
        });
        break;
      case 'cleanup-failed':
        finishStep(event.step, { kind: 'failed', text: `cleanup failed, still there: ${errorText(event.error)}` });
        break;
      case 'rollback-started':
        settleRest(steps, (task) => `${task.title} (not started)`);
        for (const step of event.steps) undos.set(step.id, new StepTask(`undo ${stepTitle(step)}`));
        say(palette.yellow(`rolling back ${event.steps.length} step${event.steps.length === 1 ? '' : 's'}`));
        run(
          [...undos.values()].map((task) => task.toListrTask()),
          false,
        );
        break;
      case 'step-rolled-back':
        undos.get(event.step.id)?.finish({ kind: 'done', title: `undo ${stepTitle(event.step)}` });
        break;
      case 'step-rollback-failed':
        undos.get(event.step.id)?.finish({ kind: 'failed', text: `left behind: ${errorText(event.error)}` });
        break;
      case 'apply-done':
        settleRest(steps, (task) => `${task.title} (not started)`);
        say(palette.green(`✔ ${tally.successLine(title, event.elapsedMs)}`));
        break;
      default:
        break;
    }
  };

  return {
    onEvent,
    close() {
      closing ??= (async () => {
        clearInterval(ticker);
        waiting.clear();
        settleRest(steps, (task) => `${task.title} (not started)`);
        settleRest(undos, (task) => `${task.title} (not done)`);
        const failure = tally.takeFailureLine(title, now());
        if (failure !== undefined) say(palette.red(`✖ ${failure}`));
        await queue;
      })();
      return closing;
    },
  };
}
