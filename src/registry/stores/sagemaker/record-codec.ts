/**
 * A {@link ModelVersion} record on a model package. SageMaker numbers the packages of a group itself (1, 2, …), so
 * modelship's version string and the rest of the record live in the package's `CustomerMetadataProperties`:
 *
 * - `modelship:name`, `modelship:version`: readable, for SageMaker Studio and for finding a version without
 *   decoding records;
 * - `modelship:record-sha256`: the SHA-256 of the record's canonical JSON, checked on every read;
 * - the record itself, as base64 (the property pattern allows no `{`, `"` or `,`, but every base64 character) in
 *   chunks of 256 characters, `modelship:record:0` … `modelship:record:<n-1>`, with `modelship:record-chunks`;
 * - or, for a record too large for that (more than 40 chunks, about 7.5 KB of JSON), `modelship:manifest`: the
 *   `s3://` URI of the JSON, written next to the artifacts beforehand.
 *
 * SageMaker allows 50 properties of at most 128-character keys and 256-character values (`CustomerMetadataMap` in
 * its API model); 40 chunks leave room for the fixed keys and the `modelship:aliases` mirror.
 */
import { IntegrityError, InvalidArgumentError } from '../../../errors.js';
import type { ModelVersion } from '../../types.js';
import { canonicalJson, sha256Of } from './canonical.js';

/** The property keys this store writes. */
export const PROPERTY = {
  name: 'modelship:name',
  version: 'modelship:version',
  recordSha256: 'modelship:record-sha256',
  recordChunks: 'modelship:record-chunks',
  manifest: 'modelship:manifest',
  aliases: 'modelship:aliases',
  chunk: (index: number): string => `modelship:record:${index}`,
} as const;

/** The longest value of a customer metadata property. */
export const MAX_PROPERTY_VALUE = 256;
/** The most chunks a record is split into before it goes to S3. */
export const MAX_RECORD_CHUNKS = 40;
// `CustomerMetadataValue` in the SageMaker API model.
const PROPERTY_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;

/** A record, ready to write. */
export interface EncodedRecord {
  readonly properties: Record<string, string>;
  /** The manifest to write to S3 first, when the record is too large for the properties. */
  readonly manifest?: { readonly key: string; readonly body: string };
}

/**
 * Encodes a version for `CreateModelPackage`.
 * @param manifestKey - the S3 key of the manifest of a record with this SHA-256, should it be needed.
 * @param manifestUri - the `s3://` URI of that key.
 * @throws {@link InvalidArgumentError} (`argument: 'version'`) when the version string cannot be a property value.
 */
export function encodeRecord(
  version: ModelVersion,
  manifestKey: (sha256: string) => string,
  manifestUri: (key: string) => string,
): EncodedRecord {
  checkPropertyValue('version', version.version);
  const json = canonicalJson(version);
  const sha256 = sha256Of(json);
  const base = {
    [PROPERTY.name]: version.name,
    [PROPERTY.version]: version.version,
    [PROPERTY.recordSha256]: sha256,
  };
  const encoded = Buffer.from(json, 'utf8').toString('base64');
  const chunks = Math.ceil(encoded.length / MAX_PROPERTY_VALUE);
  if (chunks <= MAX_RECORD_CHUNKS) {
    const properties: Record<string, string> = { ...base, [PROPERTY.recordChunks]: String(chunks) };
    for (let i = 0; i < chunks; i++) {
      properties[PROPERTY.chunk(i)] = encoded.slice(i * MAX_PROPERTY_VALUE, (i + 1) * MAX_PROPERTY_VALUE);
    }
    return { properties };
  }
  const key = manifestKey(sha256);
  return { properties: { ...base, [PROPERTY.manifest]: manifestUri(key) }, manifest: { key, body: json } };
}

/** Reads the manifest at an `s3://` URI: its bytes, or undefined when it is gone. */
export type ManifestReader = (uri: string) => Promise<Uint8Array | undefined>;

/**
 * Decodes the record of a model package.
 * @param where - the package's ARN, for messages.
 * @throws {@link IntegrityError} naming the package (or the manifest's URI) when the record is missing, cut short,
 * not JSON, not a version record, not the one its SHA-256 or its `modelship:version` names.
 */
export async function decodeRecord(
  properties: Readonly<Record<string, string>>,
  where: string,
  readManifest: ManifestReader,
): Promise<ModelVersion> {
  const expected = properties[PROPERTY.recordSha256];
  const manifest = properties[PROPERTY.manifest];
  let location = where;
  let json: string;
  if (manifest !== undefined) {
    location = manifest;
    const bytes = await readManifest(manifest);
    if (bytes === undefined) throw corrupt(location, 'its manifest is gone');
    json = Buffer.from(bytes).toString('utf8');
  } else {
    json = joinChunks(properties, location);
  }
  if (expected === undefined || sha256Of(json) !== expected) {
    throw corrupt(location, `its SHA-256 is not the recorded ${expected ?? '(none)'}: it was changed or cut short`);
  }
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch (error) {
    throw corrupt(location, 'it is not valid JSON', error);
  }
  checkRecord(record, location);
  if (record.version !== properties[PROPERTY.version] || record.name !== properties[PROPERTY.name]) {
    throw corrupt(location, `it is ${record.name} ${record.version}, not what the package's properties name`);
  }
  return record;
}

/**
 * Checks a text that goes into a customer metadata property.
 * @throws {@link InvalidArgumentError} naming `argument`.
 */
export function checkPropertyValue(argument: string, value: string): void {
  if (typeof value === 'string' && value.length <= MAX_PROPERTY_VALUE && PROPERTY_VALUE.test(value)) return;
  throw new InvalidArgumentError(
    argument,
    `"${String(value)}" cannot be kept in the SageMaker Model Registry: it must be 1 to ${MAX_PROPERTY_VALUE} ` +
      'letters, digits, spaces and _ . : / = + - @.',
  );
}

function joinChunks(properties: Readonly<Record<string, string>>, where: string): string {
  const count = Number(properties[PROPERTY.recordChunks]);
  if (!Number.isInteger(count) || count < 1 || count > MAX_RECORD_CHUNKS) {
    throw corrupt(where, `its ${PROPERTY.recordChunks} property is missing or wrong`);
  }
  let encoded = '';
  for (let i = 0; i < count; i++) {
    const chunk = properties[PROPERTY.chunk(i)];
    if (chunk === undefined) throw corrupt(where, `its property ${PROPERTY.chunk(i)} is missing`);
    encoded += chunk;
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
}

function checkRecord(record: unknown, where: string): asserts record is ModelVersion {
  const r = record as Partial<Record<keyof ModelVersion, unknown>> | null;
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  const wellFormed =
    isObject(r) &&
    ['name', 'version', 'createdAt', 'createdBy'].every((key) => typeof r?.[key as keyof ModelVersion] === 'string') &&
    isObject(r?.metadata) &&
    isObject(r?.metrics);
  if (!wellFormed) throw corrupt(where, 'it is not a model version record');
}

function corrupt(where: string, why: string, cause?: unknown): IntegrityError {
  return new IntegrityError(
    `The model version record of ${where} cannot be read: ${why}. modelship does not guess at a damaged record: ` +
      'delete the model package and register the version again.',
    where,
    cause === undefined ? {} : { cause },
  );
}
