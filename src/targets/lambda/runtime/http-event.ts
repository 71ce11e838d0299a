/**
 * The HTTP events a modelship function receives from a Function URL or an API Gateway HTTP API (payload format
 * 2.0, which both use), and the answers it gives them. Only the members modelship reads are typed.
 */
import { encodeBody } from './protocol.js';

/** A Function URL or HTTP API (payload format 2.0) request event. */
export interface HttpRequestEvent {
  readonly version?: string;
  readonly rawPath?: string;
  /** Lower-cased by both services; several values of one header are joined with commas. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: { readonly http: { readonly method: string; readonly path?: string } };
}

/** The answer to an HTTP event; the services turn it into the HTTP response. */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** True for an event from a Function URL or an HTTP API. */
export function isHttpEvent(value: unknown): value is HttpRequestEvent {
  const context = (value as { requestContext?: { http?: { method?: unknown } } } | null)?.requestContext;
  return typeof context?.http?.method === 'string';
}

/** A header of the event, whatever its case (the services lower-case them, hand-made test events may not). */
export function eventHeader(event: HttpRequestEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const exact = headers[name];
  if (exact !== undefined) return exact;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** An HTTP answer with a body of `contentType`, as text when it is textual (see `encodeBody`). */
export function httpResult(
  statusCode: number,
  body: Uint8Array,
  contentType: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, ...extraHeaders }, ...encodeBody(body, contentType) };
}
