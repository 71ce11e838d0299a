/**
 * Serializers turn a caller's input into a request body; deserializers turn a response body into the caller's
 * output. Both are plain objects, so a format of one's own is a few lines:
 *
 * @example
 * ```ts
 * const protobuf: Serializer<Uint8Array> = { contentType: 'application/x-protobuf', serialize: (v) => v };
 * ```
 */

/**
 * Turns one input into a request body.
 *
 * @example
 * ```ts
 * const protobuf: Serializer<Uint8Array> = { contentType: 'application/x-protobuf', serialize: (value) => value };
 * const predictor = new Predictor({ endpointName: 'ranker', serializer: protobuf });
 * ```
 */
export interface Serializer<I> {
  /** The `Content-Type` of the bodies it makes, e.g. `application/json`. */
  readonly contentType: string;
  /**
   * Serializes one input.
   * @throws InvalidArgumentError when the value cannot be written in this format.
   */
  serialize(value: I): Uint8Array;
  /**
   * Batching capability: packs several inputs, each one row (record), into one body the model reads as that many
   * rows (a JSON array, CSV lines, JSON Lines, an npy array stacked along a new first axis).
   * `predictMany` uses it when the deserializer has {@link Deserializer.splitRows}.
   */
  packRows?(rows: readonly I[]): Uint8Array;
}

/**
 * Turns a response body into one output.
 *
 * @example
 * ```ts
 * const score: Deserializer<number> = {
 *   accept: 'text/plain',
 *   deserialize: (body) => Number(new TextDecoder().decode(body)),
 * };
 * const predictor = new Predictor({ endpointName: 'churn', serializer: csv(), deserializer: score });
 * ```
 */
export interface Deserializer<O> {
  /** The `Accept` it asks for, e.g. `application/json`. */
  readonly accept: string;
  /**
   * Reads one response. Throw any error when the body is not in the expected format: the predictor reports it
   * as a `ModelError` naming the endpoint.
   */
  deserialize(body: Uint8Array, contentType?: string): O;
  /**
   * Batching capability: splits the response to a {@link Serializer.packRows} body back into one output per
   * row, in order. Throw when the body does not hold exactly `rows` results.
   */
  splitRows?(body: Uint8Array, rows: number, contentType?: string): O[];
}

/**
 * A serializer and a deserializer for one format; pass it as either or both.
 *
 * @example
 * ```ts
 * const codec: Codec<number[], number[]> = json<number[], number[]>();
 * const predictor = new Predictor({ endpointName: 'iris', serializer: codec, deserializer: codec });
 * ```
 */
export interface Codec<I, O = I> extends Serializer<I>, Deserializer<O> {}
