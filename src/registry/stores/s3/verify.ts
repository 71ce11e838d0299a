/**
 * The check of a stored artifact before a version is deployed: it is still there, and still the bytes that were
 * registered.
 *
 * Two checks, because either alone can be fooled:
 * - HeadObject: the `modelship-sha256` metadata must be the recorded SHA-256 and the size the recorded size. Cheap,
 *   and it catches an object replaced by an ordinary upload (which drops or changes the metadata) or truncated.
 * - The bytes themselves, hashed by streaming the object, for artifacts up to `hashLimitBytes` (512 MiB by
 *   default): CopyObject and the console can write a new body while keeping the old metadata, so only the bytes
 *   prove the bytes. Above the limit, the metadata and size checks are all: downloading gigabytes before every
 *   deployment costs more than it protects (such an object can only be changed by someone allowed to write the
 *   registry's artifacts folder, whom S3 Object Lock or versioning can stop better).
 */
import { IntegrityError, NotFoundError } from '../../../errors.js';
import type { S3Access } from '../../../model/artifact/s3-call.js';
import { parseS3Uri } from '../../../model/artifact/s3-location.js';
import type { RegisteredArtifact } from '../../types.js';
import { hashObject, headObject, type ObjectFacts } from './object-hash.js';

/**
 * Checks a stored artifact.
 * @throws {@link IntegrityError} naming the artifact when its metadata, size or bytes are not what was recorded.
 * @throws {@link NotFoundError} naming the artifact when it is gone.
 */
export async function verifyS3Artifact(
  aws: S3Access,
  artifact: RegisteredArtifact,
  hashLimitBytes: number,
  signal?: AbortSignal,
): Promise<void> {
  const location = parseS3Uri(artifact.uri, 'artifact.uri');
  let facts: ObjectFacts;
  try {
    facts = await headObject(aws, location, signal);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(
      `The registered artifact ${artifact.uri} is gone: it was deleted from the registry's bucket. The version ` +
        'cannot be deployed; register the model again.',
      { cause: error, resource: { kind: 'S3 object', name: artifact.uri } },
    );
  }
  if (facts.sha256 !== artifact.sha256) {
    throw tampered(artifact, `its recorded SHA-256 metadata is ${facts.sha256 ?? 'missing'}`);
  }
  if (facts.bytes !== artifact.bytes) {
    throw tampered(artifact, `it is ${facts.bytes} bytes, not the ${artifact.bytes} registered`);
  }
  if (facts.bytes > hashLimitBytes) return;
  const actual = await hashObject(aws, location, facts.etag, signal);
  if (actual !== artifact.sha256) throw tampered(artifact, `its bytes have SHA-256 ${actual}`);
}

function tampered(artifact: RegisteredArtifact, found: string): IntegrityError {
  return new IntegrityError(
    `The registered artifact ${artifact.uri} is not what was registered: SHA-256 ${artifact.sha256} was recorded, ` +
      `but ${found}. It was replaced, changed or truncated; it will not be deployed. Find out what wrote it, and ` +
      'register the model again.',
    artifact.uri,
  );
}
