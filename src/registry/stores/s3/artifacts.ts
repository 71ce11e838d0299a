/**
 * How the S3 registry takes an artifact into its keeping: always a copy of its own, content-addressed under
 * `<prefix>/artifacts/<sha256>/<fileName>`, so that no version's artifact can change or vanish because someone
 * reorganised the bucket it came from, and the same bytes are stored once.
 *
 * - A local file is uploaded as it is (`packaging: 'file'`, or `'tar.gz'` for a `.tar.gz`/`.tgz`); a local folder
 *   is packaged as `model.tar.gz` first. Both go through {@link uploadArtifact}: multipart, SHA-256 metadata,
 *   `If-None-Match: *`, skipped when already there.
 * - An artifact already in S3 (this bucket or another) is copied server-side with CopyObject. Its SHA-256 is
 *   computed by streaming it when it is small enough to hash (see `hashLimitBytes`) or has no modelship SHA-256
 *   metadata; a larger object that has the metadata is taken at its word, and the copy is tied to the object
 *   that was looked at with `CopySourceIfMatch: <etag>`.
 */
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CopyObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws } from '../../../aws/call.js';
import { ConflictError, IntegrityError, InvalidArgumentError, NotFoundError } from '../../../errors.js';
import { contentAddressedKey } from '../../../model/artifact/artifact-key.js';
import { collectModelFiles } from '../../../model/artifact/collect.js';
import { SHA256_METADATA } from '../../../model/artifact/metadata.js';
import { ARCHIVE_NAME, packageModel } from '../../../model/artifact/package.js';
import type { S3Access } from '../../../model/artifact/s3-call.js';
import { parseS3Uri, type S3Location, toS3Uri } from '../../../model/artifact/s3-location.js';
import { sha256File } from '../../../model/artifact/sha256.js';
import { uploadArtifact } from '../../../model/artifact/upload.js';
import type { DirectorySource, FileSource } from '../../../model/source.js';
import type { RegisteredArtifact } from '../../types.js';
import type { EncryptionParams } from './encryption.js';
import { hashObject, headObject, type ObjectFacts } from './object-hash.js';

// CopyObject's own limit; larger objects need a multipart copy (UploadPartCopy), which this store does not do.
const MAX_COPY_BYTES = 5 * 1024 ** 3;
const ARCHIVE_SUFFIXES = ['.tar.gz', '.tgz'];

/** Where and how the registry keeps artifacts. */
export interface ArtifactHome {
  readonly aws: S3Access;
  readonly bucket: string;
  /** The artifacts folder, `<prefix>/artifacts`. */
  readonly folder: string;
  readonly kmsKeyId: string | undefined;
  readonly encryption: EncryptionParams;
  /** Objects up to this size are hashed by streaming them. */
  readonly hashLimitBytes: number;
}

/** Uploads a local file, or packages and uploads a local folder. */
export async function storeLocalArtifact(
  home: ArtifactHome,
  source: FileSource | DirectorySource,
  signal?: AbortSignal,
): Promise<RegisteredArtifact> {
  if (source.kind === 'directory') {
    const archive = await packageModel(source, { signal });
    try {
      const artifact = { sha256: archive.sha256, fileName: ARCHIVE_NAME, packaging: 'tar.gz' } as const;
      return await upload(home, archive.path, artifact, signal);
    } finally {
      // packageModel wrote the archive into a temp folder of its own: nothing else is in it.
      if (archive.created) await rm(dirname(archive.path), { recursive: true, force: true });
    }
  }
  // collectModelFiles refuses a missing file or a folder given as a file, with the message Model.fromFile gives.
  const files = await collectModelFiles(source);
  const path = join(files.cwd, files.entries[0] ?? '');
  const fileName = basename(path);
  const sha256 = await sha256File(path, { signal });
  return upload(home, path, { sha256, fileName, packaging: packagingOf(fileName) }, signal);
}

async function upload(
  home: ArtifactHome,
  file: string,
  artifact: Pick<RegisteredArtifact, 'sha256' | 'fileName' | 'packaging'>,
  signal: AbortSignal | undefined,
): Promise<RegisteredArtifact> {
  const { aws, bucket, kmsKeyId } = home;
  const key = contentAddressedKey(home.folder, artifact.sha256, artifact.fileName);
  const uploaded = await uploadArtifact(aws, {
    file,
    sha256: artifact.sha256,
    bucket,
    key,
    ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    ...(signal === undefined ? {} : { signal }),
  });
  return { ...artifact, uri: uploaded.uri, bytes: uploaded.bytes };
}

/**
 * Copies an artifact already in S3 into the registry's keeping (or finds it there already).
 * @throws {@link InvalidArgumentError} for a bad URI or an object larger than CopyObject can copy.
 * @throws {@link NotFoundError} naming the URI when it does not exist.
 * @throws {@link IntegrityError} when its bytes do not have the SHA-256 its own metadata claims.
 * @throws {@link ConflictError} when the object changed while it was read, or the registry's key for its SHA-256
 * holds something else.
 */
export async function storeS3Artifact(
  home: ArtifactHome,
  uri: string,
  signal?: AbortSignal,
): Promise<RegisteredArtifact> {
  const source = parseS3Uri(uri);
  const facts = await headObject(home.aws, source, signal);
  const sha256 = await sha256Of(home, source, facts, signal);
  const fileName = basename(source.key);
  const target: S3Location = { bucket: home.bucket, key: contentAddressedKey(home.folder, sha256, fileName) };
  const artifact = { uri: toS3Uri(target), sha256, bytes: facts.bytes, fileName, packaging: packagingOf(fileName) };
  const isTarget = source.bucket === target.bucket && source.key === target.key;
  // Already in the registry's keeping, with its SHA-256 recorded: nothing to copy. (Without it, copying the object
  // onto itself below records it.)
  if (isTarget && facts.sha256 === sha256) return artifact;
  if (!isTarget) {
    const existing = await findObject(home, target, signal);
    if (existing?.sha256 === sha256 && existing.bytes === facts.bytes) return artifact;
    if (existing !== undefined) {
      throw new ConflictError(
        `${artifact.uri} already holds an object that is not ${uri} (SHA-256 ${existing.sha256 ?? 'not recorded'}). ` +
          'The registry never overwrites its artifacts: look at who wrote it.',
      );
    }
  }
  if (facts.bytes > MAX_COPY_BYTES) {
    throw new InvalidArgumentError(
      'uri',
      `${uri} is ${facts.bytes} bytes, more than the 5 GiB CopyObject can copy into the registry. Download it and ` +
        'register the local file instead (it is then uploaded in parts).',
    );
  }
  await copy(home, source, target, facts, sha256, signal);
  return artifact;
}

async function sha256Of(
  home: ArtifactHome,
  source: S3Location,
  facts: ObjectFacts,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (facts.sha256 !== undefined && facts.bytes > home.hashLimitBytes) return facts.sha256;
  const computed = await hashObject(home.aws, source, facts.etag, signal);
  if (facts.sha256 !== undefined && facts.sha256 !== computed) {
    const uri = toS3Uri(source);
    throw new IntegrityError(
      `${uri} claims SHA-256 ${facts.sha256} in its ${SHA256_METADATA} metadata, but its bytes have SHA-256 ` +
        `${computed}: it was changed after modelship uploaded it. It is not registered; find out what changed it.`,
      uri,
    );
  }
  return computed;
}

async function findObject(
  home: ArtifactHome,
  location: S3Location,
  signal: AbortSignal | undefined,
): Promise<ObjectFacts | undefined> {
  try {
    return await headObject(home.aws, location, signal);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function copy(
  home: ArtifactHome,
  source: S3Location,
  target: S3Location,
  facts: ObjectFacts,
  sha256: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const resource = { kind: 'S3 object', name: toS3Uri(target) };
  await callAws({ service: 'S3', operation: 'CopyObject', resource }, () =>
    home.aws.client(S3Client).send(
      new CopyObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        // CopySource is URL-encoded, except the slashes between the key's folders.
        CopySource: `${source.bucket}/${source.key.split('/').map(encodeURIComponent).join('/')}`,
        // The object copied is the one hashed: had it been replaced since, S3 refuses with 412.
        ...(facts.etag === '' ? {} : { CopySourceIfMatch: facts.etag }),
        // REPLACE, not COPY: the copy must carry the SHA-256 just computed, whatever the source's metadata said.
        MetadataDirective: 'REPLACE',
        Metadata: { [SHA256_METADATA]: sha256 },
        ...(facts.contentType === undefined ? {} : { ContentType: facts.contentType }),
        ...home.encryption,
      }),
      { abortSignal: signal },
    ),
  );
}

function packagingOf(fileName: string): RegisteredArtifact['packaging'] {
  return ARCHIVE_SUFFIXES.some((suffix) => fileName.endsWith(suffix)) ? 'tar.gz' : 'file';
}
