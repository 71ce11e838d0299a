/**
 * A transport carries one serialized request to a deployed model and brings back the raw response.
 * The predictor owns serialization, limits and retries; a transport only moves bytes.
 * SageMaker Runtime is the first; Lambda Invoke and plain HTTPS come with their targets.
 */

/**
 * One invocation, already serialized.
 *
 * @example
 * ```ts
 * const response = await transport.invoke({
 *   body: new TextEncoder().encode('[[5.1, 3.5, 1.4, 0.2]]'),
 *   contentType: 'application/json',
 *   accept: 'application/json',
 * });
 * ```
 */
export interface InvokeRequest {
  /** The serialized input. */
  readonly body: Uint8Array;
  /** MIME type of `body`. */
  readonly contentType: string;
  /** MIME type the caller wants back. */
  readonly accept: string;
  /** Passed to the model unchanged (SageMaker: `X-Amzn-SageMaker-Custom-Attributes`, at most 1024 characters). */
  readonly customAttributes?: string;
  /** The production variant to call (SageMaker: `X-Amzn-SageMaker-Target-Variant`). */
  readonly targetVariant?: string;
  /** The model to call on a multi-model endpoint. */
  readonly targetModel?: string;
  /** An id of the caller's for this inference, echoed into data capture. */
  readonly inferenceId?: string;
  /** The inference component to call, on an endpoint that hosts inference components. */
  readonly inferenceComponentName?: string;
  /** The container to call on a multi-container endpoint with direct invocation. */
  readonly targetContainerHostname?: string;
  /** Cancels the call. */
  readonly signal?: AbortSignal;
}

/**
 * What came back from the model.
 *
 * @example
 * ```ts
 * const { body, contentType } = await transport.invoke(request);
 * console.log(contentType, new TextDecoder().decode(body));
 * ```
 */
export interface InvokeResponse {
  /** The raw response body. */
  readonly body: Uint8Array;
  /** The response's `Content-Type`, when it had one. */
  readonly contentType: string | undefined;
  /** The variant that answered (SageMaker: `X-Amzn-Invoked-Production-Variant`). */
  readonly invokedProductionVariant: string | undefined;
  /** Custom attributes the model sent back. */
  readonly customAttributes: string | undefined;
}

/**
 * Moves bytes to a model and back. Implementations map their failures to modelship errors.
 *
 * @example
 * ```ts
 * // A transport to a model behind plain HTTP, for a Predictor to serialize, check and retry around.
 * const transport: Transport = {
 *   description: 'churn model at localhost:9000',
 *   maxRequestBytes: 6 * 1024 * 1024,
 *   async invoke(request) {
 *     const response = await fetch('http://localhost:9000/invocations', {
 *       method: 'POST', body: request.body, headers: { 'content-type': request.contentType, accept: request.accept },
 *       signal: request.signal,
 *     });
 *     const body = new Uint8Array(await response.arrayBuffer());
 *     return { body, contentType: response.headers.get('content-type') ?? undefined,
 *       invokedProductionVariant: undefined, customAttributes: undefined };
 *   },
 * };
 * const predictor = new Predictor({ transport });
 * ```
 */
export interface Transport {
  /** For messages: `SageMaker endpoint churn`, `Lambda function churn:live`. */
  readonly description: string;
  /** The largest request body the service accepts, in bytes. */
  readonly maxRequestBytes: number;
  /**
   * Sends one request and resolves with the model's response.
   * @throws a modelship error (`ModelError`, `ThrottledError`, `ServiceError`…) for the predictor to retry or not.
   */
  invoke(request: InvokeRequest): Promise<InvokeResponse>;
  /**
   * Streams the response in chunks, where the service can. The request is sent on the first `next()`; ending
   * the iteration early (`return()`) or aborting `request.signal` closes the connection.
   */
  invokeStream?(request: InvokeRequest): AsyncIterable<Uint8Array>;
  /** Frees what the transport holds (sockets of a client it created). Optional; called at most once. */
  close?(): void;
}
