/**
 * An in-memory CloudWatch Logs behind `mockAwsClient(CloudWatchLogsClient)`: log groups of events that tests append
 * to while a reader follows, FilterLogEvents with its time range (both ends included), stream prefix, a plain-text
 * filter pattern, small pages linked by nextToken (and empty pages with a token, as CloudWatch sends while it
 * searches), and ResourceNotFoundException for a group that does not exist. Every request still goes through the
 * contract check against `../shared/aws-models/cloudwatch-logs.json`.
 */
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockAwsClient } from '../../support/aws-contract.js';

/** An AWS-shaped CloudWatch Logs error. */
export function logsError(name: string, message: string, status = 400) {
  return new CloudWatchLogsServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake-logs' },
    message,
  });
}

export class FakeCloudWatchLogs {
  readonly groups = new Map<string, FilteredLogEvent[]>();
  /** Events per page at most (small, to exercise paging). */
  pageSize = 2;
  /** Answers the first page of each read with no events and a token, as CloudWatch does while it searches. */
  emptyFirstPage = false;
  /** Faults for the next calls, in order: each is thrown once. */
  readonly faults: (() => Error)[] = [];
  #nextId = 1;
  readonly stub = mockAwsClient(CloudWatchLogsClient);

  constructor() {
    this.stub.on(FilterLogEventsCommand).callsFake((input) => {
      const fault = this.faults.shift();
      if (fault) throw fault();
      const events = this.groups.get(input.logGroupName ?? '');
      if (events === undefined) {
        throw logsError('ResourceNotFoundException', 'The specified log group does not exist.');
      }
      const matching = events
        .filter((e) => (e.timestamp ?? 0) >= (input.startTime ?? 0))
        .filter((e) => input.endTime === undefined || (e.timestamp ?? 0) <= input.endTime)
        .filter((e) => (e.logStreamName ?? '').startsWith(input.logStreamNamePrefix ?? ''))
        .filter((e) => (e.message ?? '').includes(input.filterPattern ?? ''))
        .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
      const token = input.nextToken ?? (this.emptyFirstPage ? 'searching' : '0');
      if (token === 'searching' && input.nextToken === undefined) return { events: [], nextToken: '0' };
      const start = Number(token);
      const page = matching.slice(start, start + this.pageSize);
      const more = start + this.pageSize < matching.length;
      return { events: page, ...(more ? { nextToken: String(start + this.pageSize) } : {}) };
    });
  }

  /** Creates the group (empty) if it does not exist. */
  createGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, []);
  }

  /** Appends an event to a group (created if needed); returns its id. */
  log(group: string, stream: string, timestamp: number, message: string): string {
    this.createGroup(group);
    const eventId = `event-${this.#nextId++}`;
    this.groups.get(group)?.push({ logStreamName: stream, timestamp, message, eventId, ingestionTime: timestamp });
    return eventId;
  }

  /** The FilterLogEvents requests received, in order. */
  requests() {
    return this.stub.commandCalls(FilterLogEventsCommand).map((call) => call.args[0].input);
  }
}
