/**
 * The function's code at plan time: packaged once (its SHA-256 is what "has the code changed?" compares against
 * Lambda's `CodeSha256`), then handed to Lambda in the request when small enough, or through S3 when over the
 * direct-upload limit, by an `upload-package` step that a second plan of the same package finds already done.
 */
import { readFile } from 'node:fs/promises';
import type { FunctionCode } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws, findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';
import { buildTags } from '../../aws/tags.js';
import type { PlanStep, StepContext } from '../../deploy/plan.js';
import { defaultBucketName } from '../../model/artifact/bucket-policy.js';
import {
  contentAddressedKey,
  ensureArtifactBucket,
  SHA256_METADATA,
  uploadArtifact,
} from '../../model/artifact/index.js';
import type { LambdaSettings } from './check-options.js';
import type { DesiredCode } from './function-config.js';
import { codeSha256, hexSha256 } from './names.js';
import type { FunctionPackager, PackageableSource } from './options.js';

/** The function's code (a zip package or a container image), and how the function steps pass it to Lambda. */
export interface PlannedCode {
  /** What the function's code is compared against. */
  readonly desired: DesiredCode;
  /** The code in a few words, for the plan's reason. */
  readonly summary: string;
  /** The steps that bring the package to S3 first; empty for a direct upload or an image. */
  readonly steps: PlanStep[];
  /** The `Code` of CreateFunction, or the code members of UpdateFunctionCode. */
  code(ctx: StepContext): Promise<FunctionCode>;
}

/** What {@link planCode} needs of the deployment. */
export interface CodeContext {
  readonly aws: AwsContext;
  readonly settings: LambdaSettings;
  readonly packager: FunctionPackager;
  readonly region: string;
  readonly deployment: string;
}

/** The step id of the S3 upload, which the function step then depends on. */
export const UPLOAD_STEP = 'upload-package';

/** Packages `source` for the function's architecture and plans how it reaches Lambda. */
export async function planCode(source: PackageableSource, context: CodeContext): Promise<PlannedCode> {
  const { aws, settings, packager, region, deployment } = context;
  const built = await packager(source, { architecture: settings.architecture });
  const base = {
    desired: { packageType: 'Zip', handler: built.handler, codeSha256: codeSha256(built.sha256) } as const,
    summary: `${built.bytes} bytes of code`,
  };
  if (!built.needsS3Upload) {
    return { ...base, steps: [], code: async () => ({ ZipFile: await readFile(built.path) }) };
  }
  const owner = settings.artifactBucket === undefined ? await aws.accountId() : undefined;
  const bucket = settings.artifactBucket ?? defaultBucketName(owner as string, region);
  const sha256 = hexSha256(built.sha256);
  const key = contentAddressedKey(`modelship/${deployment}/lambda`, sha256, 'function.zip');
  const uri = `s3://${bucket}/${key}`;
  const present = await holds(aws, bucket, key, sha256, owner);
  const resource = { kind: 'S3 object', name: uri };
  let uploaded = false;
  const upload: PlanStep = present
    ? { id: UPLOAD_STEP, resource, action: 'none', reason: `the package ${uri} is already uploaded (same SHA-256)` }
    : {
        id: UPLOAD_STEP,
        resource,
        action: 'create',
        reason: `the package (${built.bytes} bytes) is over Lambda's direct-upload limit; uploads it to ${uri}`,
        async apply(ctx) {
          const kms = settings.kmsKeyArn === undefined ? {} : { kmsKeyId: settings.kmsKeyArn };
          await ensureArtifactBucket(aws, { ...(settings.artifactBucket ? { bucket } : kms), signal: ctx.signal });
          const result = await uploadArtifact(aws, {
            file: built.path,
            sha256,
            bucket,
            key,
            ...kms,
            tags: buildTags({}, { deployment }),
            ...(owner === undefined ? {} : { expectedBucketOwner: owner }),
            signal: ctx.signal,
            onProgress: (loaded, total) =>
              ctx.report?.(`${loaded} of ${total} bytes uploaded`, { done: loaded, total, unit: 'bytes' }),
          });
          uploaded = result.uploaded;
          return { uri };
        },
        async undo(ctx) {
          if (!uploaded) return;
          await callAws({ service: 'S3', operation: 'DeleteObject', resource }, () =>
            aws
              .client(S3Client)
              .send(new DeleteObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: owner }), {
                abortSignal: ctx.signal,
              }),
          );
        },
      };
  return { ...base, steps: [upload], code: async () => ({ S3Bucket: bucket, S3Key: key }) };
}

/** True when `key` holds the package with this SHA-256; false too when the bucket does not exist yet. */
async function holds(
  aws: AwsContext,
  bucket: string,
  key: string,
  sha256: string,
  owner: string | undefined,
): Promise<boolean> {
  const head = await findAws(
    { service: 'S3', operation: 'HeadObject', resource: { kind: 'S3 object', name: `s3://${bucket}/${key}` } },
    () => aws.client(S3Client).send(new HeadObjectCommand({ Bucket: bucket, Key: key, ExpectedBucketOwner: owner })),
  );
  return head?.Metadata?.[SHA256_METADATA] === sha256;
}
