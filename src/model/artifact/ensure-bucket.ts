/**
 * The bucket model artifacts are uploaded to: the user's own, checked, or modelship's default bucket of the account
 * and region, created on first use with the settings a bucket of deployable models should have.
 */
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { partitionOf } from '../../aws/arn.js';
import type { AwsContext } from '../../aws/context.js';
import { type AwsTag, buildTags } from '../../aws/tags.js';
import { AccessDeniedError, ConflictError, NotFoundError } from '../../errors.js';
import { defaultBucketName, tlsOnlyBucketPolicy } from './bucket-policy.js';
import { assertSameRegion, locateBucket } from './bucket-region.js';
import { validateKmsKeyId } from './kms-key.js';
import { callS3 } from './s3-call.js';
import { validateBucketName } from './s3-location.js';
import { checkTagList, MAX_BUCKET_TAGS } from './tag-list.js';

/** Options of {@link ensureArtifactBucket}. */
export interface EnsureArtifactBucketOptions {
  /**
   * Your bucket, in the deployment region. It is only checked, never created or reconfigured.
   * @default `modelship-<account>-<region>`, created when missing
   */
  readonly bucket?: string;
  /**
   * The KMS key the default bucket encrypts with by default (SSE-KMS with an S3 Bucket Key). Only used when the
   * default bucket is created; uploads name their key themselves.
   * @default SSE-S3 (`AES256`)
   */
  readonly kmsKeyId?: string;
  /**
   * Tags of the default bucket when it is created, as {@link buildTags} makes them.
   * @default `modelship:version` only
   */
  readonly tags?: readonly AwsTag[];
  readonly signal?: AbortSignal;
}

/**
 * The name of the bucket to upload model artifacts to.
 *
 * - With `bucket`: checks that it exists (HeadBucket) and is in the deployment region.
 * - Without: uses `modelship-<account>-<region>`, creating it when missing: CreateBucket, then Block Public Access
 *   (all four settings), object ownership `BucketOwnerEnforced` (no ACLs), default encryption (SSE-KMS with
 *   `kmsKeyId` and a Bucket Key, else SSE-S3), a bucket policy refusing requests without TLS, a lifecycle rule
 *   aborting multipart uploads left incomplete for a day, and the tags. Every
 *   call names the account as `ExpectedBucketOwner`, so a bucket of that name made by another account is never
 *   used. When a setting fails, a bucket this run created is deleted again (it is empty), so the next run starts
 *   over rather than finding a half-configured bucket. Running it again, or twice at once, is safe: S3's
 *   `BucketAlreadyOwnedByYou` counts as success and the settings are applied again.
 *
 * @throws {@link InvalidArgumentError} for a bad bucket name, KMS key or tag list (before any AWS call), or a bucket
 * in another region (naming both).
 * @throws {@link NotFoundError} when `bucket` does not exist.
 * @throws {@link ConflictError} when the default name belongs to another account.
 * @throws {@link AccessDeniedError} and the other modelship errors of a failed S3 or STS call.
 * @example
 * ```ts
 * const bucket = await ensureArtifactBucket(aws, { kmsKeyId: 'alias/ml' }); // 'modelship-123456789012-eu-west-1'
 * ```
 */
export async function ensureArtifactBucket(
  aws: Pick<AwsContext, 'client' | 'region' | 'accountId'>,
  options: EnsureArtifactBucketOptions = {},
): Promise<string> {
  const { bucket, kmsKeyId, tags, signal } = options;
  if (bucket !== undefined) validateBucketName(bucket);
  if (kmsKeyId !== undefined) validateKmsKeyId(kmsKeyId);
  if (tags !== undefined) checkTagList(tags, MAX_BUCKET_TAGS, 'a bucket');
  const region = await aws.region();
  if (kmsKeyId !== undefined) validateKmsKeyId(kmsKeyId, region);
  if (bucket !== undefined) return checkUserBucket(aws, bucket, region, signal);

  const accountId = await aws.accountId();
  const name = defaultBucketName(accountId, region);
  const found = await locateBucket(aws, name, { expectedBucketOwner: accountId, signal });
  if (found.kind === 'found') {
    assertSameRegion('bucket', `The artifact bucket "${name}"`, found.region, region);
    return name;
  }
  if (found.kind === 'denied') {
    throw new AccessDeniedError(
      `S3 refused HeadBucket on the default artifact bucket "${name}": either you may not list it (grant ` +
        `"s3:ListBucket" on arn:${partitionOf(region)}:s3:::${name}), or a bucket of that name belongs to another AWS account, in ` +
        'which case name your own bucket with { bucket }.',
      {
        cause: found.error.cause,
        ...(found.error.aws === undefined ? {} : { aws: found.error.aws }),
        action: 's3:ListBucket',
      },
    );
  }
  await createDefaultBucket(aws, { name, region, accountId, kmsKeyId, tags: tags ?? buildTags(), signal });
  return name;
}

async function checkUserBucket(
  aws: Pick<AwsContext, 'client'>,
  bucket: string,
  region: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const found = await locateBucket(aws, bucket, { signal });
  if (found.kind === 'missing') {
    throw new NotFoundError(
      `The artifact bucket "${bucket}" does not exist. Create it in ${region}, or leave bucket out and modelship ` +
        'will use (and create) its own bucket for this account and region.',
      { resource: { kind: 'S3 bucket', name: bucket } },
    );
  }
  assertSameRegion('bucket', `The artifact bucket "${bucket}"`, found.region, region);
  if (found.kind === 'denied') throw found.error;
  return bucket;
}

interface NewBucket {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly kmsKeyId: string | undefined;
  readonly tags: readonly AwsTag[];
  readonly signal: AbortSignal | undefined;
}

async function createDefaultBucket(aws: Pick<AwsContext, 'client'>, bucket: NewBucket): Promise<void> {
  const { name, region, accountId, signal } = bucket;
  const resource = { kind: 'S3 bucket', name };
  const send = <T>(operation: string, run: (s3: S3Client) => Promise<T>): Promise<T> =>
    callS3(aws, { operation, resource }, run);
  const created = await createBucket(aws, name, region, signal);
  const owner = { Bucket: name, ExpectedBucketOwner: accountId };
  try {
    await send('PutPublicAccessBlock', (s3) =>
      s3.send(
        new PutPublicAccessBlockCommand({
          ...owner,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
        { abortSignal: signal },
      ),
    );
    await send('PutBucketOwnershipControls', (s3) =>
      s3.send(
        new PutBucketOwnershipControlsCommand({
          ...owner,
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        }),
        { abortSignal: signal },
      ),
    );
    await send('PutBucketEncryption', (s3) =>
      s3.send(
        new PutBucketEncryptionCommand({
          ...owner,
          ServerSideEncryptionConfiguration: { Rules: [encryptionRule(bucket.kmsKeyId)] },
        }),
        { abortSignal: signal },
      ),
    );
    await send('PutBucketPolicy', (s3) =>
      s3.send(new PutBucketPolicyCommand({ ...owner, Policy: tlsOnlyBucketPolicy(name, region) }), {
        abortSignal: signal,
      }),
    );
    await send('PutBucketLifecycleConfiguration', (s3) =>
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          ...owner,
          LifecycleConfiguration: {
            Rules: [
              {
                ID: 'modelship-abort-incomplete-multipart-uploads',
                Status: 'Enabled',
                Filter: { Prefix: '' },
                // Parts of an upload that was interrupted without its abort getting through (a killed process, a
                // lost network) cost storage until aborted: S3 aborts them after a day.
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
            ],
          },
        }),
        { abortSignal: signal },
      ),
    );
    if (bucket.tags.length > 0) {
      await send('PutBucketTagging', (s3) =>
        s3.send(new PutBucketTaggingCommand({ ...owner, Tagging: { TagSet: [...bucket.tags] } }), {
          abortSignal: signal,
        }),
      );
    }
  } catch (error) {
    if (created) await deleteQuietly(aws, owner);
    throw error;
  }
}

/** Creates the bucket; true when this call created it, false when it already was the account's. */
async function createBucket(
  aws: Pick<AwsContext, 'client'>,
  name: string,
  region: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    await callS3(aws, { operation: 'CreateBucket', resource: { kind: 'S3 bucket', name } }, (s3) =>
      s3.send(
        new CreateBucketCommand({
          Bucket: name,
          // us-east-1 is S3's default location and is refused as an explicit LocationConstraint.
          ...(region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
        { abortSignal: signal },
      ),
    );
    return true;
  } catch (error) {
    const awsName = (error as { aws?: { name?: string } }).aws?.name;
    if (awsName === 'BucketAlreadyOwnedByYou') return false;
    if (awsName === 'BucketAlreadyExists') {
      throw new ConflictError(
        `The default artifact bucket name "${name}" is taken by another AWS account (bucket names are global). ` +
          'Name a bucket of your own with { bucket }.',
        { cause: (error as Error).cause, retryable: false },
      );
    }
    throw error;
  }
}

function encryptionRule(kmsKeyId: string | undefined): ServerSideEncryptionRule {
  if (kmsKeyId === undefined) return { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } };
  // A Bucket Key makes S3 ask KMS for a data key per bucket and period rather than per object: far fewer KMS calls.
  return {
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyId },
    BucketKeyEnabled: true,
  };
}

// Best effort: the error that made the setup fail is the one to report. Should the delete fail too, the empty bucket
// stays and later runs use it as found, with the settings S3 gives every new bucket (Block Public Access, no ACLs,
// SSE-S3) but without the TLS-only policy: the error's own message is what to act on.
async function deleteQuietly(
  aws: Pick<AwsContext, 'client'>,
  owner: { Bucket: string; ExpectedBucketOwner: string },
): Promise<void> {
  try {
    await callS3(aws, { operation: 'DeleteBucket' }, (s3) => s3.send(new DeleteBucketCommand(owner)));
  } catch {
    // see above
  }
}
