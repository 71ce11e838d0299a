/**
 * Checks a {@link LogsQuery} before any call, and fills in its defaults: a mistake is an
 * {@link InvalidArgumentError} that says what is allowed, thrown where `logs()` was called.
 */
import { integerOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { timeRange, validDate } from '../time-range.js';
import type { LogSource, LogsQuery } from './types.js';

/** A query with its defaults filled in; `until` is absent when following. */
export interface CheckedLogsQuery {
  readonly since: Date;
  readonly until?: Date;
  readonly follow: boolean;
  readonly filterPattern?: string;
  readonly pollMs: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_SINCE_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 2000;
// CloudWatch Logs' own limits (FilterLogEvents): a filter pattern of at most 1024 characters, names by pattern.
const MAX_FILTER_PATTERN = 1024;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_PREFIX = /^[^:*]{1,512}$/;

/**
 * The query checked, with defaults.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 */
export function checkLogsQuery(query: LogsQuery): CheckedLogsQuery {
  if (typeof query !== 'object' || query === null) {
    throw new InvalidArgumentError(
      'query',
      'logs() takes an options object, e.g. { since, follow: true }, or nothing.',
    );
  }
  const follow = query.follow ?? false;
  if (typeof follow !== 'boolean') throw new InvalidArgumentError('follow', 'follow must be true or false.');
  if (follow && query.until !== undefined) {
    throw new InvalidArgumentError(
      'until',
      'until ends the reading and follow keeps reading new events: give one of them, not both.',
    );
  }
  const since = query.since ?? new Date(Date.now() - DEFAULT_SINCE_MS);
  const range = follow ? { since: validDate('since', since) } : timeRange(since, query.until);
  const { filterPattern, signal } = query;
  if (filterPattern !== undefined && (typeof filterPattern !== 'string' || filterPattern.length > MAX_FILTER_PATTERN)) {
    throw new InvalidArgumentError(
      'filterPattern',
      `filterPattern must be a CloudWatch Logs filter pattern of at most ${MAX_FILTER_PATTERN} characters, such as ERROR.`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('signal', 'signal must be an AbortSignal, such as new AbortController().signal.');
  }
  return {
    ...range,
    follow,
    pollMs: integerOption('pollMs', query.pollMs, 100, 3_600_000, DEFAULT_POLL_MS),
    ...(filterPattern === undefined || filterPattern === '' ? {} : { filterPattern }),
    ...(signal === undefined ? {} : { signal }),
  };
}

/**
 * Checks the names a target gave against CloudWatch Logs' patterns, so a target's mistake is not sent to AWS.
 * @throws {@link InvalidArgumentError} when a name is not one CloudWatch Logs takes.
 */
export function checkLogSource(source: LogSource): LogSource {
  if (typeof source?.logGroupName !== 'string' || !LOG_GROUP_NAME.test(source.logGroupName)) {
    throw new InvalidArgumentError(
      'logGroupName',
      `The log group name ${JSON.stringify(source?.logGroupName)} is not one CloudWatch Logs takes: 1 to 512 ` +
        'letters, digits and . - _ / #.',
    );
  }
  const prefix = source.logStreamNamePrefix;
  if (prefix !== undefined && (typeof prefix !== 'string' || !STREAM_PREFIX.test(prefix))) {
    throw new InvalidArgumentError(
      'logStreamNamePrefix',
      `The log stream prefix ${JSON.stringify(prefix)} is not one CloudWatch Logs takes: 1 to 512 characters, ` +
        'without : or *.',
    );
  }
  return source;
}
