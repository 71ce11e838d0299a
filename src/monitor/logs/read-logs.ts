/**
 * Reading a deployment's CloudWatch logs as an async iterable of events: every page of `FilterLogEvents` over a time
 * range, or, with `follow`, that and then new events as they come, polled until the signal aborts. A log group that
 * does not exist yet (SageMaker and Lambda make it on the first line logged) reads as no events, and a follow keeps
 * waiting for it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsContext } from '../../aws/context.js';
import { type CheckedLogsQuery, checkLogSource, checkLogsQuery } from './check-query.js';
import { CloudWatchLogsApi, type LogsPageRequest } from './logs-api.js';
import { SeenEvents } from './seen-events.js';
import type { LogEvent, LogSource, LogsQuery } from './types.js';

/**
 * How far back each poll of a follow reaches behind the newest event given: CloudWatch can receive an event after
 * later ones from another stream (another instance), and those would be missed by a poll from the newest on.
 */
const LATE_ARRIVAL_MS = 10_000;

/**
 * The events of `source` that `query` asks for, oldest first within each read. The query is checked here, before
 * any call; the calls are made as the iterable is read. Breaking out of the loop or aborting `query.signal` ends
 * it quietly.
 *
 * @throws {@link InvalidArgumentError} (at once) when the query or the source is not allowed.
 * @throws {@link AccessDeniedError} (while reading) when the credentials may not call `logs:FilterLogEvents`.
 * @example
 * ```ts
 * for await (const event of readLogs(aws, { logGroupName: '/aws/lambda/churn' }, { follow: true, signal })) {
 *   console.log(event.timestamp.toISOString(), event.message.trimEnd());
 * }
 * ```
 */
export function readLogs(aws: AwsContext, source: LogSource, query: LogsQuery = {}): AsyncIterable<LogEvent> {
  const checked = checkLogsQuery(query);
  const where = checkLogSource(source);
  const api = new CloudWatchLogsApi(aws);
  return { [Symbol.asyncIterator]: () => readEvents(api, where, checked) };
}

async function* readEvents(api: CloudWatchLogsApi, source: LogSource, query: CheckedLogsQuery) {
  const seen = new SeenEvents();
  const since = query.since.getTime();
  const range: LogsPageRequest = {
    startTime: since,
    ...(query.until === undefined ? {} : { endTime: query.until.getTime() }),
    ...(query.filterPattern === undefined ? {} : { filterPattern: query.filterPattern }),
  };
  let startTime = since;
  for (;;) {
    for await (const raw of eventsIn(api, source, { ...range, startTime }, query.signal)) {
      const event = toLogEvent(raw);
      if (seen.add(event.id, event.timestamp.getTime())) yield event;
    }
    if (!query.follow) return;
    startTime = Math.max(since, seen.newest - LATE_ARRIVAL_MS);
    seen.forgetBefore(startTime);
    if (!(await pause(query.pollMs, query.signal))) return;
  }
}

/** Every event of every page of one read; nothing when the log group does not exist or the signal aborts. */
async function* eventsIn(api: CloudWatchLogsApi, source: LogSource, range: LogsPageRequest, signal?: AbortSignal) {
  let nextToken: string | undefined;
  do {
    if (signal?.aborted) return;
    let page: Awaited<ReturnType<CloudWatchLogsApi['filterPage']>>;
    try {
      page = await api.filterPage(source, { ...range, ...(nextToken === undefined ? {} : { nextToken }) }, signal);
    } catch (error) {
      if (signal?.aborted) return; // the call was cut short on purpose: end, no error
      throw error;
    }
    if (page === undefined) return;
    yield* page.events ?? [];
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
}

function toLogEvent(event: FilteredLogEvent): LogEvent {
  const timestamp = event.timestamp ?? 0;
  const stream = event.logStreamName ?? '';
  return {
    timestamp: new Date(timestamp),
    message: event.message ?? '',
    stream,
    id: event.eventId ?? `${stream}/${timestamp}`,
  };
}

/** Waits `ms`; false when the signal aborted first (the follow ends). */
async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
    return true;
  } catch (error) {
    if (signal?.aborted) return false;
    throw error;
  }
}
