/**
 * The predictor's side of the Invoke envelope. The format itself has one definition, the function runtime's
 * `src/targets/lambda/runtime/protocol.ts` (a module with no imports, made to be shared); this file adds what
 * only the caller needs: Lambda's payload limit and how a request is made to fit it.
 *
 * Sizes: Lambda takes at most 6 MiB (6,291,456 bytes) of JSON per synchronous Invoke, request and response
 * alike. A binary body travels base64-encoded (4 characters per 3 bytes); a textual one (JSON, CSV, text…)
 * travels as a JSON string, usually about its own size, but up to twice it for text dense in quotes or
 * backslashes. The predictor's limit, {@link LAMBDA_INVOKE_MAX_BODY_BYTES}, is the base64 bound, so that every
 * body under it fits however it is encoded: a textual body whose escaped form would overflow is sent base64.
 */
import {
  type DecodedInvokeResponse,
  decodeInvokeResponse,
  encodeInvokeRequest,
  type InvokeMessage,
  InvokeProtocolError,
} from '../../../targets/lambda/runtime/protocol.js';

/**
 * Lambda's synchronous Invoke payload limit, for the request and for the response: 6 MB, counted as 6 MiB.
 *
 * @example
 * ```ts
 * if (payload.byteLength > LAMBDA_SYNC_PAYLOAD_BYTES) console.warn('Lambda will refuse this Invoke');
 * ```
 */
export const LAMBDA_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Room kept in the payload for the envelope around the body: its JSON skeleton (about 100 bytes), the content
 * types (a few dozen bytes in practice) and `customAttributes` (at most 1024 characters, 2048 bytes escaped).
 *
 * @example
 * ```ts
 * const roomForBody = LAMBDA_SYNC_PAYLOAD_BYTES - ENVELOPE_RESERVED_BYTES; // 6,287,360 bytes of escaped body
 * ```
 */
export const ENVELOPE_RESERVED_BYTES = 4096;

/**
 * The largest request body the Invoke transport accepts: `floor((6291456 - 4096) / 4) * 3` = 4,715,520 bytes
 * (about 4.5 MiB), what fits Lambda's payload once base64-encoded. The same bound holds for the response body
 * of a binary output.
 *
 * @example
 * ```ts
 * // Inputs per request that fit one Invoke, for rows of about 2 KB serialized:
 * const batchSize = Math.floor(LAMBDA_INVOKE_MAX_BODY_BYTES / 2048);
 * await predictor.predictMany(rows, { batchSize });
 * ```
 */
export const LAMBDA_INVOKE_MAX_BODY_BYTES = Math.floor((LAMBDA_SYNC_PAYLOAD_BYTES - ENVELOPE_RESERVED_BYTES) / 4) * 3;

const utf8 = new TextEncoder();

/**
 * The Invoke payload for `request`: the runtime's envelope as UTF-8 JSON, with a textual body sent base64 when
 * escaping it would overflow Lambda's limit. May still be over the limit (a body over
 * {@link LAMBDA_INVOKE_MAX_BODY_BYTES}, or huge content types): the caller checks the size.
 *
 * @example
 * ```ts
 * const payload = encodeInvokePayload({
 *   body: new TextEncoder().encode('[[5.1, 3.5, 1.4, 0.2]]'),
 *   contentType: 'application/json',
 *   accept: 'application/json',
 * });
 * await lambda.send(new InvokeCommand({ FunctionName: 'iris', Qualifier: 'live', Payload: payload }));
 * ```
 */
export function encodeInvokePayload(request: InvokeMessage): Uint8Array {
  const envelope = encodeInvokeRequest(request);
  const payload = utf8.encode(JSON.stringify(envelope));
  if (payload.byteLength <= LAMBDA_SYNC_PAYLOAD_BYTES || envelope.isBase64Encoded) return payload;
  const { body } = request;
  const base64 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');
  return utf8.encode(JSON.stringify({ ...envelope, body: base64, isBase64Encoded: true }));
}

/**
 * Reads the function's result from the Invoke response payload.
 * @throws InvokeProtocolError for a payload that is not JSON or not a result of this protocol (a function
 * modelship did not package, or one of another protocol version).
 *
 * @example
 * ```ts
 * const { Payload } = await lambda.send(new InvokeCommand({ FunctionName: 'iris', Payload: payload }));
 * const result = decodeInvokePayload(Payload!);
 * ```
 */
export function decodeInvokePayload(payload: Uint8Array): DecodedInvokeResponse {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    throw new InvokeProtocolError(`The function's result is not JSON: ${(error as Error).message}`);
  }
  return decodeInvokeResponse(value);
}
