import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { applyPlan } from '../../src/deploy/apply.js';
import type { PlanStep } from '../../src/deploy/plan.js';
import { ConflictError, InvalidArgumentError } from '../../src/errors.js';
import {
  dashboardBody,
  dashboardUrl,
  destroyDashboard,
  type PlanDashboardInput,
  planDashboard,
} from '../../src/monitor/dashboard.js';
import { FakeCloudWatch, REGION } from './support/fake-cloudwatch.js';

const FAST = { retry: { maxAttempts: 1 } };
const INPUT: PlanDashboardInput = {
  endpointName: 'churn',
  variantNames: ['AllTraffic'],
  kind: 'realtime',
  region: REGION,
  deployment: 'churn',
};

let fake: FakeCloudWatch;
let aws: AwsContext;

beforeEach(() => {
  fake = new FakeCloudWatch();
  aws = new AwsContext({ region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
});

interface Widget {
  type: string;
  properties: { title?: string; region?: string; metrics?: unknown[][]; markdown?: string };
}

function widgets(body: string): Widget[] {
  return (JSON.parse(body) as { widgets: Widget[] }).widgets;
}

function chart(body: string, title: string): unknown[][] {
  const widget = widgets(body).find((w) => w.properties.title === title);
  expect(widget, title).toBeDefined();
  return widget?.properties.metrics ?? [];
}

describe('dashboardBody', () => {
  it('is JSON with invocations, errors, latency in ms and CPU/memory for a real-time endpoint', () => {
    const body = dashboardBody(INPUT);
    const dims = ['EndpointName', 'churn', 'VariantName', 'AllTraffic'];
    expect(chart(body, 'Invocations')).toEqual([
      ['AWS/SageMaker', 'Invocations', ...dims, { label: 'Invocations AllTraffic' }],
    ]);
    expect(chart(body, 'Errors').map((line) => line[1])).toEqual(['Invocation4XXErrors', 'Invocation5XXErrors']);
    expect(chart(body, 'Model latency (ms)')).toEqual([
      ['AWS/SageMaker', 'ModelLatency', ...dims, { stat: 'p50', id: 'p50v0', visible: false }],
      [{ expression: 'p50v0 / 1000', label: 'p50 AllTraffic (ms)', id: 'msp50v0' }],
      ['AWS/SageMaker', 'ModelLatency', ...dims, { stat: 'p90', id: 'p90v0', visible: false }],
      [{ expression: 'p90v0 / 1000', label: 'p90 AllTraffic (ms)', id: 'msp90v0' }],
      ['AWS/SageMaker', 'ModelLatency', ...dims, { stat: 'p99', id: 'p99v0', visible: false }],
      [{ expression: 'p99v0 / 1000', label: 'p99 AllTraffic (ms)', id: 'msp99v0' }],
    ]);
    expect(chart(body, 'CPU and memory use (%)').map((line) => [line[0], line[1]])).toEqual([
      ['/aws/sagemaker/Endpoints', 'CPUUtilization'],
      ['/aws/sagemaker/Endpoints', 'MemoryUtilization'],
    ]);
    for (const widget of widgets(body).filter((w) => w.type === 'metric')) {
      expect(widget.properties.region).toBe(REGION);
    }
  });

  it('has no CPU chart for a serverless endpoint, and a line per variant', () => {
    const body = dashboardBody({ ...INPUT, kind: 'serverless', variantNames: ['a', 'b'] });
    expect(widgets(body).map((w) => w.properties.title)).toEqual([
      undefined,
      'Invocations',
      'Errors',
      'Model latency (ms)',
    ]);
    expect(chart(body, 'Invocations').map((line) => line[5])).toEqual(['a', 'b']);
  });
});

describe('dashboardUrl', () => {
  it('points at the console of the region’s partition', () => {
    expect(dashboardUrl('modelship-churn', 'eu-west-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/modelship-churn',
    );
    expect(dashboardUrl('modelship-churn', 'cn-north-1')).toBe(
      'https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/modelship-churn',
    );
    expect(dashboardUrl('modelship-churn', 'us-iso-east-1')).toBeUndefined();
  });
});

describe('planDashboard', () => {
  async function run(steps: PlanStep[]) {
    return applyPlan({ name: 'churn', target: 't', steps }, FAST);
  }

  it('creates the dashboard with its URL as output, then plans none', async () => {
    const step = await planDashboard(aws, INPUT);
    expect(step).toMatchObject({ id: 'dashboard', action: 'create' });
    const result = await run([step]);
    expect(result.outputs.get('dashboard')).toEqual({
      dashboardName: 'modelship-churn',
      url: dashboardUrl('modelship-churn', REGION),
    });
    expect(fake.dashboards.get('modelship-churn')).toBe(dashboardBody(INPUT));
    const again = await planDashboard(aws, INPUT);
    expect(again).toMatchObject({ action: 'none', existingOutput: result.outputs.get('dashboard') });
  });

  it('updates when the variants change, and undo puts the previous body back', async () => {
    await run([await planDashboard(aws, INPUT)]);
    const previous = fake.dashboards.get('modelship-churn');
    const update = await planDashboard(aws, { ...INPUT, variantNames: ['blue', 'green'] });
    expect(update.action).toBe('update');
    const boom: PlanStep = {
      id: 'boom',
      resource: { kind: 'test', name: 'boom' },
      action: 'create',
      reason: 'fails',
      dependsOn: ['dashboard'],
      apply: async () => {
        throw new InvalidArgumentError('boom', 'fails');
      },
    };
    await expect(run([update, boom])).rejects.toThrow();
    expect(fake.dashboards.get('modelship-churn')).toBe(previous);
  });

  it('refuses to replace a dashboard someone else made', async () => {
    fake.dashboards.set('modelship-churn', JSON.stringify({ widgets: [] }));
    await expect(planDashboard(aws, INPUT)).rejects.toThrow(ConflictError);
    fake.dashboards.set('modelship-churn', dashboardBody({ ...INPUT, deployment: 'churn-v2' }));
    await expect(planDashboard(aws, INPUT)).rejects.toThrow(ConflictError);
  });

  it('destroys its own dashboard, twice safely', async () => {
    await run([await planDashboard(aws, INPUT)]);
    const steps = await destroyDashboard(aws, { endpointName: 'churn', deployment: 'churn' });
    expect(steps.map((s) => [s.id, s.action])).toEqual([['delete-dashboard', 'delete']]);
    await run(steps);
    expect(fake.dashboards.size).toBe(0);
    expect(await destroyDashboard(aws, { endpointName: 'churn', deployment: 'churn' })).toEqual([]);
    await expect(run(steps)).resolves.toMatchObject({ changed: true }); // already gone counts as done
  });
});
