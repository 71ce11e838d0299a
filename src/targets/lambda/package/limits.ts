/**
 * Lambda's size limits for .zip packages (GetAccountSettings' `CodeSizeUnzipped` and `CodeSizeZipped`).
 */
import { InvalidArgumentError } from '../../../errors.js';

/** The most a function's files (with its layers; modelship adds none) may take once extracted: 250 MB. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

/** The largest zip Lambda takes in the request itself; a larger one goes through S3: 50 MB. */
export const MAX_DIRECT_UPLOAD_BYTES = 52_428_800;

const MB = 1024 * 1024;

/**
 * Refuses a package whose files would not fit in Lambda once extracted, before any zip is written.
 * @param sizes - The files' sizes by entry name, to name the largest in the message.
 * @throws {@link InvalidArgumentError} (`argument: 'model'`) pointing to container images.
 */
export function checkUnzippedSize(sizes: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const size of sizes.values()) total += size;
  if (total <= MAX_UNZIPPED_BYTES) return total;
  const largest = [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, size]) => `${name} (${(size / MB).toFixed(1)} MB)`)
    .join(', ');
  throw new InvalidArgumentError(
    'model',
    `The function's files would take ${(total / MB).toFixed(1)} MB once extracted, over Lambda's limit of ` +
      `${MAX_UNZIPPED_BYTES / MB} MB for .zip packages (largest: ${largest}). Deploy the model as a container ` +
      'image instead (up to 10 GB): build an image that serves it and use Model.fromImage(imageUri).',
  );
}
