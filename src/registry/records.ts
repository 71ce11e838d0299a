/**
 * Reading registry records back from storage: text that is not JSON, or JSON that is not the record it should be,
 * is an {@link IntegrityError} naming where it was found. Never skipped and never overwritten: a registry that
 * quietly ignored a damaged version could renumber over it or deploy the wrong model. Shared by every store that
 * keeps records as JSON.
 */
import { IntegrityError } from '../errors.js';
import type { AliasState, ApprovalStatus, ModelVersion } from './types.js';

/**
 * Parses the JSON text of a record.
 * @param location - where it came from (a file path, an S3 URI), for the error.
 * @throws {@link IntegrityError} when `text` is not JSON.
 */
export function parseRecordJson(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IntegrityError(
      `The registry record ${location} is not valid JSON (${(error as Error).message}). It was not written by ` +
        'modelship or was damaged: restore it from a backup or remove it by hand; the registry will not overwrite it.',
      location,
      { cause: error },
    );
  }
}

/**
 * Checks that `value` is the version record of `name` `version`.
 * @throws {@link IntegrityError} naming `location` otherwise.
 */
export function versionRecord(value: unknown, location: string, name: string, version: string): ModelVersion {
  const record = object(value, location, 'a version record');
  expectField(record.name === name, location, `"name" should be ${JSON.stringify(name)}`);
  expectField(record.version === version, location, `"version" should be ${JSON.stringify(version)}`);
  for (const field of ['createdAt', 'createdBy'] as const) {
    expectField(typeof record[field] === 'string', location, `"${field}" should be a string`);
  }
  for (const field of ['metadata', 'metrics'] as const) {
    expectField(isObject(record[field]), location, `"${field}" should be an object`);
  }
  if (record.artifact !== undefined) {
    const artifact = object(record.artifact, location, 'an artifact');
    expectField(
      typeof artifact.uri === 'string' && typeof artifact.sha256 === 'string' && typeof artifact.bytes === 'number',
      location,
      '"artifact" should have a uri, a sha256 and bytes',
    );
  }
  return value as ModelVersion;
}

/**
 * Checks that `value` is the state of alias `alias` of `name`: a history of at least one move, ending where the
 * alias points.
 * @throws {@link IntegrityError} naming `location` otherwise.
 */
export function aliasRecord(value: unknown, location: string, name: string, alias: string): AliasState {
  const record = object(value, location, 'an alias record');
  expectField(record.name === name, location, `"name" should be ${JSON.stringify(name)}`);
  expectField(record.alias === alias, location, `"alias" should be ${JSON.stringify(alias)}`);
  expectField(typeof record.version === 'string', location, '"version" should be a string');
  const history = record.history;
  expectField(Array.isArray(history) && history.length > 0, location, '"history" should be a non-empty list');
  for (const change of history as unknown[]) {
    const entry = object(change, location, 'an alias change');
    expectField(
      typeof entry.version === 'string' && typeof entry.at === 'string' && typeof entry.reason === 'string',
      location,
      'each "history" entry should have a version, a time and a reason',
    );
  }
  expectField(
    (history as { version: string }[]).at(-1)?.version === record.version,
    location,
    'the last "history" entry should be the version the alias points to',
  );
  return value as AliasState;
}

/**
 * Checks an approval record, `{ status }`.
 * @throws {@link IntegrityError} naming `location` otherwise.
 */
export function approvalRecord(value: unknown, location: string): ApprovalStatus {
  const status = object(value, location, 'an approval record').status;
  expectField(
    status === 'pending' || status === 'approved' || status === 'rejected',
    location,
    '"status" should be pending, approved or rejected',
  );
  return status as ApprovalStatus;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, location: string, what: string): Record<string, unknown> {
  expectField(isObject(value), location, `it should hold ${what} (a JSON object)`);
  return value as Record<string, unknown>;
}

function expectField(ok: boolean, location: string, what: string): asserts ok {
  if (ok) return;
  throw new IntegrityError(
    `The registry record ${location} is damaged: ${what}. Restore it from a backup or fix it by hand; the registry ` +
      'will not overwrite it.',
    location,
  );
}
