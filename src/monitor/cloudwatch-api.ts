/**
 * The CloudWatch calls monitoring makes, each mapped to modelship errors that name the alarm or dashboard. Reads of
 * something that may not exist answer `undefined` for "absent"; deletes of something already gone succeed.
 */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  type GetMetricDataInput,
  ListMetricsCommand,
  type ListMetricsInput,
  ListTagsForResourceCommand,
  type MetricAlarm,
  type MetricDataResult,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmInput,
  type Tag,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { callAws, findAws } from '../aws/call.js';
import type { AwsContext } from '../aws/context.js';

function alarm(operation: string, name: string) {
  return { service: 'CloudWatch', operation, resource: { kind: 'CloudWatch alarm', name } };
}

function dashboard(operation: string, name: string) {
  return { service: 'CloudWatch', operation, resource: { kind: 'CloudWatch dashboard', name } };
}

/** CloudWatch, as monitoring uses it. Built on a context (its shared client) or on a client of its own. */
export class CloudWatchApi {
  readonly #client: () => CloudWatchClient;

  constructor(source: AwsContext | CloudWatchClient) {
    this.#client = source instanceof CloudWatchClient ? () => source : () => source.client(CloudWatchClient);
  }

  /** The metric alarms whose names start with `prefix`, every page. */
  async alarmsWithPrefix(prefix: string, signal?: AbortSignal): Promise<MetricAlarm[]> {
    return this.#describe({ AlarmNamePrefix: prefix }, prefix, signal);
  }

  /** The metric alarm named `name`, or `undefined`. */
  async describeAlarm(name: string, signal?: AbortSignal): Promise<MetricAlarm | undefined> {
    const found = await this.#describe({ AlarmNames: [name] }, name, signal);
    return found.find((item) => item.AlarmName === name);
  }

  /** Creates the alarm, or overwrites its whole definition (its tags are only set on create). */
  async putAlarm(input: PutMetricAlarmInput, signal?: AbortSignal): Promise<void> {
    await callAws(alarm('PutMetricAlarm', input.AlarmName ?? ''), () =>
      this.#client().send(new PutMetricAlarmCommand(input), { abortSignal: signal }),
    );
  }

  /** Deletes one alarm; one already gone is not an error. One name per call, so a missing one cannot stop others. */
  async deleteAlarm(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(alarm('DeleteAlarms', name), () =>
      this.#client().send(new DeleteAlarmsCommand({ AlarmNames: [name] }), { abortSignal: signal }),
    );
  }

  /** The tags of an alarm, as a record; `undefined` when the alarm is gone. */
  async tagsOf(arn: string, signal?: AbortSignal): Promise<Record<string, string> | undefined> {
    const out = await findAws(alarm('ListTagsForResource', arn), () =>
      this.#client().send(new ListTagsForResourceCommand({ ResourceARN: arn }), { abortSignal: signal }),
    );
    if (out === undefined) return undefined;
    return Object.fromEntries((out.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  }

  /** Adds or overwrites tags on an alarm. */
  async tag(arn: string, tags: readonly Tag[], signal?: AbortSignal): Promise<void> {
    if (tags.length === 0) return;
    await callAws(alarm('TagResource', arn), () =>
      this.#client().send(new TagResourceCommand({ ResourceARN: arn, Tags: [...tags] }), { abortSignal: signal }),
    );
  }

  /** Removes tag keys from an alarm. */
  async untag(arn: string, keys: readonly string[], signal?: AbortSignal): Promise<void> {
    if (keys.length === 0) return;
    await callAws(alarm('UntagResource', arn), () =>
      this.#client().send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: [...keys] }), { abortSignal: signal }),
    );
  }

  /** The body of a dashboard, or `undefined` when there is none of that name. */
  async dashboardBody(name: string, signal?: AbortSignal): Promise<string | undefined> {
    const out = await findAws(dashboard('GetDashboard', name), () =>
      this.#client().send(new GetDashboardCommand({ DashboardName: name }), { abortSignal: signal }),
    );
    return out?.DashboardBody;
  }

  /** Creates or replaces a dashboard. */
  async putDashboard(name: string, body: string, signal?: AbortSignal): Promise<void> {
    await callAws(dashboard('PutDashboard', name), () =>
      this.#client().send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body }), {
        abortSignal: signal,
      }),
    );
  }

  /** Deletes a dashboard; one already gone is not an error. */
  async deleteDashboard(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(dashboard('DeleteDashboards', name), () =>
      this.#client().send(new DeleteDashboardsCommand({ DashboardNames: [name] }), { abortSignal: signal }),
    );
  }

  /** The results of a metric query, every page merged by query id (values in the order CloudWatch sent them). */
  async metricData(input: GetMetricDataInput, signal?: AbortSignal): Promise<MetricDataResult[]> {
    const byId = new Map<string, { timestamps: Date[]; values: number[]; result: MetricDataResult }>();
    let NextToken: string | undefined;
    do {
      const page = await callAws({ service: 'CloudWatch', operation: 'GetMetricData' }, () =>
        this.#client().send(new GetMetricDataCommand({ ...input, NextToken }), { abortSignal: signal }),
      );
      for (const result of page.MetricDataResults ?? []) {
        const id = result.Id ?? '';
        const entry = byId.get(id) ?? { timestamps: [], values: [], result };
        entry.timestamps.push(...(result.Timestamps ?? []));
        entry.values.push(...(result.Values ?? []));
        // The last page's status is the one that says whether the series is complete.
        entry.result = result;
        byId.set(id, entry);
      }
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    return [...byId.values()].map(({ result, timestamps, values }) => ({
      ...result,
      Timestamps: timestamps,
      Values: values,
    }));
  }

  /** Whether any metric matches `input` (the first page is enough to tell). */
  async hasMetric(input: ListMetricsInput, signal?: AbortSignal): Promise<boolean> {
    const out = await callAws({ service: 'CloudWatch', operation: 'ListMetrics' }, () =>
      this.#client().send(new ListMetricsCommand(input), { abortSignal: signal }),
    );
    return (out.Metrics ?? []).length > 0;
  }

  async #describe(
    filter: { AlarmNamePrefix?: string; AlarmNames?: string[] },
    name: string,
    signal?: AbortSignal,
  ): Promise<MetricAlarm[]> {
    const alarms: MetricAlarm[] = [];
    let NextToken: string | undefined;
    do {
      const page = await callAws(alarm('DescribeAlarms', name), () =>
        this.#client().send(
          new DescribeAlarmsCommand({ ...filter, AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken }),
          { abortSignal: signal },
        ),
      );
      alarms.push(...(page.MetricAlarms ?? []));
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    return alarms;
  }
}
