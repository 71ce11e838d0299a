/**
 * The one CloudWatch Logs call the log reader makes, mapped to modelship errors that name the log group. A log group
 * that does not exist (yet: SageMaker and Lambda make it on the first line logged) answers `undefined`.
 */
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import { findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';
import type { LogSource } from './types.js';

/** One FilterLogEvents request: a time range in epoch milliseconds (both ends included) and a page token. */
export interface LogsPageRequest {
  readonly startTime: number;
  readonly endTime?: number;
  readonly filterPattern?: string;
  readonly nextToken?: string;
}

/** CloudWatch Logs as the log reader uses it. It shares the context's client. */
export class CloudWatchLogsApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  /** One page of the events of `source` in the range, or `undefined` when the log group does not exist. */
  filterPage(
    source: LogSource,
    request: LogsPageRequest,
    signal?: AbortSignal,
  ): Promise<FilterLogEventsResponse | undefined> {
    const context = {
      service: 'CloudWatch Logs',
      operation: 'FilterLogEvents',
      resource: { kind: 'CloudWatch log group', name: source.logGroupName },
    };
    return findAws(context, () =>
      this.#aws.client(CloudWatchLogsClient).send(
        new FilterLogEventsCommand({
          logGroupName: source.logGroupName,
          logStreamNamePrefix: source.logStreamNamePrefix,
          startTime: request.startTime,
          endTime: request.endTime,
          filterPattern: request.filterPattern,
          nextToken: request.nextToken,
        }),
        { abortSignal: signal },
      ),
    );
  }
}
