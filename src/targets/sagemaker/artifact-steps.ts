/**
 * A local model file or folder on its way to SageMaker: packaged as `model.tar.gz` when the deployment is planned
 * (its SHA-256 names the S3 key and the SageMaker model, so planning again finds what is already there), then the
 * artifact bucket and the upload as plan steps. What a failed run uploaded or created is removed again.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeleteBucketCommand, DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws, findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';
import { buildTags } from '../../aws/tags.js';
import type { PlanStep, StepProgress } from '../../deploy/plan.js';
import { isModelshipError } from '../../errors.js';
import { assertSameRegion } from '../../model/artifact/bucket-region.js';
import {
  contentAddressedKey,
  defaultBucketName,
  ensureArtifactBucket,
  locateBucket,
  packageModel,
  SHA256_METADATA,
  uploadArtifact,
} from '../../model/artifact/index.js';
import { frameworkImage } from '../../model/images/framework-image.js';
import type { DirectorySource, FileSource } from '../../model/source.js';
import type { EndpointSettings } from './check-options.js';
import type { ResolvedContainer } from './container.js';

/** The plan steps that bring a local model to S3, and the container that serves it from there. */
export interface PlannedArtifact extends ResolvedContainer {
  readonly steps: PlanStep[];
}

/** What {@link planLocalArtifact} needs to know of the deployment. */
export interface ArtifactContext {
  readonly aws: AwsContext;
  readonly region: string;
  readonly settings: EndpointSettings;
  readonly deployment: string;
}

// Framework containers run `code/inference.py` from the artifact when SAGEMAKER_PROGRAM names it.
const ENTRY_POINT = 'code/inference.py';

/**
 * Packages `source`, checks where it goes, and returns the steps that upload it.
 * @throws {@link InvalidArgumentError} for a source that cannot be packaged, a missing framework, or a bucket in
 * another region; {@link NotFoundError} for an `artifactBucket` that does not exist.
 */
export async function planLocalArtifact(
  source: FileSource | DirectorySource,
  context: ArtifactContext,
): Promise<PlannedArtifact> {
  const { aws, region, settings, deployment } = context;
  const instanceType = settings.kind === 'realtime' ? settings.instanceType : undefined;
  const Image = frameworkImage(source, { region, instanceType }); // before packaging: a bad version fails fast
  const archive = await packageModel(source);
  const bucketStep = await planBucket(aws, region, settings);
  const key = contentAddressedKey(`modelship/${deployment}`, archive.sha256);
  const uri = `s3://${bucketStep.bucket}/${key}`;
  const present = bucketStep.exists && (await holds(aws, bucketStep.bucket, key, archive.sha256));
  const discard = async () => {
    if (archive.created) await rm(dirname(archive.path), { recursive: true, force: true });
  };
  if (present) await discard();
  let uploaded = false;
  const upload: PlanStep = {
    id: 'upload-artifact',
    resource: { kind: 'S3 object', name: uri },
    action: present ? 'none' : 'create',
    reason: present
      ? `the artifact ${uri} is already uploaded (same SHA-256)`
      : `uploads ${source.path} as model.tar.gz (${archive.bytes} bytes, SHA-256 ${archive.sha256.slice(0, 12)}…)`,
    dependsOn: ['artifact-bucket'],
    existingOutput: present ? { uri } : undefined,
    async apply(ctx) {
      try {
        const result = await uploadArtifact(aws, {
          file: archive.path,
          sha256: archive.sha256,
          bucket: bucketStep.bucket,
          key,
          ...(settings.kmsKeyId === undefined ? {} : { kmsKeyId: settings.kmsKeyId }),
          tags: buildTags({}, { deployment }),
          ...(bucketStep.owner === undefined ? {} : { expectedBucketOwner: bucketStep.owner }),
          signal: ctx.signal,
          onProgress: uploadProgress((status, progress) => ctx.report?.(status, progress)),
        });
        uploaded = result.uploaded;
        return { uri: result.uri };
      } finally {
        await discard();
      }
    },
    async undo(ctx) {
      if (!uploaded) return;
      await callAws({ service: 'S3', operation: 'DeleteObject', resource: { kind: 'S3 object', name: uri } }, () =>
        aws.client(S3Client).send(new DeleteObjectCommand({ Bucket: bucketStep.bucket, Key: key }), {
          abortSignal: ctx.signal,
        }),
      );
    },
  };
  const environment = archive.entries.includes(ENTRY_POINT)
    ? { SAGEMAKER_PROGRAM: 'inference.py', SAGEMAKER_SUBMIT_DIRECTORY: '/opt/ml/model/code' }
    : undefined;
  return {
    steps: [bucketStep.step, upload],
    container: { Image, ModelDataUrl: uri, ...(environment ? { Environment: environment } : {}) },
    artifactIdentity: archive.sha256,
  };
}

const MB = 1_000_000;

/** An upload progress callback that reports at most once per 5% (and at the end), in MB. */
function uploadProgress(
  report: (status: string, progress: StepProgress) => void,
): (loaded: number, total: number) => void {
  let last = -1;
  return (loaded, total) => {
    const step = total === 0 ? 20 : Math.floor((loaded / total) * 20);
    if (step === last) return;
    last = step;
    report(`${(loaded / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB uploaded`, {
      done: loaded,
      total,
      unit: 'bytes',
    });
  };
}

interface PlannedBucket {
  readonly bucket: string;
  readonly exists: boolean;
  /** The account that must own it: set for the default bucket, whose name anyone could take. */
  readonly owner?: string;
  readonly step: PlanStep;
}

async function planBucket(aws: AwsContext, region: string, settings: EndpointSettings): Promise<PlannedBucket> {
  const given = settings.artifactBucket;
  const owner = given === undefined ? await aws.accountId() : undefined;
  const bucket = given ?? defaultBucketName(owner as string, region);
  const location = await locateBucket(aws, bucket, owner === undefined ? {} : { expectedBucketOwner: owner });
  if (location.kind !== 'missing') assertSameRegion('artifactBucket', `The bucket ${bucket}`, location.region, region);
  const resource = { kind: 'S3 bucket', name: bucket };
  if (location.kind !== 'missing') {
    const step: PlanStep = {
      id: 'artifact-bucket',
      resource,
      action: 'none',
      reason: `bucket ${bucket} exists in ${region}`,
      existingOutput: { bucket },
    };
    return { bucket, exists: true, ...(owner === undefined ? {} : { owner }), step };
  }
  if (given !== undefined) {
    // ensureArtifactBucket names the missing bucket and what to do; planning says it before anything is made.
    await ensureArtifactBucket(aws, { bucket });
  }
  const step: PlanStep = {
    id: 'artifact-bucket',
    resource,
    action: 'create',
    reason: `the default artifact bucket ${bucket} does not exist; created with public access blocked, encryption and TLS required`,
    async apply(ctx) {
      return { bucket: await ensureArtifactBucket(aws, { ...kmsOf(settings), signal: ctx.signal }) };
    },
    async undo(ctx) {
      // Emptied by the upload's undo first; a bucket something else wrote to meanwhile is left alone.
      try {
        await callAws({ service: 'S3', operation: 'DeleteBucket', resource }, () =>
          aws.client(S3Client).send(new DeleteBucketCommand({ Bucket: bucket, ExpectedBucketOwner: owner }), {
            abortSignal: ctx.signal,
          }),
        );
      } catch (error) {
        if (!(isModelshipError(error) && error.aws?.name === 'BucketNotEmpty')) throw error;
      }
    },
  };
  return { bucket, exists: false, ...(owner === undefined ? {} : { owner }), step };
}

function kmsOf(settings: EndpointSettings): { kmsKeyId?: string } {
  return settings.kmsKeyId === undefined ? {} : { kmsKeyId: settings.kmsKeyId };
}

/** True when `key` holds the artifact with this SHA-256 (as modelship records it in the object's metadata). */
async function holds(aws: AwsContext, bucket: string, key: string, sha256: string): Promise<boolean> {
  const head = await findAws(
    { service: 'S3', operation: 'HeadObject', resource: { kind: 'S3 object', name: `s3://${bucket}/${key}` } },
    () => aws.client(S3Client).send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
  );
  return head?.Metadata?.[SHA256_METADATA] === sha256;
}
