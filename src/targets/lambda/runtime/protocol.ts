/**
 * The JSON envelope between modelship's Lambda transport and the function's handler, for direct `Invoke` calls
 * (the API's payload must be JSON, so the request's bytes travel inside one).
 *
 * Request (the `Invoke` payload):
 * ```json
 * { "modelship": 1, "body": "W1s1LjEsMy41LDEuNCwwLjJdXQ==", "isBase64Encoded": true,
 *   "contentType": "application/json", "accept": "application/json", "customAttributes": "trace=1" }
 * ```
 * `body` is base64 when `isBase64Encoded` is true, else the body's UTF-8 text. Only `body` is required: the
 * content type defaults to `application/octet-stream` and `accept` to any type, as in the Local server, so a test
 * event typed in the Lambda console (`{"body": "[[5.1,3.5,1.4,0.2]]", "contentType": "application/json"}`) works.
 *
 * Answer (the function's result), on success:
 * ```json
 * { "modelship": 1, "statusCode": 200, "body": "{\"predictions\":[…]}", "isBase64Encoded": false,
 *   "contentType": "application/json", "customAttributes": "…" }
 * ```
 * and when the model refused or failed (a handled error: the function itself succeeded):
 * ```json
 * { "modelship": 1, "statusCode": 400, "error": { "type": "ModelError", "message": "…",
 *   "originalStatusCode": 400, "originalMessage": "…" } }
 * ```
 *
 * This module has no imports, so the predictor's transport can use it without pulling in the runtime.
 */

/** The protocol version this module speaks; a request naming another is refused. */
export const INVOKE_PROTOCOL_VERSION = 1;

/** Textual bodies travel as text: base64 would make them a third larger, against Lambda's 6 MB payload limit. */
const TEXT_TYPE = /^(text\/|application\/([\w.+-]*\+)?(json|jsonlines|x-jsonlines|x-ndjson|xml|csv)\b)/i;

/** A body as it travels in JSON. */
export interface EncodedBody {
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** The payload of a direct `Invoke` of a modelship function. */
export interface InvokeRequestEnvelope extends EncodedBody {
  /** {@link INVOKE_PROTOCOL_VERSION}; optional on requests typed by hand. */
  readonly modelship?: number;
  /** The body's media type. @default `application/octet-stream` */
  readonly contentType?: string;
  /** The media types the caller accepts. @default any */
  readonly accept?: string;
  /** Passed to handler models, as `X-Amzn-SageMaker-Custom-Attributes` is by the Local server. */
  readonly customAttributes?: string;
}

/**
 * What kind of failure an error answer reports.
 *
 * @example
 * ```ts
 * if (!result.ok && result.error.type === 'ModelError') console.error('the model failed on this input');
 * ```
 */
export type InvokeErrorType =
  /** The model refused the input (4xx) or failed on it (5xx): `originalStatusCode` is its status. */
  | 'ModelError'
  /** The model could not be loaded when the function started: every request fails until it is fixed. */
  | 'ModelNotReady'
  /** The model did not answer before the function's timeout. */
  | 'ModelTimeout'
  /** The event was not a request the function understands. */
  | 'ValidationError';

/**
 * A failure, as the function reports it.
 *
 * @example
 * ```ts
 * const result = decodeInvokePayload(payload);
 * if (!result.ok) console.error(result.error.type, result.error.message, result.error.originalStatusCode);
 * ```
 */
export interface InvokeErrorDetails {
  /** What kind of failure. */
  readonly type: InvokeErrorType;
  /** What went wrong, for people. */
  readonly message: string;
  /** For `ModelError`: the status the model answered with (400 bad input, 500 crash). */
  readonly originalStatusCode?: number;
  /** For `ModelError`: the model's own message. */
  readonly originalMessage?: string;
}

/** A successful answer. */
export interface InvokeSuccessEnvelope extends EncodedBody {
  readonly modelship: number;
  readonly statusCode: 200;
  readonly contentType: string;
  readonly customAttributes?: string;
}

/** A failed answer: the function ran, the model did not answer. */
export interface InvokeErrorEnvelope {
  readonly modelship: number;
  /** 4xx when the caller should change the request, 5xx otherwise. */
  readonly statusCode: number;
  readonly error: InvokeErrorDetails;
}

/** The function's result for a direct `Invoke`. */
export type InvokeResponseEnvelope = InvokeSuccessEnvelope | InvokeErrorEnvelope;

/**
 * A request or answer, decoded: the bytes and what describes them.
 *
 * @example
 * ```ts
 * const request: InvokeMessage = {
 *   body: new TextEncoder().encode('[[5.1, 3.5, 1.4, 0.2]]'),
 *   contentType: 'application/json',
 * };
 * const payload = encodeInvokePayload(request);
 * ```
 */
export interface InvokeMessage {
  /** The bytes of the body. */
  readonly body: Uint8Array;
  /** The body's MIME type. */
  readonly contentType: string;
  /** For a request: the MIME type asked of the model. */
  readonly accept?: string;
  /** Custom attributes passed along unchanged. */
  readonly customAttributes?: string;
}

/** Thrown by the decoders for a value that is not an envelope of this protocol. */
export class InvokeProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvokeProtocolError';
  }
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `bytes` for JSON: as text when the media type is textual and the bytes are valid UTF-8, else base64. */
export function encodeBody(bytes: Uint8Array, contentType: string): EncodedBody {
  if (TEXT_TYPE.test(contentType.trim())) {
    try {
      return { body: strictUtf8.decode(bytes), isBase64Encoded: false };
    } catch {
      // Not UTF-8 after all (say, Latin-1 CSV): base64 keeps every byte.
    }
  }
  return {
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    isBase64Encoded: true,
  };
}

/** The bytes of an encoded body (`undefined` or `null` is an empty body, as API Gateway sends one). */
export function decodeBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (!isBase64Encoded) return utf8.encode(body);
  const bytes = Buffer.from(body, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The `Invoke` payload for a request. */
export function encodeInvokeRequest(request: InvokeMessage): InvokeRequestEnvelope {
  return {
    modelship: INVOKE_PROTOCOL_VERSION,
    ...encodeBody(request.body, request.contentType),
    contentType: request.contentType,
    ...(request.accept === undefined ? {} : { accept: request.accept }),
    ...(request.customAttributes === undefined ? {} : { customAttributes: request.customAttributes }),
  };
}

/** True for a value shaped like an `Invoke` request envelope (as opposed to an HTTP event). */
export function isInvokeRequest(value: unknown): value is InvokeRequestEnvelope {
  return isRecord(value) && !('requestContext' in value) && (typeof value.body === 'string' || 'modelship' in value);
}

/**
 * The request an `Invoke` payload carries.
 * @throws {@link InvokeProtocolError} for a payload that is not an envelope of this protocol version.
 */
export function decodeInvokeRequest(value: unknown): InvokeMessage {
  if (!isRecord(value)) throw new InvokeProtocolError('The Invoke payload must be a JSON object.');
  checkVersion(value.modelship);
  const body = optionalString(value, 'body');
  const isBase64Encoded = value.isBase64Encoded;
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean') {
    throw new InvokeProtocolError('isBase64Encoded must be true or false.');
  }
  const accept = optionalString(value, 'accept');
  const customAttributes = optionalString(value, 'customAttributes');
  return {
    body: decodeBody(body, isBase64Encoded),
    contentType: optionalString(value, 'contentType') || 'application/octet-stream',
    ...(accept ? { accept } : {}),
    ...(customAttributes === undefined ? {} : { customAttributes }),
  };
}

/** The function's answer for a model's response. */
export function encodeInvokeSuccess(response: InvokeMessage): InvokeSuccessEnvelope {
  return {
    modelship: INVOKE_PROTOCOL_VERSION,
    statusCode: 200,
    ...encodeBody(response.body, response.contentType),
    contentType: response.contentType,
    ...(response.customAttributes === undefined ? {} : { customAttributes: response.customAttributes }),
  };
}

/** The function's answer for a failure. */
export function encodeInvokeError(statusCode: number, error: InvokeErrorDetails): InvokeErrorEnvelope {
  return { modelship: INVOKE_PROTOCOL_VERSION, statusCode, error };
}

/**
 * A decoded answer: the model's response, or the failure.
 *
 * @example
 * ```ts
 * const result: DecodedInvokeResponse = decodeInvokePayload(payload);
 * if (result.ok) console.log(result.contentType, new TextDecoder().decode(result.body));
 * else console.error(result.statusCode, result.error.message);
 * ```
 */
export type DecodedInvokeResponse =
  | ({
      /** The model answered. */
      readonly ok: true;
    } & InvokeMessage)
  | {
      /** The request failed. */
      readonly ok: false;
      /** The HTTP status the failure maps to (400 for bad input, 500 for a failed model…). */
      readonly statusCode: number;
      /** What failed. */
      readonly error: InvokeErrorDetails;
    };

/**
 * Reads the function's result (the `Invoke` response payload, parsed as JSON).
 * @throws {@link InvokeProtocolError} for a result that is not an answer of this protocol, e.g. from a function
 *   that modelship did not package.
 */
export function decodeInvokeResponse(value: unknown): DecodedInvokeResponse {
  if (!isRecord(value)) throw new InvokeProtocolError('The function answered with something other than a JSON object.');
  checkVersion(value.modelship);
  const statusCode = value.statusCode;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
    throw new InvokeProtocolError('The function answered without a statusCode: is it a modelship function?');
  }
  if (statusCode === 200) {
    const customAttributes = optionalString(value, 'customAttributes');
    return {
      ok: true,
      body: decodeBody(optionalString(value, 'body'), value.isBase64Encoded === true),
      contentType: optionalString(value, 'contentType') || 'application/octet-stream',
      ...(customAttributes === undefined ? {} : { customAttributes }),
    };
  }
  const error = value.error;
  if (!isRecord(error) || typeof error.type !== 'string' || typeof error.message !== 'string') {
    throw new InvokeProtocolError(`The function answered ${statusCode} without an error description.`);
  }
  return { ok: false, statusCode, error: error as unknown as InvokeErrorDetails };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkVersion(version: unknown): void {
  if (version !== undefined && version !== INVOKE_PROTOCOL_VERSION) {
    throw new InvokeProtocolError(
      `The envelope is modelship protocol version ${String(version)}; this function speaks version ` +
        `${INVOKE_PROTOCOL_VERSION}. Deploy the function again with the same modelship version as the caller.`,
    );
  }
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvokeProtocolError(`${key} must be a string.`);
  return value;
}
