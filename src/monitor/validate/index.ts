/**
 * Validation of a deployed model before it is promoted or sent live traffic: accuracy, latency percentiles and
 * throughput against gates, as a report.
 *
 * @packageDocumentation
 */
export type { AccuracyResult } from './accuracy.js';
export type { LatencySummary } from './latency.js';
export type { ThroughputSummary } from './load.js';
export type { AccuracyGate, AccuracyMetric, LatencyGate, ThroughputGate, ValidationOptions } from './options.js';
export { type ValidationCheck, type ValidationErrors, ValidationReport, type ValidationReportData } from './report.js';
export { validatePredictor } from './validate.js';
