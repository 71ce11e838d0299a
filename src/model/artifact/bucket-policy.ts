/**
 * The default artifact bucket's name and its bucket policy.
 */
import { partitionOf } from '../../aws/arn.js';

/** The default artifact bucket of an account and region: `modelship-<account>-<region>`. */
export function defaultBucketName(accountId: string, region: string): string {
  return `modelship-${accountId}-${region}`;
}

/**
 * A bucket policy that refuses every request not made over TLS (`aws:SecureTransport` false), to the bucket and
 * to its objects, from anyone: the AWS Security Hub control S3.5 and the AWS-recommended way to enforce HTTPS.
 * @returns the policy document as JSON text, as `PutBucketPolicy` takes it.
 */
export function tlsOnlyBucketPolicy(bucket: string, region: string): string {
  const arn = `arn:${partitionOf(region)}:s3:::${bucket}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
