/**
 * Drift: baselines of training data, and reports comparing current data (local rows, or an endpoint's data
 * capture in S3) with them by the population stability index, the Kolmogorov–Smirnov test and the chi-square
 * test.
 *
 * @packageDocumentation
 */
export {
  Baseline,
  type BaselineJSON,
  type BaselineOptions,
  type CategoricalFeatureBaseline,
  type FeatureBaseline,
  type NumericFeatureBaseline,
} from './baseline.js';
export type { CaptureReadOptions, CaptureSource } from './capture-read.js';
export type { CaptureInput, CaptureParser, CapturePayload, CaptureRecord } from './capture-record.js';
export type {
  CategoricalFeatureDrift,
  DriftThresholds,
  FeatureDrift,
  NumericFeatureDrift,
  ResolvedThresholds,
} from './compare.js';
export { compareToBaseline, type DriftCaptureOptions, DriftReport, type DriftReportData } from './report.js';
export type { DriftRow, FeatureValue } from './rows.js';
