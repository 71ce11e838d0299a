/**
 * The shape of a handler module for `Model.fromHandler('./handler.js')`: what it exports and what it is handed.
 *
 * @example
 * ```ts
 * // handler.ts, built to handler.js
 * import type { HandlerContext } from 'modelship';
 * export async function load() {
 *   return { weights: [0.4, 0.6] };
 * }
 * export function predict(rows: number[][], context: HandlerContext<{ weights: number[] }>) {
 *   return rows.map((row) => row.reduce((sum, x, i) => sum + x * (context.state.weights[i] ?? 0), 0));
 * }
 * ```
 */

/**
 * What a handler's `predict` and `predictStream` are handed besides the input.
 *
 * @example
 * ```ts
 * export async function predict(input: unknown, context: HandlerContext) {
 *   if (context.accept === 'text/csv') context.setCustomAttributes('format=csv');
 *   return await score(input, { signal: context.signal });
 * }
 * ```
 */
export interface HandlerContext<State = unknown> {
  /** The request's `Content-Type`, e.g. `application/json`; it decided how the input was decoded. */
  readonly contentType: string;
  /** The caller's `Accept` (`*` + `/` + `*` when it did not say); it decides how the result is encoded. */
  readonly accept: string;
  /** The caller's custom attributes (`X-Amzn-SageMaker-Custom-Attributes`), when it sent some. */
  readonly customAttributes: string | undefined;
  /** Aborts when the caller goes away or the request times out: pass it to anything slow. */
  readonly signal: AbortSignal;
  /** What `load()` returned; undefined without `load()`. */
  readonly state: State;
  /** Sets the custom attributes of the answer: at most 1024 visible US-ASCII characters. */
  setCustomAttributes(value: string): void;
}

/**
 * A handler module's exports (named exports, or the same members on its default export).
 *
 * Inputs arrive decoded by `Content-Type`: JSON as the parsed value, JSON Lines as an array of values, `text/*`
 * as a string, anything else as a `Uint8Array`. A result that is a string or a `Uint8Array` is sent as it is;
 * anything else as JSON (JSON Lines when the caller accepts `application/jsonlines`). A thrown error is the
 * caller's `ModelError`, with the error's `statusCode` (400–599) as the original status, or 500.
 *
 * @example
 * ```ts
 * // handler.ts, deployed with Model.fromHandler('./handler.ts').deployTo(Local())
 * const handler: LocalHandler<{ weights: number[] }> = {
 *   load: async () => ({ weights: JSON.parse(await readFile('weights.json', 'utf8')) }),
 *   predict: (rows, { state }) =>
 *     (rows as number[][]).map((row) => row.reduce((s, x, i) => s + x * (state.weights[i] ?? 0), 0)),
 * };
 * export default handler;
 * ```
 */
export interface LocalHandler<State = unknown> {
  /** Called once before the first request; its result is `context.state`. */
  load?(): State | Promise<State>;
  /** Answers one request. */
  predict(input: unknown, context: HandlerContext<State>): unknown;
  /**
   * Answers one request in parts, for InvokeEndpointWithResponseStream: each yielded string or `Uint8Array` is
   * sent as it is, anything else as one JSON line. Without it, streaming callers get `predict`'s result as one part.
   */
  predictStream?(input: unknown, context: HandlerContext<State>): AsyncIterable<unknown>;
  /** Called once when the deployment is destroyed, to free what `load()` took. */
  close?(state: State): void | Promise<void>;
}
