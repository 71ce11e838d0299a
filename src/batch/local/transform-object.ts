/**
 * One input object through the model, as SageMaker's batch transform agent does it: split into records, filtered,
 * grouped into mini-batches, sent to the model (at most `maxConcurrentTransforms` at once), and the answers
 * assembled (joined and filtered when asked) into the bytes of `<object>.out`.
 */
import { isModelshipError } from '../../errors.js';
import type { ModelRunner } from '../../targets/local/runner.js';
import type { BatchSettings } from '../check-options.js';
import {
  filterRecord,
  formatRecord,
  joinRecord,
  outputRecords,
  parseRecord,
  type RecordFormat,
} from '../data-processing.js';
import { selectJsonPath } from '../json-path.js';
import { joinBodies, type MiniBatch, miniBatches, splitRecords } from '../records.js';

/** What the object's transform needs besides the settings. */
export interface ObjectContext {
  readonly runner: ModelRunner;
  readonly settings: BatchSettings;
  readonly contentType: string;
  readonly accept: string;
  /** The formats data processing reads; checked up front when filters or a join are asked for. */
  readonly inputFormat: RecordFormat | undefined;
  readonly outputFormat: RecordFormat | undefined;
  readonly signal: AbortSignal;
}

/** What one object gave. */
export interface TransformedObject {
  readonly body: Uint8Array;
  readonly records: number;
}

/** Thrown for a record the job cannot transform; the runner turns it into the job's failure reason. */
export class RecordError extends Error {}

/** Transforms the object `name` with content `body`. @throws {@link RecordError} naming the object and records. */
export async function transformObject(name: string, body: Uint8Array, ctx: ObjectContext): Promise<TransformedObject> {
  const { settings } = ctx;
  const originals = guard(name, 'splitting', () => splitRecords(body, settings.splitType));
  const { inputFilter } = settings;
  const { inputFormat } = ctx;
  const sent =
    inputFilter === undefined || inputFormat === undefined
      ? originals
      : originals.map((record, index) =>
          guard(name, `record ${index + 1}`, () => filterRecord(record, inputFilter, inputFormat, 'inputFilter')),
        );
  const batches = guard(name, 'batching', () => miniBatches(sent, settings));
  const answers = await mapConcurrent(batches, Math.max(1, settings.maxConcurrentTransforms ?? 1), (batch) =>
    invoke(name, batch, ctx),
  );
  const processed = settings.joinSource === 'Input' || settings.outputFilter !== undefined;
  if (!processed) {
    // AssembleWith Line: each answer on its own line(s); None: the answers end to end, as the model wrote them.
    const lines = settings.splitType === 'Line';
    const parts = lines ? answers.map(withFinalNewline) : answers;
    return { body: joinBodies(parts, false), records: originals.length };
  }
  const out: Uint8Array[] = [];
  batches.forEach((batch, b) => {
    const range = describeRange(batch);
    const values = guard(name, range, () =>
      outputRecords(answers[b] as Uint8Array, ctx.outputFormat ?? 'json', batch.records.length),
    );
    values.forEach((value, i) => {
      const index = batch.first + i;
      out.push(guard(name, `record ${index + 1}`, () => processRecord(originals[index] as Uint8Array, value, ctx)));
    });
  });
  return { body: joinBodies(out.map(withFinalNewline), false), records: originals.length };
}

function processRecord(original: Uint8Array, output: unknown, ctx: ObjectContext): Uint8Array {
  const { settings } = ctx;
  const inputFormat = ctx.inputFormat ?? 'json';
  const joined = settings.joinSource === 'Input';
  let value = joined ? joinRecord(parseRecord(original, inputFormat), output, inputFormat) : output;
  if (settings.outputFilter !== undefined) value = selectJsonPath(settings.outputFilter, value, 'outputFilter');
  // A joined record keeps the input's format (CSV stays CSV); otherwise the record is in the model's format.
  return formatRecord(value, joined ? inputFormat : (ctx.outputFormat ?? 'json'));
}

async function invoke(name: string, batch: MiniBatch, ctx: ObjectContext): Promise<Uint8Array> {
  try {
    const response = await ctx.runner.invoke({
      body: batch.body,
      contentType: ctx.contentType,
      accept: ctx.accept,
      signal: ctx.signal,
    });
    return response.body;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const message = isModelshipError(error) ? error.message : String(error);
    throw new RecordError(`${name}, ${describeRange(batch)}: the model failed: ${message}`, { cause: error });
  }
}

function describeRange(batch: MiniBatch): string {
  const last = batch.first + batch.records.length;
  return last === batch.first + 1 ? `record ${last}` : `records ${batch.first + 1}-${last}`;
}

function guard<T>(name: string, where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new RecordError(`${name}, ${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function withFinalNewline(part: Uint8Array): Uint8Array {
  return part.length > 0 && part[part.length - 1] === 0x0a ? part : joinBodies([part, new Uint8Array()], true);
}

/** `map` with at most `limit` calls in flight, results in input order; the first failure rejects. */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
