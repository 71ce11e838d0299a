/**
 * Checks {@link BatchTransformOptions} without any I/O, with CreateTransformJob's own ranges, so a mistake is an
 * `InvalidArgumentError` before anything is uploaded, created or read.
 */
import { uniqueName, validateResourceName } from '../aws/naming.js';
import { integerOption, objectOption, stringOption } from '../checks.js';
import { InvalidArgumentError } from '../errors.js';
import { INSTANCE_TYPE, INSTANCE_TYPE_TEXT } from '../targets/sagemaker/patterns.js';
import { type JsonPath, parseJsonPath } from './json-path.js';
import type { BatchStrategy, BatchTransformOptions, SplitType } from './options.js';

/**
 * Checked options, every default filled in that both runners share.
 *
 * @example
 * ```ts
 * const settings = checkBatchOptions({
 *   input: 's3://ml-data/in/',
 *   output: 's3://ml-data/out/',
 *   instanceType: 'ml.m5.large',
 * });
 * console.log(settings.jobName, settings.splitType); // modelship-batch-…, None
 * ```
 */
export interface BatchSettings {
  /** The input: an `s3://` prefix, or for Local a folder. */
  readonly input: string;
  /** Where outputs go: an `s3://` prefix, or for Local a folder. */
  readonly output: string;
  /** The instance type (`ml.m5.large`). */
  readonly instanceType: string;
  /** Instances that run the job. */
  readonly instanceCount: number;
  /** The input's MIME type, when given. */
  readonly contentType: string | undefined;
  /** The MIME type asked of the model, when given. */
  readonly accept: string | undefined;
  /** How input files are cut into records. */
  readonly splitType: SplitType;
  /** How many records go into one request. */
  readonly batchStrategy: BatchStrategy;
  /** In MB; 0 means no limit. */
  readonly maxPayloadMb: number;
  /** Requests in flight at once on each instance, when given. */
  readonly maxConcurrentTransforms: number | undefined;
  /** Whether output records are joined to their input records. */
  readonly joinSource: 'None' | 'Input';
  /** The parsed `inputFilter`, when given. */
  readonly inputFilter: JsonPath | undefined;
  /** The parsed `outputFilter`, when given. */
  readonly outputFilter: JsonPath | undefined;
  /** The job's name: the one given, or a new unique one. */
  readonly jobName: string;
  /** Tags for the job and its model. */
  readonly tags: Readonly<Record<string, string>>;
}

const SPLIT_TYPES: readonly SplitType[] = ['None', 'Line', 'RecordIO', 'TFRecord'];
const STRATEGIES: readonly BatchStrategy[] = ['MultiRecord', 'SingleRecord'];
// ContentType and Accept in the SageMaker API model: at most 256 characters of `.*`; a media type is what works.
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+*-]+(?:\s*;.*)?$/;
/** SageMaker's default MaxPayloadInMB. */
export const DEFAULT_MAX_PAYLOAD_MB = 6;

/**
 * Checks `options` and fills the shared defaults; `options.jobName` or a new unique name.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 *
 * @example
 * ```ts
 * checkBatchOptions({
 *   input: 's3://ml-data/in/',
 *   output: 's3://ml-data/out/',
 *   instanceType: 'ml.m5.large',
 *   instanceCount: 0,
 * });
 * // throws InvalidArgumentError: instanceCount is 0; it must be a whole number from 1 to 100.
 * ```
 */
export function checkBatchOptions(options: BatchTransformOptions): BatchSettings {
  objectOption(
    'options',
    options,
    "{ input: 's3://bucket/in/', output: 's3://bucket/out/', instanceType: 'ml.m5.large' }",
  );
  const input = location('input', options.input);
  const output = location('output', options.output);
  const instanceType = stringOption('instanceType', options.instanceType, INSTANCE_TYPE, INSTANCE_TYPE_TEXT);
  if (instanceType === undefined) {
    throw new InvalidArgumentError('instanceType', 'A batch transform needs an instanceType, such as ml.m5.large.');
  }
  const splitType = oneOf('splitType', options.splitType, SPLIT_TYPES) ?? 'None';
  const batchStrategy = oneOf('batchStrategy', options.batchStrategy, STRATEGIES);
  const joinSource = oneOf('joinSource', options.joinSource, ['None', 'Input'] as const) ?? 'None';
  const maxPayloadMb = integerOption('maxPayloadMb', options.maxPayloadMb, 0, 100, DEFAULT_MAX_PAYLOAD_MB);
  if (maxPayloadMb === 0 && (batchStrategy === 'MultiRecord' || splitType !== 'None')) {
    // SageMaker's own rule: a payload with no limit is a streamed file, which cannot also be cut into records.
    throw new InvalidArgumentError(
      'maxPayloadMb',
      'maxPayloadMb 0 (no limit, for streaming containers) works only with splitType None and batchStrategy SingleRecord.',
    );
  }
  const jobName = options.jobName ?? uniqueName('modelship-batch');
  validateResourceName(jobName, 'jobName');
  return {
    input,
    output,
    instanceType,
    instanceCount: integerOption('instanceCount', options.instanceCount, 1, 100, 1),
    contentType: stringOption('contentType', options.contentType, MEDIA_TYPE, 'a media type such as text/csv'),
    accept: stringOption('accept', options.accept, MEDIA_TYPE, 'a media type such as application/json'),
    splitType,
    batchStrategy: batchStrategy ?? (splitType === 'None' ? 'SingleRecord' : 'MultiRecord'),
    maxPayloadMb,
    maxConcurrentTransforms: integerOption('maxConcurrentTransforms', options.maxConcurrentTransforms, 0, 1000),
    joinSource,
    inputFilter: filter('inputFilter', options.inputFilter),
    outputFilter: filter('outputFilter', options.outputFilter),
    jobName,
    tags: options.tags ?? {},
  };
}

function location(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError(argument, `${argument} must be s3://bucket/prefix/ (or a local folder for Local).`);
  }
  return value;
}

function oneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${JSON.stringify(value)}; use one of ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

function filter(argument: string, value: unknown): JsonPath | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 63) {
    // DataProcessing.InputFilter/OutputFilter: at most 63 characters in the SageMaker API model.
    throw new InvalidArgumentError(argument, `${argument} must be a JSONPath of at most 63 characters, such as $[1:].`);
  }
  return parseJsonPath(value, argument);
}
