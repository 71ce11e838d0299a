/**
 * The options of a batch transform job, as users write them: the same shape for SageMaker (CreateTransformJob)
 * and for Local (the same job run in this process against a folder or an S3-compatible server).
 */
/**
 * How input files are cut into records (SageMaker's `SplitType`).
 *
 * @example
 * ```ts
 * const splitType: SplitType = 'Line'; // one record per line of each input file
 * ```
 */
export type SplitType = 'None' | 'Line' | 'RecordIO' | 'TFRecord';
/**
 * How many records go into one request to the model (SageMaker's `BatchStrategy`).
 *
 * @example
 * ```ts
 * const batchStrategy: BatchStrategy = 'SingleRecord'; // one record per request
 * ```
 */
export type BatchStrategy = 'MultiRecord' | 'SingleRecord';

/**
 * A batch transform job: run a model over every object under an input prefix, writing `<object>.out` under the
 * output prefix.
 *
 * @example
 * ```ts
 * const options: BatchTransformOptions = {
 *   input: 's3://data/iris/in/',
 *   output: 's3://data/iris/out/',
 *   instanceType: 'ml.m5.large',
 *   contentType: 'text/csv',
 *   splitType: 'Line',
 *   role: 'arn:aws:iam::123456789012:role/sm',
 * };
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
   * Reserved: a role made for this job only. Not supported yet: on SageMaker any value but `false` is an
   * `InvalidArgumentError` (the role modelship makes for endpoints cannot read the input or write the output), so
   * pass `role`. Local ignores it.
   */
  readonly createRole?:
    | boolean
    | {
        /** Seconds to wait after creating the role before SageMaker uses it (IAM is eventually consistent). */
        readonly propagationWaitS?: number;
      };
  /** Where a local model is uploaded for SageMaker. @default `modelship-<account>-<region>` */
  readonly artifactBucket?: string;
  /** The job's name (1–63 letters, digits, hyphens); it must be new. @default `modelship-batch-<time>-<random>` */
  readonly jobName?: string;
  /** Tags for the job and its model. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A transform job's state, as DescribeTransformJob names it.
 *
 * @example
 * ```ts
 * if (job.status === 'Failed') console.error(job.failureReason);
 * ```
 */
export type TransformJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/**
 * What {@link TransformJob.wait} takes.
 *
 * @example
 * ```ts
 * const result = await job.wait({ timeoutMs: 2 * 60 * 60_000, signal: AbortSignal.timeout(3 * 60 * 60_000) });
 * ```
 */
export interface TransformWaitOptions {
  /** Stops waiting (not the job) when it aborts. */
  readonly signal?: AbortSignal;
  /** Stops waiting (not the job) after this long, with a `TimeoutError`. */
  readonly timeoutMs?: number;
}

/**
 * What a finished job did.
 *
 * @example
 * ```ts
 * const { name, outputLocation, records } = await job.wait();
 * console.log(`${name}: ${records ?? '?'} records to ${outputLocation}`);
 * ```
 */
export interface TransformJobResult {
  /** The job's name. */
  readonly name: string;
  /** Always `Completed`: a job that did not complete throws from `wait()`. */
  readonly status: 'Completed';
  /** Where its outputs are: the `output` option. */
  readonly outputLocation: string;
  /** The output objects written (Local only; SageMaker does not list them). */
  readonly outputs?: readonly string[];
  /** Records transformed (Local only). */
  readonly records?: number;
}

/**
 * A running batch transform job, on SageMaker or Local.
 *
 * @example
 * ```ts
 * const job = await model.batchTransform({
 *   input: 's3://ml-data/in/',
 *   output: 's3://ml-data/out/',
 *   instanceType: 'ml.m5.large',
 *   role,
 * });
 * process.once('SIGINT', () => void job.stop());
 * await job.wait();
 * ```
 */
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
