/**
 * The plan step of an endpoint's CloudWatch dashboard: `PutDashboard` creates or replaces it whole, so the plan
 * compares the body with what is there, and undo puts the previous body back (or deletes a new dashboard).
 * Dashboards take no tags, so the dashboard's header names the deployment that owns it.
 */
import { partitionOf } from '../aws/arn.js';
import type { AwsContext } from '../aws/context.js';
import type { PlanStep } from '../deploy/plan.js';
import { ConflictError } from '../errors.js';
import { CloudWatchApi } from './cloudwatch-api.js';
import { type DashboardSubject, dashboardBody, dashboardName, ownerMarker } from './dashboard-body.js';

export { type DashboardSubject, dashboardBody, dashboardName } from './dashboard-body.js';

/** What {@link planDashboard} needs. */
export interface PlanDashboardInput extends DashboardSubject {
  /** @default [] */
  readonly dependsOn?: readonly string[];
}

/** The output of the dashboard step. */
export interface DashboardOutput {
  readonly dashboardName: string;
  /** Where to open it in the AWS console; `undefined` in partitions without a public console. */
  readonly url: string | undefined;
}

/** The step id of the dashboard in a deploy plan. */
export const DASHBOARD_STEP_ID = 'dashboard';
/** The step id of the dashboard in a destroy plan. */
export const DELETE_DASHBOARD_STEP_ID = 'delete-dashboard';

const KIND = 'CloudWatch dashboard';
const CONSOLE_HOSTS: Partial<Record<ReturnType<typeof partitionOf>, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/**
 * The console address of a dashboard in `region`, e.g.
 * `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/modelship-churn`;
 * `undefined` for partitions whose console modelship does not know (the isolated regions).
 */
export function dashboardUrl(name: string, region: string): string | undefined {
  const host = CONSOLE_HOSTS[partitionOf(region)];
  if (host === undefined) return undefined;
  return `https://${region}.${host}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}

/**
 * The step (id `dashboard`) that makes the endpoint's dashboard `modelship-<endpoint>` show what `input` says:
 * create, update or none. Outputs a {@link DashboardOutput}.
 *
 * @throws {@link ConflictError} when a dashboard of that name exists and another deployment (or a person) made it.
 */
export async function planDashboard(aws: AwsContext, input: PlanDashboardInput): Promise<PlanStep> {
  const api = new CloudWatchApi(aws);
  const name = dashboardName(input.endpointName);
  const body = dashboardBody(input);
  const previous = await api.dashboardBody(name);
  const output: DashboardOutput = { dashboardName: name, url: dashboardUrl(name, input.region) };
  const base = { id: DASHBOARD_STEP_ID, resource: { kind: KIND, name }, dependsOn: input.dependsOn ?? [] };
  if (previous === undefined) {
    return {
      ...base,
      action: 'create',
      reason: `dashboard ${name} does not exist; shows invocations, errors and latency of endpoint ${input.endpointName}`,
      async apply(ctx): Promise<DashboardOutput> {
        await api.putDashboard(name, body, ctx.signal);
        return output;
      },
      undo: (ctx) => api.deleteDashboard(name, ctx.signal),
    };
  }
  if (!ownedBy(previous, input.deployment)) {
    throw new ConflictError(
      `CloudWatch dashboard ${name} exists but was not made by the modelship deployment "${input.deployment}", so ` +
        'modelship does not replace it. Delete or rename it, or pass monitor({ dashboard: false }).',
    );
  }
  if (canonical(previous) === canonical(body)) {
    return { ...base, action: 'none', reason: `dashboard ${name} already shows this endpoint`, existingOutput: output };
  }
  return {
    ...base,
    action: 'update',
    reason: `dashboard ${name} shows other metrics than this deployment needs (variants or endpoint kind changed)`,
    async apply(ctx): Promise<DashboardOutput> {
      await api.putDashboard(name, body, ctx.signal);
      return output;
    },
    undo: (ctx) => api.putDashboard(name, previous, ctx.signal),
  };
}

/**
 * The steps (id `delete-dashboard`) that delete the endpoint's dashboard if this deployment made it; none when
 * there is no such dashboard, so a second destroy plans nothing.
 */
export async function destroyDashboard(
  aws: AwsContext,
  input: { readonly endpointName: string; readonly deployment: string; readonly dependsOn?: readonly string[] },
): Promise<PlanStep[]> {
  const api = new CloudWatchApi(aws);
  const name = dashboardName(input.endpointName);
  const previous = await api.dashboardBody(name);
  if (previous === undefined || !ownedBy(previous, input.deployment)) return [];
  return [
    {
      id: DELETE_DASHBOARD_STEP_ID,
      resource: { kind: KIND, name },
      action: 'delete',
      reason: `dashboard ${name} is removed with deployment ${input.deployment}`,
      dependsOn: input.dependsOn ?? [],
      async apply(ctx) {
        await api.deleteDashboard(name, ctx.signal);
        return { dashboardName: name };
      },
      undo: (ctx) => api.putDashboard(name, previous, ctx.signal),
    },
  ];
}

/** True when the dashboard's header names `deployment` as its owner. */
function ownedBy(body: string, deployment: string): boolean {
  const marker = `(${ownerMarker(deployment)})`;
  try {
    const parsed = JSON.parse(body) as { widgets?: { type?: unknown; properties?: { markdown?: unknown } }[] };
    return (parsed.widgets ?? []).some(
      (widget) =>
        widget.type === 'text' &&
        typeof widget.properties?.markdown === 'string' &&
        widget.properties.markdown.includes(marker),
    );
  } catch {
    return false; // not JSON: not a body modelship wrote
  }
}

/** A JSON text with its object keys sorted, so two bodies compare equal whatever order CloudWatch keeps keys in. */
function canonical(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
    );
  } catch {
    return text;
  }
}
