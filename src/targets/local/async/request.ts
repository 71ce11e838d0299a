/**
 * What an `InvokeEndpointAsync` request asks for, read from its headers as sagemaker-runtime.json binds them:
 * everything travels in `X-Amzn-SageMaker-*` headers (the content type and accept too, since the request has no
 * body), the input location is required, the TTL and timeout are ranged. What SageMaker would refuse is refused
 * the same way, before anything is queued.
 */
import type { IncomingMessage } from 'node:http';
import type { S3Location } from '../../../model/artifact/s3-location.js';
import { tryParseS3Object } from '../../../predict/async/s3-uri.js';
import { type EndpointIdentity, readInvocationHeaders } from '../server/request.js';
import { validationError } from '../server/wire.js';

/** The async request's own headers, lower-cased as Node presents them. */
export const ASYNC_HEADERS = {
  contentType: 'x-amzn-sagemaker-content-type',
  accept: 'x-amzn-sagemaker-accept',
  inferenceId: 'x-amzn-sagemaker-inference-id',
  inputLocation: 'x-amzn-sagemaker-inputlocation',
  requestTtl: 'x-amzn-sagemaker-requestttlseconds',
  invocationTimeout: 'x-amzn-sagemaker-invocationtimeoutseconds',
  outputLocation: 'x-amzn-sagemaker-outputlocation',
  failureLocation: 'x-amzn-sagemaker-failurelocation',
} as const;

/** One async inference as requested. */
export interface AsyncRequest {
  readonly inferenceId: string | undefined;
  readonly input: S3Location;
  readonly inputLocation: string;
  readonly contentType: string;
  readonly accept: string;
  readonly customAttributes: string | undefined;
  readonly ttlS: number;
  readonly invocationTimeoutS: number;
}

// SageMaker's defaults: a request waits up to 6 hours in the queue, and the model may take 15 minutes on it.
const DEFAULT_TTL_S = 21_600;
const DEFAULT_TIMEOUT_S = 900;
const PRINTABLE_ID = /^[\x21-\x7e][\x20-\x7e]{0,63}$/;
// Header values Node lets through are visible ASCII and spaces: the model's `^\p{ASCII}*$`, as it can arrive.
const ASCII = /^[ -~]{0,1024}$/;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Reads and checks an async request's headers for `endpointName`.
 * @throws {@link WireError} `ValidationError` for another endpoint, a missing or unreadable input location, or a
 * member out of its range.
 */
export function readAsyncRequest(req: IncomingMessage, endpointName: string, endpoint: EndpointIdentity): AsyncRequest {
  // The endpoint, variant and custom attributes are checked as for InvokeEndpoint.
  const { customAttributes } = readInvocationHeaders(
    req,
    { kind: 'runtime-invoke', endpointName, stream: false },
    endpoint,
  );
  const inputLocation = header(req, ASYNC_HEADERS.inputLocation);
  if (inputLocation === undefined || inputLocation === '') {
    throw validationError(
      "1 validation error detected: Value null at 'inputLocation' failed to satisfy constraint: Member must not be null",
    );
  }
  const input = tryParseS3Object(inputLocation);
  if (input === undefined) {
    throw validationError(
      `The input location ${inputLocation.slice(0, 200)} is not an s3://bucket/key URI. (The Local server reads s3:// locations only.)`,
    );
  }
  const inferenceId = header(req, ASYNC_HEADERS.inferenceId);
  if (inferenceId !== undefined && !PRINTABLE_ID.test(inferenceId)) {
    throw validationError(`The inference id must be 1 to 64 printable ASCII characters, not starting with a space.`);
  }
  return {
    inferenceId,
    input,
    inputLocation,
    contentType: asciiHeader(req, ASYNC_HEADERS.contentType, 'contentType') ?? 'application/octet-stream',
    accept: asciiHeader(req, ASYNC_HEADERS.accept, 'accept') ?? '*/*',
    customAttributes,
    ttlS: seconds(req, ASYNC_HEADERS.requestTtl, 'requestTTLSeconds', 60, 21_600) ?? DEFAULT_TTL_S,
    invocationTimeoutS:
      seconds(req, ASYNC_HEADERS.invocationTimeout, 'invocationTimeoutSeconds', 1, 3_600) ?? DEFAULT_TIMEOUT_S,
  };
}

function asciiHeader(req: IncomingMessage, name: string, member: string): string | undefined {
  const value = header(req, name);
  if (value !== undefined && !ASCII.test(value)) {
    throw validationError(`The ${member} must be at most 1024 ASCII characters.`);
  }
  return value === '' ? undefined : value;
}

function seconds(req: IncomingMessage, name: string, member: string, min: number, max: number): number | undefined {
  const raw = header(req, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw validationError(
      `1 validation error detected: Value '${raw.slice(0, 20)}' at '${member}' failed to satisfy constraint: ` +
        `Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  }
  return value;
}
