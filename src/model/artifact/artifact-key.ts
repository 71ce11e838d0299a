/**
 * Where in a bucket an artifact goes. Keys are content-addressed (they hold the artifact's SHA-256) so that an
 * upload never has to replace an object: a SageMaker model keeps reading its `ModelDataUrl` for as long as it
 * lives (every new instance of an endpoint downloads it when it scales out), so replacing the object under a live
 * endpoint would silently change what new instances serve.
 */
import { InvalidArgumentError } from '../../errors.js';
import { ARCHIVE_NAME } from './package.js';

/**
 * The content-addressed key of an artifact: `<prefix>/<sha256>/<fileName>`, e.g.
 * `modelship/churn/9f86…08/model.tar.gz`. Different contents get different keys; the same contents the same key,
 * so uploading again is skipped.
 *
 * @param prefix - a folder for the artifacts of one model or deployment, e.g. `modelship/churn`; slashes at its
 * ends are dropped, and `''` puts the artifact at the bucket's root.
 * @throws {@link InvalidArgumentError} when `sha256` is not 64 lower-case hex digits.
 */
export function contentAddressedKey(prefix: string, sha256: string, fileName: string = ARCHIVE_NAME): string {
  checkSha256(sha256);
  const folder = prefix.replace(/^\/+|\/+$/g, '');
  return `${folder === '' ? '' : `${folder}/`}${sha256}/${fileName}`;
}

/**
 * Where an artifact goes when `key` already holds something else: the content-addressed key beside it,
 * `<folder of key>/<sha256>/<file name of key>`. Undefined when `key` already holds the SHA-256 (is content-addressed
 * itself): then the object there was written by someone else, and there is no better place to go.
 */
export function keyBeside(key: string, sha256: string): string | undefined {
  if (key.includes(sha256)) return undefined;
  const slash = key.lastIndexOf('/');
  return contentAddressedKey(key.slice(0, Math.max(slash, 0)), sha256, key.slice(slash + 1));
}

/**
 * Checks a SHA-256 given as text.
 * @throws {@link InvalidArgumentError} (`argument: 'sha256'`) unless it is 64 lower-case hex digits.
 */
export function checkSha256(sha256: unknown): asserts sha256 is string {
  if (typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256)) return;
  throw new InvalidArgumentError(
    'sha256',
    `"${String(sha256)}" is not a SHA-256: give the 64 lower-case hex digits sha256File() or packageModel() return.`,
  );
}
