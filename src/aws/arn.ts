/**
 * Amazon Resource Names: parse, build, and the partition of a region
 * (`arn:<partition>:<service>:<region>:<account>:<resource>`).
 */
import { InvalidArgumentError } from '../errors.js';

/** The AWS partitions: the commercial regions, China, GovCloud (US), the isolated and the European sovereign ones. */
export type AwsPartition =
  | 'aws'
  | 'aws-cn'
  | 'aws-us-gov'
  | 'aws-iso'
  | 'aws-iso-b'
  | 'aws-iso-e'
  | 'aws-iso-f'
  | 'aws-eusc';

/** The parts of an ARN. */
export interface Arn {
  readonly partition: AwsPartition;
  /** The service namespace, e.g. `sagemaker`, `s3`, `iam`. */
  readonly service: string;
  /** The region; empty for global resources (IAM roles, S3 buckets). */
  readonly region: string;
  /** The 12-digit account id; empty for S3 buckets, `aws` for AWS managed IAM policies. */
  readonly accountId: string;
  /** Everything after the account: `endpoint/churn`, `function:churn:live`, `my-bucket/key`. */
  readonly resource: string;
}

/** What {@link buildArn} needs; the partition is derived from the region when left out. */
export interface ArnParts {
  /** @default the partition of `region` (`aws` when the region is empty) */
  readonly partition?: AwsPartition;
  readonly service: string;
  /** @default '' (a global resource) */
  readonly region?: string;
  /** @default '' (S3 buckets have none) */
  readonly accountId?: string;
  readonly resource: string;
}

// Region prefixes of the partitions other than `aws`, longest first so `us-isob-` wins over `us-iso-`.
const PARTITION_PREFIXES: readonly (readonly [string, AwsPartition])[] = [
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
  ['us-gov-', 'aws-us-gov'],
  ['eusc-', 'aws-eusc'],
  ['cn-', 'aws-cn'],
];
const PARTITIONS = new Set<string>(['aws', ...PARTITION_PREFIXES.map(([, partition]) => partition)]);
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^(\d{12}|aws)$/;

/**
 * The partition a region belongs to: `cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`, any other
 * region → `aws`.
 * @example
 * ```ts
 * partitionOf('cn-northwest-1'); // 'aws-cn'
 * ```
 */
export function partitionOf(region: string): AwsPartition {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/**
 * Splits an ARN into its parts.
 * @throws {@link InvalidArgumentError} (`argument: 'arn'`) when it is not a well-formed ARN, or its region does
 * not belong to its partition.
 * @example
 * ```ts
 * parseArn('arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn').resource; // 'endpoint/churn'
 * ```
 */
export function parseArn(arn: string): Arn {
  if (typeof arn !== 'string') {
    throw malformed(String(arn), 'an ARN is a string');
  }
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw malformed(arn, 'it needs six parts separated by ":"');
  }
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  const parsed = { partition, service, region, accountId, resource: parts.slice(5).join(':') };
  check(parsed, arn);
  return parsed as Arn;
}

/** True when `value` is a well-formed ARN (see {@link parseArn}). */
export function isArn(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseArn(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Joins the parts of an ARN, checking them as {@link parseArn} does.
 * @throws {@link InvalidArgumentError} (`argument: 'arn'`) when a part is not allowed.
 * @example
 * ```ts
 * buildArn({ service: 'sagemaker', region: 'cn-north-1', accountId: '123456789012', resource: 'endpoint/churn' });
 * // 'arn:aws-cn:sagemaker:cn-north-1:123456789012:endpoint/churn'
 * ```
 */
export function buildArn(parts: ArnParts): string {
  const region = parts.region ?? '';
  const arn = {
    partition: parts.partition ?? partitionOf(region),
    service: parts.service,
    region,
    accountId: parts.accountId ?? '',
    resource: parts.resource,
  };
  const text = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
  check(arn, text);
  return text;
}

function check(
  arn: { partition: string; service: string; region: string; accountId: string; resource: string },
  text: string,
): void {
  if (!PARTITIONS.has(arn.partition)) {
    throw malformed(text, `"${arn.partition}" is not an AWS partition (${[...PARTITIONS].join(', ')})`);
  }
  if (!SERVICE.test(arn.service)) {
    throw malformed(text, `"${arn.service}" is not a service namespace (lower-case letters, digits and "-")`);
  }
  if (arn.region !== '' && !REGION.test(arn.region)) {
    throw malformed(text, `"${arn.region}" is not a region (such as "us-east-1"), nor empty for a global resource`);
  }
  if (arn.region !== '' && partitionOf(arn.region) !== arn.partition) {
    throw malformed(
      text,
      `region "${arn.region}" is in partition "${partitionOf(arn.region)}", not "${arn.partition}"`,
    );
  }
  if (arn.accountId !== '' && !ACCOUNT.test(arn.accountId)) {
    throw malformed(text, `"${arn.accountId}" is not a 12-digit account id`);
  }
  if (arn.resource === '' || /\s/.test(arn.resource)) {
    throw malformed(text, 'the resource part is empty or contains white space');
  }
}

function malformed(arn: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(
    'arn',
    `"${arn}" is not a valid ARN: ${why}. An ARN looks like arn:aws:sagemaker:us-east-1:123456789012:endpoint/name.`,
  );
}
