/**
 * Encryption at rest of every object the S3 registry writes: SSE-KMS with the given key, else SSE-S3. Always
 * asked for explicitly, so the records are encrypted even in a bucket whose default encryption was turned off.
 */
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';

/** The encryption members of a PutObject or CopyObject input. */
export type EncryptionParams = Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'>;

/** SSE-KMS (with an S3 Bucket Key, which cuts KMS requests and their cost) when `kmsKeyId` is given, else AES256. */
export function encryptionParams(kmsKeyId: string | undefined): EncryptionParams {
  return kmsKeyId === undefined
    ? { ServerSideEncryption: 'AES256' }
    : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true };
}
