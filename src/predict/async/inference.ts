/**
 * The handle of one submitted async inference: where its payload, output and failure objects are, and
 * {@link AsyncInference.result}, which polls S3 for whichever of the two appears and reads it.
 */
import { ServiceError } from '../../errors.js';
import type { S3Location } from '../../model/artifact/s3-location.js';
import { CallScope } from '../call-scope.js';
import type { Deserializer } from '../serde/types.js';
import { type AttemptPolicy, attempt } from './attempts.js';
import { failureError, readOutput } from './failure.js';
import { checkResultOptions, type ResultOptions } from './options.js';
import type { S3Payloads } from './s3-payloads.js';
import { tryParseS3Object } from './s3-uri.js';

/**
 * Where one async inference's objects are: what `submit` returns, and what {@link AsyncPredictor.inference} takes.
 *
 * @example
 * ```ts
 * const job = await predictor.submit(audio);
 * await writeFile('job.json', JSON.stringify(job)); // its locations
 * // later, in another process:
 * const again = predictor.inference(JSON.parse(await readFile('job.json', 'utf8')) as AsyncInferenceLocations);
 * const output = await again.result();
 * ```
 */
export interface AsyncInferenceLocations {
  /** Yours, or the one SageMaker made. */
  readonly inferenceId: string;
  /** The uploaded payload, `s3://…`; unknown for a handle rebuilt without it. */
  readonly inputLocation?: string;
  /** Where SageMaker writes the output, `s3://…`. */
  readonly outputLocation: string;
  /** Where SageMaker writes a failure, `s3://…`, when the endpoint has an `S3FailurePath`. */
  readonly failureLocation?: string;
}

/**
 * What one inference has come to, as {@link AsyncInference.check} sees it.
 *
 * @example
 * ```ts
 * const state = await job.check();
 * if (state.done) console.log(state.output);
 * else console.log('still queued or running');
 * ```
 */
export type AsyncInferenceState<O> =
  | {
      /** Not yet: neither the output nor a failure object exists. */
      readonly done: false;
    }
  | {
      /** Finished, with an output. */
      readonly done: true;
      /** The deserialized output. */
      readonly output: O;
    };

/** @internal What a handle shares with its predictor. */
export interface InferenceContext<O> {
  /** `SageMaker async endpoint churn`. */
  readonly description: string;
  readonly payloads: S3Payloads;
  readonly deserializer: Deserializer<O>;
  readonly policy: AttemptPolicy;
}

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_MAX_POLL_MS = 30_000;

/**
 * One submitted async inference. It is plain data plus the predictor's clients: keep its locations (they are
 * JSON) and rebuild it with {@link AsyncPredictor.inference} in another process to wait there.
 *
 * @example
 * ```ts
 * const job = await predictor.submit(input, { inferenceId: 'order-1234' });
 * console.log(job.outputLocation); // s3://…/order-1234.out
 * const output = await job.result({ timeoutMs: 30 * 60_000, maxPollMs: 10_000 });
 * ```
 */
export class AsyncInference<O> implements AsyncInferenceLocations {
  readonly inferenceId: string;
  readonly inputLocation: string | undefined;
  readonly outputLocation: string;
  readonly failureLocation: string | undefined;
  readonly #context: InferenceContext<O>;
  readonly #output: S3Location;
  readonly #failure: S3Location | undefined;

  /** @internal Made by `AsyncPredictor`. @throws ServiceError when a location is not an `s3://` object URI. */
  constructor(locations: AsyncInferenceLocations, context: InferenceContext<O>) {
    this.inferenceId = locations.inferenceId;
    this.inputLocation = locations.inputLocation;
    this.outputLocation = locations.outputLocation;
    this.failureLocation = locations.failureLocation;
    this.#context = context;
    this.#output = objectOf(locations.outputLocation, 'OutputLocation', context.description);
    this.#failure =
      locations.failureLocation === undefined
        ? undefined
        : objectOf(locations.failureLocation, 'FailureLocation', context.description);
  }

  /**
   * Waits for the output and deserializes it. Polls the output and failure objects (`HeadObject`; a 404 means not
   * yet), first after `pollMs`, then backing off (doubling, with jitter) up to `maxPollMs`; transient S3 failures
   * are retried with the predictor's policy. Stopping the wait does not stop the inference.
   * @throws ModelError when SageMaker wrote the failure object (its content is the message and
   * `originalMessage`), or the output cannot be deserialized.
   * @throws TimeoutError past `timeoutMs`; AbortedError when `signal` aborts.
   * @throws AccessDeniedError, NotFoundError (the bucket), ServiceError, ThrottledError from S3.
   */
  async result(options: ResultOptions = {}): Promise<O> {
    checkResultOptions(options);
    const scope = new CallScope(
      `Waiting for async inference ${this.inferenceId} on ${this.#context.description}`,
      options.signal,
      options.timeoutMs,
    );
    const { clock } = this.#context.policy;
    const first = options.pollMs ?? DEFAULT_POLL_MS;
    const ceiling = Math.max(first, options.maxPollMs ?? DEFAULT_MAX_POLL_MS);
    try {
      for (let round = 1; ; round++) {
        const state = await this.#check(scope);
        if (state.done) return state.output;
        // "Equal jitter": never less than half the step, so a quiet endpoint is not polled in a tight loop, and
        // many waiters started together drift apart.
        const step = Math.min(ceiling, first * 2 ** (round - 1));
        await scope.race(clock.sleep(step / 2 + clock.random() * (step / 2), scope.signal));
      }
    } finally {
      scope.dispose();
    }
  }

  /**
   * Looks once: `{ done: false }` while neither object exists, the deserialized output once it does.
   * @throws as {@link result}, but never TimeoutError.
   */
  async check(signal?: AbortSignal): Promise<AsyncInferenceState<O>> {
    const scope = new CallScope(`Checking async inference ${this.inferenceId}`, signal, undefined);
    try {
      return await this.#check(scope);
    } finally {
      scope.dispose();
    }
  }

  /** The locations, for keeping (JSON) and for {@link AsyncPredictor.inference}. */
  toJSON(): AsyncInferenceLocations {
    return {
      inferenceId: this.inferenceId,
      ...(this.inputLocation === undefined ? {} : { inputLocation: this.inputLocation }),
      outputLocation: this.outputLocation,
      ...(this.failureLocation === undefined ? {} : { failureLocation: this.failureLocation }),
    };
  }

  async #check(scope: CallScope): Promise<AsyncInferenceState<O>> {
    const { payloads, policy, deserializer, description } = this.#context;
    const look = (location: S3Location) => attempt(policy, scope, () => payloads.exists(location, scope.signal));
    const failure = this.#failure;
    const [output, failed] = await Promise.all([
      look(this.#output),
      failure === undefined ? Promise.resolve(false) : look(failure),
    ]);
    if (output) {
      const object = await attempt(policy, scope, () => payloads.get(this.#output, scope.signal));
      const value = readOutput(description, deserializer.accept, object, this.outputLocation, (body, type) =>
        deserializer.deserialize(body, type),
      );
      return { done: true, output: value };
    }
    if (failed && failure !== undefined) {
      const object = await attempt(policy, scope, () => payloads.get(failure, scope.signal));
      throw failureError(description, this.inferenceId, this.failureLocation ?? '', object);
    }
    return { done: false };
  }
}

function objectOf(uri: string, member: string, description: string): S3Location {
  const location = tryParseS3Object(uri);
  if (location === undefined) {
    throw new ServiceError(
      `${description} answered with ${member} "${uri}", which is not an s3://bucket/key URI this predictor can read.`,
      { retryable: false },
    );
  }
  return location;
}
