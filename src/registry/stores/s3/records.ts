/**
 * The JSON of the registry's records: how they are written, and how they are read back and checked. A record that does not parse, or is not the record its key says it is, is an
 * {@link IntegrityError} naming its `s3://` URI: never skipped, never overwritten, since it was changed by hand or
 * by something other than modelship and someone must look at it.
 */
import { IntegrityError } from '../../../errors.js';
import type { AliasState, ApprovalStatus, ModelVersion } from '../../types.js';

/** The approval record of one version. */
export interface ApprovalRecord {
  readonly name: string;
  readonly version: string;
  readonly status: ApprovalStatus;
}

const APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'rejected'];

/** A record as the object's body: indented, so that `aws s3 cp … -` shows something a person can read. */
export function toJson(record: ModelVersion | AliasState | ApprovalRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** What a key says a record is: its model, and its version or alias. */
export interface Expected {
  readonly name: string;
  readonly id: string;
}

/**
 * Parses a version record.
 * @param uri - the object's `s3://` URI, for the error.
 * @throws {@link IntegrityError} when it is not valid JSON or not the version its key names.
 */
export function parseVersion(text: string, uri: string, expected: Expected): ModelVersion {
  const record = parseObject(text, uri, 'version');
  requireStrings(record, ['name', 'version', 'createdAt', 'createdBy'], uri, 'version');
  requireObjects(record, ['metadata', 'metrics'], uri, 'version');
  matches(record.name, expected.name, 'name', uri, 'version');
  matches(record.version, expected.id, 'version', uri, 'version');
  return record as unknown as ModelVersion;
}

/** Parses an alias record. @throws {@link IntegrityError} as {@link parseVersion}. */
export function parseAlias(text: string, uri: string, expected: Expected): AliasState {
  const record = parseObject(text, uri, 'alias');
  requireStrings(record, ['name', 'alias', 'version'], uri, 'alias');
  if (!Array.isArray(record.history)) throw malformed(uri, 'alias', '"history" is not a list');
  matches(record.name, expected.name, 'name', uri, 'alias');
  matches(record.alias, expected.id, 'alias', uri, 'alias');
  return record as unknown as AliasState;
}

/** Parses an approval record. @throws {@link IntegrityError} as {@link parseVersion}. */
export function parseApproval(text: string, uri: string, expected: Expected): ApprovalRecord {
  const record = parseObject(text, uri, 'approval');
  requireStrings(record, ['name', 'version', 'status'], uri, 'approval');
  if (!APPROVAL_STATUSES.includes(record.status as ApprovalStatus)) {
    throw malformed(
      uri,
      'approval',
      `"status" is "${String(record.status)}", not one of ${APPROVAL_STATUSES.join(', ')}`,
    );
  }
  matches(record.name, expected.name, 'name', uri, 'approval');
  matches(record.version, expected.id, 'version', uri, 'approval');
  return record as unknown as ApprovalRecord;
}

function parseObject(text: string, uri: string, kind: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(uri, kind, `it is not valid JSON (${(error as Error).message})`, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(uri, kind, 'it is not a JSON object');
  }
  return value as Record<string, unknown>;
}

function requireStrings(record: Record<string, unknown>, members: readonly string[], uri: string, kind: string): void {
  const missing = members.find((member) => typeof record[member] !== 'string');
  if (missing !== undefined) throw malformed(uri, kind, `"${missing}" is missing or not a string`);
}

function requireObjects(record: Record<string, unknown>, members: readonly string[], uri: string, kind: string): void {
  const missing = members.find((member) => typeof record[member] !== 'object' || record[member] === null);
  if (missing !== undefined) throw malformed(uri, kind, `"${missing}" is missing or not an object`);
}

function matches(found: unknown, expected: string, member: string, uri: string, kind: string): void {
  if (found === expected) return;
  throw malformed(uri, kind, `its "${member}" is "${String(found)}" but its key says "${expected}"`);
}

function malformed(uri: string, kind: string, why: string, cause?: unknown): IntegrityError {
  return new IntegrityError(
    `The registry ${kind} record ${uri} is corrupt: ${why}. modelship neither skips nor overwrites it: restore it ` +
      '(from S3 versioning or a backup) or delete it if the record should not exist.',
    uri,
    cause === undefined ? {} : { cause },
  );
}
