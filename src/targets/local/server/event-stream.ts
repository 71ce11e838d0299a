/**
 * The `application/vnd.amazon.eventstream` messages of InvokeEndpointWithResponseStream, with the headers the
 * SageMaker Runtime client's deserializer dispatches on: `:message-type` `event` with `:event-type` `PayloadPart`
 * and the raw bytes as payload; `:message-type` `exception` with `:exception-type` (`ModelStreamError`,
 * `InternalStreamFailure`) and the error's members as a JSON payload.
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** The content type of a SageMaker Runtime response stream. */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** A `PayloadPart` event carrying `bytes`. */
export function payloadPart(bytes: Uint8Array): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: 'PayloadPart' },
      ':content-type': { type: 'string', value: 'application/octet-stream' },
    },
    body: bytes,
  });
}

/** Why a stream failed part way, as SageMaker's `ModelStreamError.ErrorCode` names it. */
export type StreamErrorCode = 'ModelInvocationTimeExceeded' | 'StreamBroken';

/**
 * A `ModelStreamError` (the model failed after it started answering) or `InternalStreamFailure` (the server
 * failed) exception message; the client throws it from the stream's iterator as its own exception class.
 */
export function streamException(
  type: 'ModelStreamError' | 'InternalStreamFailure',
  message: string,
  errorCode?: StreamErrorCode,
): Uint8Array {
  const members = errorCode === undefined ? { Message: message } : { Message: message, ErrorCode: errorCode };
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: fromUtf8(JSON.stringify(members)),
  });
}
