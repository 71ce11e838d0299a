/**
 * An in-memory CloudWatch behind `mockAwsClient(CloudWatchClient)`: metric alarms with tags (tags set on create
 * only, as CloudWatch does), dashboards, paged DescribeAlarms and GetMetricData, and a switch for billing metrics.
 * Every request still goes through the contract check of `test/support/aws-contract.ts`.
 */
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  type GetMetricDataOutput,
  ListMetricsCommand,
  ListTagsForResourceCommand,
  type MetricAlarm,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmInput,
  type Tag,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockAwsClient } from '../../support/aws-contract.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:ml-alerts`;

/** An AWS-shaped CloudWatch error. */
export function cloudWatchError(name: string, message: string, status = 400) {
  return new CloudWatchServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake-cw' },
    message,
  });
}

interface StoredAlarm {
  definition: PutMetricAlarmInput;
  tags: Tag[];
  region: string;
}

export class FakeCloudWatch {
  readonly alarms = new Map<string, StoredAlarm>();
  readonly dashboards = new Map<string, string>();
  /** Every mutating call, in order: `PutMetricAlarm modelship-churn-p99-latency`. */
  readonly log: string[] = [];
  /** How many alarms a DescribeAlarms page holds at most (smaller than AWS's to exercise paging). */
  pageSize = 2;
  /** Whether the account publishes `AWS/Billing` metrics (billing alerts enabled). */
  billingEnabled = true;
  /** The GetMetricData pages to answer, in order; the fake links them with NextToken. */
  metricPages: GetMetricDataOutput[] = [];
  readonly stub = mockAwsClient(CloudWatchClient);

  constructor() {
    const s = this.stub;
    s.on(DescribeAlarmsCommand).callsFake(async (input) => {
      const region = await this.#region();
      const names = [...this.alarms.keys()]
        .filter((name) => this.alarms.get(name)?.region === region)
        .filter((name) => (input.AlarmNames ? input.AlarmNames.includes(name) : true))
        .filter((name) => (input.AlarmNamePrefix ? name.startsWith(input.AlarmNamePrefix) : true))
        .sort();
      const start = Number(input.NextToken ?? 0);
      const size = Math.min(this.pageSize, input.MaxRecords ?? 50);
      const page = names.slice(start, start + size);
      return {
        MetricAlarms: page.map((name) => this.#describe(name)),
        ...(start + size < names.length ? { NextToken: String(start + size) } : {}),
      };
    });
    s.on(PutMetricAlarmCommand).callsFake(async (input) => {
      this.log.push(`PutMetricAlarm ${input.AlarmName}`);
      const { Tags, ...definition } = input;
      const existing = this.alarms.get(input.AlarmName);
      // CloudWatch sets tags on create only; an update overwrites the definition and keeps the tags.
      this.alarms.set(input.AlarmName, {
        definition,
        tags: existing?.tags ?? Tags ?? [],
        region: await this.#region(),
      });
      return {};
    });
    s.on(DeleteAlarmsCommand).callsFake((input) => {
      this.log.push(`DeleteAlarms ${input.AlarmNames.join(',')}`);
      for (const name of input.AlarmNames) {
        if (!this.alarms.delete(name)) throw cloudWatchError('ResourceNotFound', `Alarm ${name} not found`, 404);
      }
      return {};
    });
    s.on(ListTagsForResourceCommand).callsFake((input) => ({ Tags: this.#byArn(input.ResourceARN).tags }));
    s.on(TagResourceCommand).callsFake((input) => {
      this.log.push(`TagResource ${input.ResourceARN}`);
      const alarm = this.#byArn(input.ResourceARN);
      for (const tag of input.Tags) {
        alarm.tags = [...alarm.tags.filter((t) => t.Key !== tag.Key), tag];
      }
      return {};
    });
    s.on(UntagResourceCommand).callsFake((input) => {
      this.log.push(`UntagResource ${input.ResourceARN} ${input.TagKeys.join(',')}`);
      const alarm = this.#byArn(input.ResourceARN);
      alarm.tags = alarm.tags.filter((t) => !input.TagKeys.includes(t.Key));
      return {};
    });
    s.on(GetDashboardCommand).callsFake((input) => {
      const body = this.dashboards.get(input.DashboardName);
      if (body === undefined) throw cloudWatchError('ResourceNotFound', 'Dashboard does not exist', 404);
      return {
        DashboardName: input.DashboardName,
        DashboardBody: body,
        DashboardArn: this.dashboardArn(input.DashboardName),
      };
    });
    s.on(PutDashboardCommand).callsFake((input) => {
      this.log.push(`PutDashboard ${input.DashboardName}`);
      JSON.parse(input.DashboardBody); // AWS refuses a body that is not JSON
      this.dashboards.set(input.DashboardName, input.DashboardBody);
      return { DashboardValidationMessages: [] };
    });
    s.on(DeleteDashboardsCommand).callsFake((input) => {
      this.log.push(`DeleteDashboards ${input.DashboardNames.join(',')}`);
      for (const name of input.DashboardNames) {
        if (!this.dashboards.delete(name)) throw cloudWatchError('ResourceNotFound', 'Dashboard does not exist', 404);
      }
      return {};
    });
    s.on(GetMetricDataCommand).callsFake((input) => {
      const index = Number(input.NextToken ?? 0);
      const page = this.metricPages[index] ?? { MetricDataResults: [] };
      return { ...page, ...(index + 1 < this.metricPages.length ? { NextToken: String(index + 1) } : {}) };
    });
    s.on(ListMetricsCommand).callsFake((input) => ({
      Metrics:
        input.Namespace === 'AWS/Billing' && this.billingEnabled
          ? [
              {
                Namespace: 'AWS/Billing',
                MetricName: 'EstimatedCharges',
                Dimensions: [{ Name: 'Currency', Value: 'USD' }],
              },
            ]
          : [],
    }));
  }

  alarmArn(name: string, region = REGION): string {
    return `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;
  }

  dashboardArn(name: string): string {
    return `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${name}`;
  }

  /** An alarm's stored definition (as last put), or undefined. */
  definition(name: string): PutMetricAlarmInput | undefined {
    return this.alarms.get(name)?.definition;
  }

  /** An alarm's tags as a record. */
  tags(name: string): Record<string, string> {
    return Object.fromEntries((this.alarms.get(name)?.tags ?? []).map((t) => [t.Key, t.Value]));
  }

  /** The names of the stored alarms, sorted. */
  names(): string[] {
    return [...this.alarms.keys()].sort();
  }

  // The region of the client that sent the latest command: a billing alarm goes to us-east-1 whatever the context.
  async #region(): Promise<string> {
    const client = this.stub.calls().at(-1)?.thisValue as CloudWatchClient | undefined;
    const region = client?.config.region;
    return typeof region === 'function' ? await region() : (region ?? REGION);
  }

  #describe(name: string): MetricAlarm {
    const stored = this.alarms.get(name);
    const { definition, region } = stored as StoredAlarm;
    return {
      ...definition,
      AlarmArn: this.alarmArn(name, region),
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      AlarmConfigurationUpdatedTimestamp: new Date('2026-01-01T00:00:00Z'),
    } as MetricAlarm;
  }

  #byArn(arn: string): StoredAlarm {
    const name = arn.split(':alarm:')[1] ?? '';
    const alarm = this.alarms.get(name);
    if (alarm === undefined || this.alarmArn(name, alarm.region) !== arn) {
      throw cloudWatchError('ResourceNotFoundException', `Resource ${arn} not found`, 404);
    }
    return alarm;
  }
}
