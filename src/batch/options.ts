/**
 * The options of a batch transform job, as users write them: the same shape for SageMaker (CreateTransformJob)
 * and for Local (the same job run in this process against a folder or an S3-compatible server).
 */
/** How input files are cut into records (SageMaker's `SplitType`). */
export type SplitType = 'None' | 'Line' | 'RecordIO' | 'TFRecord';
/** How many records go into one request to the model (SageMaker's `BatchStrategy`). */
export type BatchStrategy = 'MultiRecord' | 'SingleRecord';

/**
 * A batch transform job: run a model over every object under an input prefix, writing `<object>.out` under the
 * output prefix.
 *
 * @example
 * ```ts
 * { input: 's3://data/iris/in/', output: 's3://data/iris/out/', instanceType: 'ml.m5.large',
 *   contentType: 'text/csv', splitType: 'Line', role: 'arn:aws:iam::123456789012:role/sm' }
 * ```
 */
export interface BatchTransformOptions {
  /** `s3://bucket/prefix/` (every object under it is input), or, for Local, a local folder. */
  readonly input: string;
  /** `s3://bucket/prefix/` (or, for Local, a local folder) that receives `<input name>.out` for each input. */
  readonly output: string;
  /** The instance type, e.g. `ml.m5.large`. Local ignores it (the job runs in this process). */
  readonly instanceType: string;
  /** Instances (1–100). @default 1 */
  readonly instanceCount?: number;
  /** The MIME type of the input, sent to the model as `Content-Type`. @default 'text/csv' (Local), none (SageMaker) */
  readonly contentType?: string;
  /** The MIME type asked of the model (`Accept`), also the output objects' type. @default the content type */
  readonly accept?: string;
  /** How each input file is split into records. `Line` also joins outputs with newlines. @default 'None' */
  readonly splitType?: SplitType;
  /** Several records per request (up to `maxPayloadMb`) or one. @default 'MultiRecord' when split, else 'SingleRecord' */
  readonly batchStrategy?: BatchStrategy;
  /** The largest request, in MB (0–100; 0 means no limit, for streaming containers). @default 6 */
  readonly maxPayloadMb?: number;
  /** Requests in flight at once on each instance (0–1000; 0 lets SageMaker choose). @default 1 on Local */
  readonly maxConcurrentTransforms?: number;
  /** `Input` joins each output record to its input record (see docs/batch-transform.md). @default 'None' */
  readonly joinSource?: 'None' | 'Input';
  /** A JSONPath (`$`, `$.features`, `$[1:]`, `$[0,2]`) selecting what of each input record the model sees. */
  readonly inputFilter?: string;
  /** A JSONPath selecting what of each (joined) output record is written. */
  readonly outputFilter?: string;
  /** A KMS key for the output objects and the instances' volumes (and the uploaded artifact). */
  readonly kmsKeyId?: string;
  /** The execution role ARN SageMaker assumes. Give this or `createRole`. */
  readonly role?: string;
  /**
   * Creates a role for this job only (artifact and image read, input read, output write, its logs), removed when
   * the job ends.
   */
  readonly createRole?: boolean | { readonly propagationWaitS?: number };
  /** Where a local model is uploaded for SageMaker. @default `modelship-<account>-<region>` */
  readonly artifactBucket?: string;
  /** The job's name (1–63 letters, digits, hyphens); it must be new. @default `modelship-batch-<time>-<random>` */
  readonly jobName?: string;
  /** Tags for the job and its model. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A transform job's state, as DescribeTransformJob names it. */
export type TransformJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** What {@link TransformJob.wait} takes. */
export interface TransformWaitOptions {
  /** Stops waiting (not the job) when it aborts. */
  readonly signal?: AbortSignal;
  /** Stops waiting (not the job) after this long, with a `TimeoutError`. */
  readonly timeoutMs?: number;
}

/** What a finished job did. */
export interface TransformJobResult {
  readonly name: string;
  readonly status: 'Completed';
  readonly outputLocation: string;
  /** The output objects written (Local only; SageMaker does not list them). */
  readonly outputs?: readonly string[];
  /** Records transformed (Local only). */
  readonly records?: number;
}

/** A running batch transform job, on SageMaker or Local. */
export interface TransformJob {
  /** The job's name (`TransformJobName`). */
  readonly name: string;
  /** Where its outputs go: the `output` option. */
  readonly outputLocation: string;
  /** Its status as last seen. */
  readonly status: TransformJobStatus;
  /** The reason it failed, once `status` is `Failed`. */
  readonly failureReason: string | undefined;
  /**
   * Resolves when the job has completed and its model has been removed.
   * @throws {@link TransformJobFailedError} when the job failed; `AbortedError` when it was stopped; `TimeoutError`
   * or `AbortedError` when `timeoutMs` passes or `signal` aborts first (the job goes on).
   */
  wait(options?: TransformWaitOptions): Promise<TransformJobResult>;
  /** Stops the job (StopTransformJob on SageMaker) and removes its model; resolves once that is done. */
  stop(): Promise<void>;
}
