/**
 * A model runner executes one model in this process: an ONNX session, or a user's JavaScript handler.
 * The Local server speaks HTTP and hands each invocation to a runner; the runner knows nothing of HTTP.
 */

/** One invocation as the server received it. */
export interface RunnerRequest {
  readonly body: Uint8Array;
  /** The request's `Content-Type`, e.g. `application/json`, `text/csv`. */
  readonly contentType: string;
  /** The request's `Accept`; `*` + `/` + `*` when the caller did not say. */
  readonly accept: string;
  /** `X-Amzn-SageMaker-Custom-Attributes`, passed through to handlers. */
  readonly customAttributes?: string;
  /** Aborted when the client goes away or the per-request timeout passes. */
  readonly signal: AbortSignal;
}

/** What the runner answers. */
export interface RunnerResponse {
  readonly body: Uint8Array;
  readonly contentType: string;
  /** Custom attributes to send back to the caller. */
  readonly customAttributes?: string;
}

/**
 * Runs one loaded model. Failures of the model on an input are thrown as `ModelError` (with
 * `originalStatusCode`, e.g. 400 for input the model cannot read, 500 for a crash); the server turns them into the
 * SageMaker Runtime `ModelError` response so callers handle local and cloud failures alike.
 */
export interface ModelRunner {
  /** For messages and logs: `ONNX model iris.onnx`, `handler ./handler.js`. */
  readonly description: string;
  invoke(request: RunnerRequest): Promise<RunnerResponse>;
  /** Streams a response in chunks; runners that cannot stream leave it out. */
  invokeStream?(request: RunnerRequest): AsyncIterable<Uint8Array>;
  /** Frees the model (ONNX session, handler resources). Called once. */
  close(): Promise<void>;
}
