/**
 * The ModelRunner for ONNX models: one onnxruntime session, request bodies mapped to the model's inputs by
 * content type, concurrent requests joined into batches.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AbortedError, InvalidArgumentError, NotFoundError } from '../../../errors.js';
import type { ModelRunner, RunnerRequest, RunnerResponse } from '../runner.js';
import { type BatcherSettings, DynamicBatcher, type Feeds } from './batcher.js';
import { decodeCsv, encodeCsv } from './csv-codec.js';
import { badInput, closed, runFailed } from './failures.js';
import { type Format, MEDIA_TYPES, requestFormat, responseFormat } from './formats.js';
import { type DecodedBody, decodeJson, encodeJson } from './json-codec.js';
import { loadOrt, type OrtModule, type OrtSession, type OrtValueMetadata } from './load-ort.js';
import { decodeNpyBody, encodeNpyBody } from './npy-io.js';
import { type HostTensor, isTensorType, type TensorInfo } from './tensor.js';

/**
 * How concurrent requests are joined into one session run.
 *
 * @example
 * ```ts
 * Model.fromFile('iris.onnx').deployTo(Local({ batching: { maxDelayMs: 5, maxBatchSize: 128 } }));
 * ```
 */
export interface OnnxBatchingOptions {
  /**
   * The longest the first request of a batch waits for more, in milliseconds. The wait ends sooner once a turn of
   * the event loop brings no new request, so a lone caller is not kept waiting. Requests that arrive while a run
   * is going always form the next batch, whatever this is.
   * @default 2
   */
  readonly maxDelayMs?: number;
  /**
   * The most rows one session run takes. A single request with more rows runs alone.
   * @default 64
   */
  readonly maxBatchSize?: number;
}

/** Options of {@link createOnnxRunner}. */
export interface OnnxRunnerOptions {
  /**
   * Dynamic batching: requests that arrive within `maxDelayMs` of each other, with the same inputs and the same
   * dimensions after the first, run as one batch. Only models whose inputs have a dynamic first dimension
   * (`[N, 4]`, not `[1, 4]`) are batched, and rows must be independent of each other (true of inference graphs;
   * turn batching off for a model that mixes rows). `false` runs every request alone.
   * @default true, with the defaults of {@link OnnxBatchingOptions}
   */
  readonly batching?: boolean | OnnxBatchingOptions;
  /**
   * Threads onnxruntime uses inside one operator.
   * @default onnxruntime's own choice (one per physical core)
   */
  readonly intraOpNumThreads?: number;
}

/** Counters of what a runner has done, for tests, benchmarks and logs. */
export interface OnnxRunnerStats {
  /** Requests that reached the model (decoded and queued). */
  readonly invocations: number;
  /** Runs of the onnxruntime session. */
  readonly sessionRuns: number;
  /** Session runs that served more than one request. */
  readonly batchedRuns: number;
  /** Requests answered by those batched runs. */
  readonly batchedInvocations: number;
}

/** A model runner for one ONNX model. */
export interface OnnxRunner extends ModelRunner {
  /** The model file. */
  readonly path: string;
  /** The model's inputs, as it declares them, in order. */
  readonly inputs: readonly TensorInfo[];
  /** The model's tensor outputs, in order (non-tensor outputs such as ZipMap's are not fetched). */
  readonly outputs: readonly TensorInfo[];
  /** Whether concurrent requests are joined into batches (off for models with a fixed first dimension). */
  readonly batching: boolean;
  /** What the runner has done so far. */
  readonly stats: OnnxRunnerStats;
}

const DEFAULT_MAX_DELAY_MS = 2;
const DEFAULT_MAX_BATCH_SIZE = 64;

/**
 * Loads an ONNX model into an onnxruntime session and returns a runner for the Local server.
 *
 * Requests (shown for an input `float_input` float32 [N, 4]):
 * - `application/json`: rows, as `{"instances": [[5.1, 3.5, 1.4, 0.2], …]}`, a bare array of rows or one bare row;
 *   for several inputs each row is an object keyed by input name. Or named tensors: `{"inputs": [[…], …]}` for
 *   the only input, `{"inputs": {"a": …, "b": …}}` for several.
 * - `text/csv`: one row of comma-separated numbers per line, no header (single-input models).
 * - `application/x-npy`: one NumPy array (single-input models); float64 is converted to a float32 input.
 *
 * Responses, in the first `Accept`ed format (the request's own for a wildcard or no `Accept`):
 * - JSON to rows: `{"predictions": [...]}`, one entry per row: that output's row for a one-output model, else an
 *   object keyed by output name, `{"predictions": [{"probabilities": [0.99, 0.01, 0], "label": 0}]}`.
 * - JSON to `inputs`: `{"outputs": {"probabilities": [[…]], "label": [0]}}`.
 * - CSV: one line per row of the first output; NumPy: the first output as an array.
 * - `Accept: <type>; output=<name>` picks one output, e.g. `text/csv; output=label`.
 *
 * Bad input fails with a `ModelError` whose `originalStatusCode` is 400 (415 for an unknown content type, 406 for
 * an unknown `Accept`) and whose message names the expected shape; a failure inside onnxruntime with 500; an
 * invocation after `close()` with 503. An invocation whose signal aborts while it waits for a batch rejects with
 * `AbortedError`.
 *
 * @example
 * ```ts
 * const runner = await createOnnxRunner('.tmp/models/iris.onnx');
 * const answer = await runner.invoke({
 *   body: new TextEncoder().encode('[[5.1, 3.5, 1.4, 0.2]]'),
 *   contentType: 'application/json',
 *   accept: 'application/json',
 *   signal: AbortSignal.timeout(5000),
 * });
 * // answer.body: {"predictions":[{"probabilities":[0.9989604,0.0010396523,2.6250198e-9],"label":0}]}
 * await runner.close();
 * ```
 * @throws InvalidArgumentError for bad options, a path that is not an ONNX model onnxruntime can load, or a model
 *   with inputs that are not tensors.
 * @throws NotFoundError when the file does not exist.
 * @throws DependencyMissingError when `onnxruntime-node` is not installed.
 */
export async function createOnnxRunner(path: string, options: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
  const batching = batchingSettings(options.batching);
  const intra = options.intraOpNumThreads;
  if (intra !== undefined && !(Number.isInteger(intra) && intra >= 0 && intra <= 1024)) {
    throw new InvalidArgumentError(
      'intraOpNumThreads',
      `intraOpNumThreads must be a whole number from 0 to 1024 (0: onnxruntime decides); got ${intra}.`,
    );
  }
  await checkModelFile(path);
  const ort = await loadOrt();
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(path, intra === undefined ? {} : { intraOpNumThreads: intra });
  } catch (error) {
    throw new InvalidArgumentError(
      'path',
      `onnxruntime could not load "${path}" as an ONNX model: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return new OnnxSessionRunner(path, ort, session, batching);
}

async function checkModelFile(path: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    throw new NotFoundError(`The ONNX model file "${path}" does not exist.`, {
      cause: error,
      resource: { kind: 'ONNX model file', name: path },
    });
  });
  if (!info.isFile()) {
    throw new InvalidArgumentError('path', `"${path}" is not a file; pass the path of an .onnx model file.`);
  }
}

function batchingSettings(option: OnnxRunnerOptions['batching']): BatcherSettings {
  if (option === false) return { enabled: false, maxDelayMs: 0, maxBatchSize: 1 };
  const { maxDelayMs = DEFAULT_MAX_DELAY_MS, maxBatchSize = DEFAULT_MAX_BATCH_SIZE } =
    option === true ? {} : (option ?? {});
  if (!(Number.isFinite(maxDelayMs) && maxDelayMs >= 0 && maxDelayMs <= 1000)) {
    throw new InvalidArgumentError(
      'batching.maxDelayMs',
      `batching.maxDelayMs must be from 0 to 1000 milliseconds; got ${maxDelayMs}. A few milliseconds is typical.`,
    );
  }
  if (!(Number.isInteger(maxBatchSize) && maxBatchSize >= 1)) {
    throw new InvalidArgumentError(
      'batching.maxBatchSize',
      `batching.maxBatchSize must be a whole number of rows, at least 1; got ${maxBatchSize}.`,
    );
  }
  return { enabled: true, maxDelayMs, maxBatchSize };
}

function describeValues(
  names: readonly string[],
  metadata: readonly OrtValueMetadata[] | undefined,
): { tensors: TensorInfo[]; other: string[] } {
  const tensors: TensorInfo[] = [];
  const other: string[] = [];
  names.forEach((name, i) => {
    const meta = metadata?.find((m) => m.name === name) ?? metadata?.[i];
    if (meta !== undefined && !meta.isTensor) {
      other.push(name);
      return;
    }
    // onnxruntime reports an undeclared shape as [] (indistinguishable from a scalar): treat it as "any shape".
    const shape = meta?.shape !== undefined && meta.shape.length > 0 ? [...meta.shape] : undefined;
    tensors.push({ name, type: isTensorType(meta?.type) ? meta.type : undefined, shape });
  });
  return { tensors, other };
}

class OnnxSessionRunner implements OnnxRunner {
  readonly path: string;
  readonly description: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly batching: boolean;
  readonly #ort: OrtModule;
  readonly #session: OrtSession;
  readonly #batcher: DynamicBatcher;
  readonly #outputNames: readonly string[];
  #invocations = 0;
  #closed = false;

  constructor(path: string, ort: OrtModule, session: OrtSession, settings: BatcherSettings) {
    this.path = path;
    this.description = `ONNX model ${basename(path)}`;
    this.#ort = ort;
    this.#session = session;
    const inputs = describeValues(session.inputNames, session.inputMetadata);
    const outputs = describeValues(session.outputNames, session.outputMetadata);
    if (inputs.other.length > 0 || outputs.tensors.length === 0) {
      void session.release();
      throw new InvalidArgumentError(
        'path',
        inputs.other.length > 0
          ? `${this.description} has inputs that are not tensors (${inputs.other.join(', ')}); the Local target feeds tensors only.`
          : `${this.description} has no tensor outputs (${outputs.other.join(', ')}); for scikit-learn classifiers, export with skl2onnx's zipmap=False option.`,
      );
    }
    this.inputs = inputs.tensors;
    this.outputs = outputs.tensors;
    this.#outputNames = outputs.tensors.map((o) => o.name);
    // Batch only when every input's first dimension is dynamic and no output declares a fixed first dimension.
    const batchable =
      this.inputs.every((i) => i.shape !== undefined && typeof i.shape[0] === 'string') &&
      this.outputs.every((o) => o.shape === undefined || typeof o.shape[0] === 'string');
    this.batching = settings.enabled && batchable;
    this.#batcher = new DynamicBatcher((feeds) => this.#runSession(feeds), { ...settings, enabled: this.batching });
  }

  get stats(): OnnxRunnerStats {
    const s = this.#batcher.stats;
    return {
      invocations: this.#invocations,
      sessionRuns: s.runs,
      batchedRuns: s.batchedRuns,
      batchedInvocations: s.batchedRequests,
    };
  }

  async invoke(request: RunnerRequest): Promise<RunnerResponse> {
    if (this.#closed) throw closed(`${this.description} is closed; it answers no more requests.`);
    if (request.signal.aborted) {
      throw new AbortedError('The invocation was aborted before the model ran.', { cause: request.signal.reason });
    }
    const format = requestFormat(request.contentType);
    const choice = responseFormat(request.accept, format);
    if (choice.output !== undefined && !this.#outputNames.includes(choice.output)) {
      throw badInput(
        `Accept asks for output "${choice.output}", which ${this.description} does not have; its outputs are ${this.#outputNames.join(', ')}.`,
      );
    }
    const decoded = decode(format, request.body, this.inputs);
    this.#invocations++;
    const outputs = await this.#batcher.submit(decoded.feeds, request.signal);
    const names = choice.output !== undefined ? [choice.output] : this.#outputNames;
    return { body: encode(choice.format, outputs, names, decoded), contentType: MEDIA_TYPES[choice.format] };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#batcher.close(closed(`${this.description} was closed before it could answer.`));
    await this.#session.release();
  }

  async #runSession(feeds: Feeds): Promise<Feeds> {
    const ortFeeds: Record<string, InstanceType<OrtModule['Tensor']>> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new this.#ort.Tensor(t.type, t.data, t.dims);
    let results: Awaited<ReturnType<OrtSession['run']>>;
    try {
      results = await this.#session.run(ortFeeds, this.#outputNames);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // onnxruntime's own shape and type checks catch what the declared signature could not (e.g. no metadata).
      if (/invalid dimensions|invalid rank|unexpected input data type|input .* (is )?missing/i.test(message)) {
        throw badInput(`${this.description} rejected the input: ${message}`, error);
      }
      throw runFailed(`${this.description} failed to run: ${message}`, error);
    }
    const outputs: Record<string, HostTensor> = {};
    for (const name of this.#outputNames) {
      const t = results[name];
      if (t === undefined || !isTensorType(t.type)) {
        throw runFailed(`${this.description} returned output "${name}" of a type modelship cannot read (${t?.type}).`);
      }
      outputs[name] = { type: t.type, dims: [...t.dims], data: t.data as HostTensor['data'] };
    }
    return outputs;
  }
}

function decode(format: Format, body: Uint8Array, inputs: readonly TensorInfo[]): DecodedBody {
  switch (format) {
    case 'json':
      return decodeJson(body, inputs);
    case 'csv':
      return decodeCsv(body, inputs);
    case 'npy':
      return decodeNpyBody(body, inputs);
  }
}

function encode(format: Format, outputs: Feeds, names: readonly string[], decoded: DecodedBody): Uint8Array {
  const first = names[0]!;
  switch (format) {
    case 'json':
      return encodeJson(outputs, names, decoded.style);
    case 'csv':
      return encodeCsv(outputs[first]!);
    case 'npy':
      return encodeNpyBody(first, outputs[first]!);
  }
}
