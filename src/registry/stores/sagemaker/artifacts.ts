/**
 * The artifacts of the SageMaker registry store: always a `model.tar.gz` in the artifact bucket (the only thing a
 * model package's `ModelDataUrl` may point to), at a content-addressed key
 * `<prefix>/artifacts/<name>/<sha256>/model.tar.gz`, uploaded with {@link uploadArtifact} (so the same bytes are
 * stored once and nothing is overwritten). A local file is packaged into an archive (an archive is used as it is);
 * an S3 artifact is downloaded, hashed and stored the same way, because the store keeps its own copy: the
 * original may change or disappear while the registry still points at the version.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../../aws/context.js';
import { IntegrityError, NotFoundError } from '../../../errors.js';
import { contentAddressedKey } from '../../../model/artifact/artifact-key.js';
import { assertSameRegion, locateBucket } from '../../../model/artifact/bucket-region.js';
import { SHA256_METADATA } from '../../../model/artifact/metadata.js';
import { ARCHIVE_NAME, packageModel } from '../../../model/artifact/package.js';
import { callS3 } from '../../../model/artifact/s3-call.js';
import { parseS3Uri } from '../../../model/artifact/s3-location.js';
import { uploadArtifact } from '../../../model/artifact/upload.js';
import type { FileSource } from '../../../model/source.js';
import type { ArtifactInput } from '../../store.js';
import type { RegisteredArtifact } from '../../types.js';
import { keys, type ResolvedOptions } from './options.js';

/** Stores and checks artifacts in the artifact bucket. */
export class Artifacts {
  readonly #aws: AwsContext;
  readonly #options: ResolvedOptions;
  #bucketChecked: Promise<void> | undefined;

  constructor(aws: AwsContext, options: ResolvedOptions) {
    this.#aws = aws;
    this.#options = options;
  }

  /** See {@link RegistryStore.storeArtifact}. */
  async store(name: string, input: ArtifactInput, signal?: AbortSignal): Promise<RegisteredArtifact> {
    await this.#checkBucket();
    if (input.kind !== 's3')
      return this.#storeLocal(name, input, input.kind === 'file' ? basename(input.path) : ARCHIVE_NAME, signal);
    const folder = await mkdtemp(join(tmpdir(), 'modelship-registry-'));
    try {
      const { bucket, key } = parseS3Uri(input.uri);
      const path = join(folder, basename(key));
      await this.#download(bucket, key, path, signal);
      return await this.#storeLocal(name, { kind: 'file', path }, basename(key), signal);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** See {@link RegistryStore.verifyArtifact}: the SHA-256 modelship recorded on the object, and its size. */
  async verify(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void> {
    const { bucket, key } = parseS3Uri(artifact.uri, 'artifact.uri');
    let head: { Metadata?: Record<string, string>; ContentLength?: number };
    try {
      head = await callS3(
        this.#aws,
        { operation: 'HeadObject', resource: { kind: 'S3 object', name: artifact.uri } },
        (s3) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new NotFoundError(
        `The registered artifact ${artifact.uri} is gone: the version cannot be deployed. Register it again.`,
        { cause: error, resource: { kind: 'S3 object', name: artifact.uri } },
      );
    }
    const sha256 = head.Metadata?.[SHA256_METADATA];
    if (sha256 !== artifact.sha256 || head.ContentLength !== artifact.bytes) {
      throw new IntegrityError(
        `The artifact ${artifact.uri} is not the one registered: recorded SHA-256 ${artifact.sha256} and ` +
          `${artifact.bytes} bytes, found ${sha256 ?? 'no SHA-256'} and ${head.ContentLength ?? '?'} bytes. It was ` +
          'replaced or damaged; refusing to deploy it.',
        artifact.uri,
      );
    }
  }

  async #storeLocal(
    name: string,
    source: FileSource | Extract<ArtifactInput, { kind: 'directory' }>,
    fileName: string,
    signal: AbortSignal | undefined,
  ): Promise<RegisteredArtifact> {
    const archive = await packageModel(source, signal === undefined ? {} : { signal });
    try {
      const uploaded = await uploadArtifact(this.#aws, {
        file: archive.path,
        sha256: archive.sha256,
        bucket: this.#options.bucket,
        key: contentAddressedKey(keys.artifacts(this.#options, name), archive.sha256, ARCHIVE_NAME),
        ...(this.#options.kmsKeyId === undefined ? {} : { kmsKeyId: this.#options.kmsKeyId }),
        ...(signal === undefined ? {} : { signal }),
      });
      return { uri: uploaded.uri, sha256: archive.sha256, bytes: uploaded.bytes, packaging: 'tar.gz', fileName };
    } finally {
      if (archive.created) await rm(dirname(archive.path), { recursive: true, force: true });
    }
  }

  async #download(bucket: string, key: string, path: string, signal: AbortSignal | undefined): Promise<void> {
    const uri = `s3://${bucket}/${key}`;
    const output = await callS3(
      this.#aws,
      { operation: 'GetObject', resource: { kind: 'S3 object', name: uri } },
      (s3) => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }),
    );
    const body = output.Body;
    const stream =
      body instanceof Readable ? body : Readable.from([(await body?.transformToByteArray()) ?? new Uint8Array()]);
    await pipeline(stream, createWriteStream(path), signal === undefined ? {} : { signal });
  }

  // SageMaker reads a model package's ModelDataUrl only from its own region: refuse another bucket up front, once.
  #checkBucket(): Promise<void> {
    this.#bucketChecked ??= (async () => {
      const bucket = this.#options.bucket;
      const [location, region] = await Promise.all([locateBucket(this.#aws, bucket), this.#aws.region()]);
      if (location.kind === 'missing') {
        throw new NotFoundError(`The registry's artifact bucket ${bucket} does not exist. Create it, in ${region}.`, {
          resource: { kind: 'S3 bucket', name: bucket },
        });
      }
      assertSameRegion('artifactBucket', `The artifact bucket ${bucket}`, location.region, region);
    })().catch((error: unknown) => {
      this.#bucketChecked = undefined;
      throw error;
    });
    return this.#bucketChecked;
  }
}
