/**
 * A batch transform job on this machine: the same options and handle as on SageMaker, run as a plan (load the
 * model through the Local target's runners, transform every input object, unload the model as cleanup), so a job
 * can be checked on a sample before paying for instances.
 */
import type { AwsContext } from '../../aws/context.js';
import { applyPlan, type PollOptions } from '../../deploy/apply.js';
import type { DeployEventHandler } from '../../deploy/events.js';
import type { Plan, PlanStep } from '../../deploy/plan.js';
import { InvalidArgumentError } from '../../errors.js';
import type { ModelSource } from '../../model/source.js';
import { loadRunner } from '../../targets/local/load.js';
import { findModelFile } from '../../targets/local/model-files.js';
import type { ModelRunner } from '../../targets/local/runner.js';
import { type BatchSettings, checkBatchOptions } from '../check-options.js';
import { recordFormat } from '../data-processing.js';
import { TransformJobFailedError } from '../errors.js';
import { RunningTransformJob } from '../job.js';
import type { BatchTransformOptions, TransformJob, TransformJobResult } from '../options.js';
import { startSignal } from '../started.js';
import { storageAt } from './storage.js';
import { RecordError, transformObject } from './transform-object.js';

/**
 * How {@link runLocalTransform} runs.
 *
 * @example
 * ```ts
 * const job = await runLocalTransform(Model.fromFile('iris.onnx').source,
 *   { input: './in', output: './out', instanceType: 'ml.m5.large', splitType: 'Line' },
 *   { onEvent: (event) => event.type === 'step-progress' && console.log(event.status), poll: { maxDelayMs: 500 } });
 * ```
 */
export interface LocalTransformContext {
  /** For `s3://` input or output: the S3 client (e.g. the loopback S3 server's) and credentials. */
  readonly aws?: AwsContext;
  /** Progress: the engine's events; the transform step reports `n of m objects, r records` as `step-progress`. */
  readonly onEvent?: DeployEventHandler;
  /** Stops the job, as `stop()` does. */
  readonly signal?: AbortSignal;
  /** How often the job is checked while it runs. @default the engine's backoff */
  readonly poll?: PollOptions;
}

/** The output of the Local `transform` step. */
interface LocalTransformOutput {
  readonly outputs: readonly string[];
  readonly records: number;
}

const DEFAULT_CONTENT_TYPE = 'text/csv';

/**
 * Starts a batch transform of every file (or object) under `options.input` with `source`, run in this process by
 * the Local target's ONNX or handler runner. Resolves once the model is loaded and the job has begun.
 * @throws {@link InvalidArgumentError} for bad options (before anything is read), {@link NotFoundError} for a
 * missing model, or what loading the model throws.
 * @example
 * ```ts
 * const job = await runLocalTransform(Model.fromFile('iris.onnx').source,
 *   { input: './in', output: './out', instanceType: 'ml.m5.large', contentType: 'text/csv', splitType: 'Line' });
 * await job.wait(); // ./out/<file>.out for each input file
 * ```
 */
export async function runLocalTransform(
  source: ModelSource,
  options: BatchTransformOptions,
  context: LocalTransformContext = {},
): Promise<TransformJob> {
  const settings = checkBatchOptions(options);
  const contentType = settings.contentType ?? DEFAULT_CONTENT_TYPE;
  const accept = settings.accept ?? contentType;
  const inputFormat = recordFormat(contentType);
  const outputFormat = recordFormat(accept);
  checkDataProcessing(settings, inputFormat, outputFormat);
  const input = storageAt(settings.input, 'input', context.aws);
  const output = storageAt(settings.output, 'output', context.aws);
  const model = await findModelFile(source);
  const controller = new AbortController();
  context.signal?.addEventListener('abort', () => controller.abort(context.signal?.reason), { once: true });
  const start = startSignal();
  let runner: ModelRunner | undefined;
  let handle: RunningTransformJob | undefined;

  const transform: PlanStep = {
    id: 'transform',
    resource: { kind: 'Local transform job', name: settings.jobName },
    action: 'create',
    reason: `transforms every object under ${settings.input} into ${settings.output} (${settings.splitType} records, ${settings.batchStrategy})`,
    dependsOn: ['load-model'],
    async apply(ctx): Promise<LocalTransformOutput> {
      start.started();
      const names = await input.list(ctx.signal);
      const written: string[] = [];
      let records = 0;
      for (const [index, name] of names.entries()) {
        const body = await input.read(name, ctx.signal);
        const result = await transformObject(name, body, {
          runner: runner as ModelRunner,
          settings,
          contentType,
          accept,
          inputFormat,
          outputFormat,
          signal: ctx.signal,
        }).catch((error: unknown) => {
          if (!(error instanceof RecordError)) throw error;
          handle?.observe('Failed', error.message);
          throw new TransformJobFailedError(settings.jobName, error.message, undefined, { cause: error.cause });
        });
        written.push(await output.write(`${name}.out`, result.body, accept, ctx.signal));
        records += result.records;
        ctx.report?.(`${index + 1} of ${names.length} objects, ${records} records`, {
          done: index + 1,
          total: names.length,
          unit: 'items',
        });
      }
      return { outputs: written, records };
    },
  };
  const plan: Plan = {
    name: settings.jobName,
    target: 'local-batch',
    steps: [
      {
        id: 'load-model',
        resource: { kind: 'Local model', name: model.path },
        action: 'create',
        reason: `loads ${model.runner === 'onnx' ? 'ONNX model' : 'handler'} ${model.path} in this process`,
        async apply() {
          runner = await loadRunner(model);
          return { path: model.path, description: runner.description };
        },
        undo: async () => runner?.close(),
      },
      transform,
      {
        id: 'unload-model',
        resource: { kind: 'Local model', name: model.path },
        action: 'delete',
        reason: 'frees the model once the job is done',
        cleanup: true,
        apply: async () => runner?.close(),
      },
    ],
  };
  const applied = applyPlan(plan, {
    signal: controller.signal,
    timeoutMs: Number.POSITIVE_INFINITY,
    ...(context.onEvent ? { onEvent: context.onEvent } : {}),
    ...(context.poll ? { poll: context.poll } : {}),
  });
  handle = new RunningTransformJob({
    name: settings.jobName,
    outputLocation: settings.output,
    controller,
    applied,
    result: (outputs) => resultOf(settings, outputs.get('transform') as LocalTransformOutput),
  });
  await start.wait(applied);
  return handle;
}

function resultOf(settings: BatchSettings, output: LocalTransformOutput): TransformJobResult {
  return {
    name: settings.jobName,
    status: 'Completed',
    outputLocation: settings.output,
    outputs: output.outputs,
    records: output.records,
  };
}

/** Filters and joins read CSV or JSON records only, as on SageMaker: say so before anything runs. */
function checkDataProcessing(
  settings: BatchSettings,
  inputFormat: string | undefined,
  outputFormat: string | undefined,
): void {
  const needsInput = settings.inputFilter !== undefined || settings.joinSource === 'Input';
  const needsOutput = settings.outputFilter !== undefined || settings.joinSource === 'Input';
  if (needsInput && inputFormat === undefined) {
    throw new InvalidArgumentError(
      settings.inputFilter !== undefined ? 'inputFilter' : 'joinSource',
      `Filters and joinSource work on CSV and JSON records only; contentType is ${settings.contentType}.`,
    );
  }
  if (needsOutput && outputFormat === undefined) {
    throw new InvalidArgumentError(
      settings.outputFilter !== undefined ? 'outputFilter' : 'joinSource',
      `Filters and joinSource work on CSV and JSON answers only; accept is ${settings.accept}.`,
    );
  }
  if ((needsInput || needsOutput) && (settings.splitType === 'RecordIO' || settings.splitType === 'TFRecord')) {
    throw new InvalidArgumentError(
      'splitType',
      `Filters and joinSource need splitType None or Line, not ${settings.splitType}.`,
    );
  }
}
