/**
 * A transport carries one serialized request to a deployed model and brings back the raw response.
 * The predictor owns serialization, limits and retries; a transport only moves bytes.
 * SageMaker Runtime is the first; Lambda Invoke and plain HTTPS come with their targets.
 */

/** One invocation, already serialized. */
export interface InvokeRequest {
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
  readonly signal?: AbortSignal;
}

/** What came back from the model. */
export interface InvokeResponse {
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  /** The variant that answered (SageMaker: `X-Amzn-Invoked-Production-Variant`). */
  readonly invokedProductionVariant: string | undefined;
  /** Custom attributes the model sent back. */
  readonly customAttributes: string | undefined;
}

/** Moves bytes to a model and back. Implementations map their failures to modelship errors. */
export interface Transport {
  /** For messages: `SageMaker endpoint churn`, `Lambda function churn:live`. */
  readonly description: string;
  /** The largest request body the service accepts, in bytes. */
  readonly maxRequestBytes: number;
  invoke(request: InvokeRequest): Promise<InvokeResponse>;
  /**
   * Streams the response in chunks, where the service can. The request is sent on the first `next()`; ending
   * the iteration early (`return()`) or aborting `request.signal` closes the connection.
   */
  invokeStream?(request: InvokeRequest): AsyncIterable<Uint8Array>;
  /** Frees what the transport holds (sockets of a client it created). Optional; called at most once. */
  close?(): void;
}
