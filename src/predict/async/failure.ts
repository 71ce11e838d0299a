/**
 * What a finished async inference turns into when it did not give a readable output: the failure object
 * SageMaker wrote (the model's error, a timeout, an expired request), or an output the deserializer cannot read.
 * Both are the model's side, so both are `ModelError`s, never retried.
 */
import { ModelError } from '../../errors.js';
import type { S3Payload } from './s3-payloads.js';

/** Failure objects hold the model's message; only so much of it is kept on the error. */
const MAX_MESSAGE_CHARS = 64 * 1024;

/** @internal The error for the failure object of inference `inferenceId`. */
export function failureError(
  what: string,
  inferenceId: string,
  failureLocation: string,
  failure: S3Payload,
): ModelError {
  const text = new TextDecoder().decode(failure.body).slice(0, MAX_MESSAGE_CHARS).trim();
  // SageMaker words a container's failure as `Received server error (500) from primary with message "…"`.
  const status = /\berror \((\d{3})\)/.exec(text)?.[1];
  const originalStatusCode = status === undefined ? undefined : Number(status);
  return new ModelError(
    `The async inference ${inferenceId} on ${what} failed: ${text === '' ? '(the failure object is empty)' : text.slice(0, 1024)} (failure object: ${failureLocation}). Not retried: fix the input or the model, then submit again.`,
    {
      originalMessage: text,
      ...(originalStatusCode === undefined ? {} : { originalStatusCode }),
    },
  );
}

/** @internal Runs a deserializer on an output object, reporting its failure as the model's. */
export function readOutput<O>(
  what: string,
  accept: string,
  output: S3Payload,
  outputLocation: string,
  deserialize: (body: Uint8Array, contentType?: string) => O,
): O {
  try {
    return deserialize(output.body, output.contentType);
  } catch (error) {
    throw new ModelError(
      `The output of ${what} at ${outputLocation} could not be read as ${accept} (it was written as ${output.contentType ?? 'no content type'}): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, originalMessage: new TextDecoder().decode(output.body.subarray(0, 512)) },
    );
  }
}
