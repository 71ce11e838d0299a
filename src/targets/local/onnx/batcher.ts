/**
 * Dynamic batching: requests that arrive within a short window are joined along their first dimension into one
 * session run, and the output rows are handed back to each request in order. One run of N rows costs far less
 * than N runs of one row, so this is what lets a local model serve many small concurrent calls. The window closes
 * early when the requests stop coming, so batching costs a lone caller no latency.
 *
 * Runs are strictly one at a time. onnxruntime-node runs a session synchronously on the JavaScript thread (its
 * `run()` only defers the call with `setImmediate`), so two runs never overlap anyway; queueing them here makes
 * that explicit, and lets requests that arrive while a run is going form the next batch.
 */
import { AbortedError } from '../../../errors.js';
import { concatRows, type HostTensor, sliceRows } from './tensor.js';

export type Feeds = Readonly<Record<string, HostTensor>>;

/** Runs the model once. */
export type RunFeeds = (feeds: Feeds) => Promise<Feeds>;

export interface BatcherSettings {
  /** Whether to join requests at all; when false each request runs alone (still one at a time). */
  readonly enabled: boolean;
  /** How long the first request of a batch waits for others, in ms. */
  readonly maxDelayMs: number;
  /** The most rows one run takes; a single larger request still runs, alone. */
  readonly maxBatchSize: number;
}

export interface BatcherStats {
  /** Session runs made. */
  readonly runs: number;
  /** Runs that served more than one request. */
  readonly batchedRuns: number;
  /** Requests answered by those batched runs. */
  readonly batchedRequests: number;
  /** Why batching was switched off at run time, if it was. */
  readonly disabledReason: string | undefined;
}

interface Pending {
  readonly feeds: Feeds;
  readonly rows: number;
  /** Requests with equal keys can share a run; `undefined`: this one runs alone. */
  readonly key: string | undefined;
  readonly resolve: (outputs: Feeds) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: (() => void) | undefined;
}

/**
 * The rows of a request and the key of requests it can be joined with: the same input names, element types and
 * dimensions after the first. `undefined` when the inputs do not share one first dimension.
 */
export function batchKey(feeds: Feeds): { key: string; rows: number } | undefined {
  const names = Object.keys(feeds).sort();
  const rows = feeds[names[0] ?? '']?.dims[0];
  if (rows === undefined) return undefined;
  const parts: string[] = [];
  for (const name of names) {
    const t = feeds[name]!;
    if (t.dims.length === 0 || t.dims[0] !== rows) return undefined;
    parts.push(`${name}:${t.type}:${t.dims.slice(1).join('x')}`);
  }
  return { key: parts.join('|'), rows };
}

export class DynamicBatcher {
  readonly #run: RunFeeds;
  readonly #settings: BatcherSettings;
  #queue: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #quietCheck: ReturnType<typeof setImmediate> | undefined;
  #draining: Promise<void> | undefined;
  #disabledReason: string | undefined;
  #runs = 0;
  #batchedRuns = 0;
  #batchedRequests = 0;

  constructor(run: RunFeeds, settings: BatcherSettings) {
    this.#run = run;
    this.#settings = settings;
  }

  get stats(): BatcherStats {
    return {
      runs: this.#runs,
      batchedRuns: this.#batchedRuns,
      batchedRequests: this.#batchedRequests,
      disabledReason: this.#disabledReason,
    };
  }

  /**
   * Queues a request and resolves with its own outputs.
   * @throws AbortedError when `signal` aborts while the request still waits.
   */
  submit(feeds: Feeds, signal?: AbortSignal): Promise<Feeds> {
    if (signal?.aborted) return Promise.reject(aborted(signal));
    return new Promise<Feeds>((resolve, reject) => {
      const joinable = this.#settings.enabled && this.#disabledReason === undefined ? batchKey(feeds) : undefined;
      const item: Pending = {
        feeds,
        rows: joinable?.rows ?? 0,
        key: joinable?.key,
        resolve,
        reject,
        signal,
        onAbort:
          signal &&
          (() => {
            // Still queued: drop it. Already running: the run finishes, and the caller has stopped listening.
            const index = this.#queue.indexOf(item);
            if (index >= 0) {
              this.#queue.splice(index, 1);
              reject(aborted(signal));
            }
          }),
      };
      if (item.onAbort) signal?.addEventListener('abort', item.onAbort, { once: true });
      this.#queue.push(item);
      this.#schedule();
    });
  }

  /** Rejects every queued request with `error` and waits for the run in progress. */
  async close(error: unknown): Promise<void> {
    this.#closeWindow();
    const queued = this.#queue;
    this.#queue = [];
    for (const item of queued) this.#settle(item, () => item.reject(error));
    await this.#draining;
  }

  #schedule(): void {
    if (this.#draining !== undefined) return; // the drain loop takes new requests after the current run
    const first = this.#queue[0];
    if (first === undefined) return;
    const queuedRows = this.#queue.reduce((sum, item) => sum + (item.key === first.key ? item.rows : 0), 0);
    if (first.key === undefined || queuedRows >= this.#settings.maxBatchSize || this.#settings.maxDelayMs <= 0) {
      this.#drain();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.#drain(), this.#settings.maxDelayMs);
      this.#closeWhenQuiet(this.#queue.length);
    }
  }

  /**
   * Ends the window early once a turn of the event loop brings no new request. Requests that reach the server
   * together are all read, decoded and queued within one turn, so a quiet turn means the rest of the window
   * would most likely be spent idle: callers that wait for their answer before sending again (a pool of
   * workers, `predictMany`) send nothing more until this batch is answered. Waiting out the full window there
   * capped a closed loop of 32 callers at one batch per `maxDelayMs` (bench/local-serving.ts).
   */
  #closeWhenQuiet(seen: number): void {
    this.#quietCheck = setImmediate(() => {
      this.#quietCheck = undefined;
      if (this.#timer === undefined) return;
      if (this.#queue.length > seen) this.#closeWhenQuiet(this.#queue.length);
      else this.#drain();
    });
  }

  #closeWindow(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    clearImmediate(this.#quietCheck);
    this.#quietCheck = undefined;
  }

  #drain(): void {
    this.#closeWindow();
    if (this.#draining !== undefined) return;
    const loop = async () => {
      while (this.#queue.length > 0) await this.#execute(this.#takeBatch());
    };
    this.#draining = loop().finally(() => {
      this.#draining = undefined;
      this.#schedule(); // a request may have arrived between the loop's last check and now
    });
  }

  /** The first queued request and, when it can be joined, the queued requests with its key, up to the row limit. */
  #takeBatch(): Pending[] {
    const first = this.#queue[0]!;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const joinable = first.key !== undefined && this.#disabledReason === undefined;
    let rows = 0;
    for (const item of this.#queue) {
      const fits =
        item === first || (joinable && item.key === first.key && rows + item.rows <= this.#settings.maxBatchSize);
      if (fits) {
        batch.push(item);
        rows += item.rows;
      } else {
        rest.push(item);
      }
    }
    this.#queue = rest;
    for (const item of batch) if (item.onAbort) item.signal?.removeEventListener('abort', item.onAbort);
    return batch;
  }

  async #execute(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.#runAlone(batch[0]!);
    const names = Object.keys(batch[0]!.feeds);
    const joined: Record<string, HostTensor> = {};
    for (const name of names) joined[name] = concatRows(batch.map((item) => item.feeds[name]!));
    const total = batch.reduce((sum, item) => sum + item.rows, 0);

    let outputs: Feeds;
    try {
      this.#runs++;
      outputs = await this.#run(joined);
    } catch {
      // One bad request must not fail its neighbours: run each alone, so each gets its own answer or error.
      for (const item of batch) await this.#runAlone(item);
      return;
    }
    const unsplittable = Object.entries(outputs).find(([, t]) => t.dims.length === 0 || t.dims[0] !== total);
    if (unsplittable !== undefined) {
      const [name, t] = unsplittable;
      this.#disabledReason = `output "${name}" has shape [${t.dims.join(', ')}] for ${total} input rows, so it cannot be split back into rows`;
      for (const item of batch) await this.#runAlone(item);
      return;
    }
    this.#batchedRuns++;
    this.#batchedRequests += batch.length;
    let start = 0;
    for (const item of batch) {
      const own: Record<string, HostTensor> = {};
      for (const [name, t] of Object.entries(outputs)) own[name] = sliceRows(t, start, start + item.rows);
      start += item.rows;
      this.#settle(item, () => item.resolve(own));
    }
  }

  async #runAlone(item: Pending): Promise<void> {
    try {
      this.#runs++;
      const outputs = await this.#run(item.feeds);
      this.#settle(item, () => item.resolve(outputs));
    } catch (error) {
      this.#settle(item, () => item.reject(error));
    }
  }

  #settle(item: Pending, settle: () => void): void {
    if (item.onAbort) item.signal?.removeEventListener('abort', item.onAbort);
    settle();
  }
}

function aborted(signal: AbortSignal): AbortedError {
  return new AbortedError('The invocation was aborted before the model ran.', { cause: signal.reason });
}
