/**
 * What modelship writes into the S3 objects it uploads, and reads back to recognise them.
 */

/**
 * The user-metadata key holding an artifact's SHA-256 (lower-case hex); S3 sends it as the
 * `x-amz-meta-modelship-sha256` header. S3's own checksums cannot serve: a multipart object's ETag and checksum are
 * of its parts, so they change with the part size, while this one is of the file.
 */
export const SHA256_METADATA = 'modelship-sha256';
