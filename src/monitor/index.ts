/**
 * Monitoring of SageMaker endpoints: the `.monitor(...)` options, CloudWatch alarms and dashboard as plan steps,
 * typed metric series, and a billing alarm. Pure building blocks: the SageMaker target puts them in its plans.
 */
export {
  ALARM_KINDS,
  type AlarmDefinition,
  type AlarmKind,
  alarmDefinitions,
  alarmName,
  alarmPrefix,
  rollbackAlarmNames,
} from './alarm-specs.js';
export type { AlarmOutput } from './alarm-step.js';
export { type DestroyAlarmsInput, destroyAlarms, type PlanAlarmsInput, planAlarms } from './alarms.js';
export {
  BILLING_REGION,
  BILLING_STEP_ID,
  type BillingAlarmOptions,
  billingDefinition,
  destroyBillingAlarm,
  planBillingAlarm,
} from './billing.js';
export {
  DASHBOARD_STEP_ID,
  type DashboardOutput,
  DELETE_DASHBOARD_STEP_ID,
  dashboardBody,
  dashboardName,
  dashboardUrl,
  destroyDashboard,
  type PlanDashboardInput,
  planDashboard,
} from './dashboard.js';
export { type EndpointMetrics, type EndpointMetricsQuery, endpointMetrics, type MetricSeries } from './metrics.js';
export {
  checkMonitor,
  checkNotifyRegion,
  checkTopics,
  DEFAULT_EVALUATION_PERIODS,
  DEFAULT_PERIOD_S,
  type MonitorOptions,
  type MonitorSettings,
  type MonitorTarget,
} from './options.js';
