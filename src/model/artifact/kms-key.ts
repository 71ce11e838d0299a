/**
 * KMS key references for S3 encryption (`SSEKMSKeyId`, `KMSMasterKeyID`): a key id, a multi-Region key id, an
 * alias, or the ARN of a key or alias. Checked before any call, because S3 only rejects a bad one after the bucket
 * was created or the upload started.
 */
import { isArn, parseArn } from '../../aws/arn.js';
import { InvalidArgumentError } from '../../errors.js';

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const ALIAS = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const EXAMPLES =
  'a key id (1234abcd-12ab-34cd-56ef-1234567890ab), an alias (alias/ml-artifacts), or a key or alias ARN ' +
  '(arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab)';

/**
 * Checks a KMS key reference.
 * @param region - the region of the bucket: S3 can only use a KMS key of its own region, so a key ARN of another
 * region is refused.
 * @throws {@link InvalidArgumentError} naming `argument` (default `kmsKeyId`).
 */
export function validateKmsKeyId(value: unknown, region?: string, argument = 'kmsKeyId'): asserts value is string {
  if (typeof value === 'string' && (KEY_ID.test(value) || ALIAS.test(value))) return;
  if (typeof value === 'string' && isArn(value)) {
    const arn = parseArn(value);
    const resource = arn.resource.split('/', 1)[0];
    const id = arn.resource.slice((resource?.length ?? 0) + 1);
    const wellFormed =
      arn.service === 'kms' &&
      arn.region !== '' &&
      /^\d{12}$/.test(arn.accountId) &&
      ((resource === 'key' && KEY_ID.test(id)) || (resource === 'alias' && ALIAS.test(`alias/${id}`)));
    if (wellFormed && region !== undefined && arn.region !== region) {
      throw new InvalidArgumentError(
        argument,
        `The KMS key ${value} is in ${arn.region}, but the artifact bucket is in ${region}: S3 can only encrypt ` +
          `with a KMS key of the bucket's own region. Use a key in ${region}.`,
      );
    }
    if (wellFormed) return;
  }
  throw new InvalidArgumentError(argument, `"${String(value)}" is not a KMS key reference. Use ${EXAMPLES}.`);
}
