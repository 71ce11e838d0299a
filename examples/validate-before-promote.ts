/**
 * Validate before promoting: deploy a model, check it answers correctly, fast enough and at the rate needed, and
 * fail the CI job when it does not. Offline: the repo's iris model on the Local target.
 *
 *   npx tsx examples/validate-before-promote.ts                     # exits 0 when every gate passes
 *   npx tsx examples/validate-before-promote.ts --p99-ms 0.001      # a gate no model meets: exits 1
 *
 * In a pipeline, run the same validation against the staging endpoint (`SageMaker.realtime(…)`) and promote the
 * model in the registry only when the report passed; keep `report.toJSON()` with the model version as evidence.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIris, writeIrisModel } from '../scripts/make-iris-model.js';
import { Local, Model, type ValidationReport, validatePredictor } from '../src/index.js';

type Row = [number, number, number, number];
interface IrisOutput {
  readonly predictions: { readonly label: number; readonly probabilities: number[] }[];
}

/** The gates; the defaults hold on any laptop. */
export interface ValidateExampleOptions {
  /** Where to write the iris model. @default .tmp/models/iris.onnx */
  readonly modelPath?: string;
  /** @default 0.95 */
  readonly minAccuracy?: number;
  /** @default 50 */
  readonly p99Ms?: number;
  /** @default 50 */
  readonly minRps?: number;
  /** How long the load phase lasts, in seconds. @default 1 */
  readonly durationS?: number;
  readonly log?: (line: string) => void;
}

/** Deploys iris locally, validates it, prints the report and returns it; the deployment is removed at the end. */
export async function main(options: ValidateExampleOptions = {}): Promise<ValidationReport> {
  const log = options.log ?? console.log;
  const modelPath = options.modelPath ?? '.tmp/models/iris.onnx';
  await writeIrisModel(modelPath);
  await using deployment = await Model.fromFile(modelPath).deployTo(Local()).withName('iris-candidate').deploy();

  const { x, y } = loadIris();
  const report = await validatePredictor(deployment.predictor<Row[], IrisOutput>(), {
    // One flower per request, so the latency gate is about one prediction.
    samples: x.map((row) => [row as Row]),
    expected: y,
    accuracy: {
      metric: 'accuracy',
      prediction: (output) => output.predictions[0]?.label,
      min: options.minAccuracy ?? 0.95,
    },
    latency: { p99Ms: options.p99Ms ?? 50 },
    throughput: { minRps: options.minRps ?? 50, concurrency: 4, durationS: options.durationS ?? 1 },
  });
  log(report.toText());
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      'min-accuracy': { type: 'string' },
      'p99-ms': { type: 'string' },
      'min-rps': { type: 'string' },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const report = await main({
    minAccuracy: number(values['min-accuracy']),
    p99Ms: number(values['p99-ms']),
    minRps: number(values['min-rps']),
  });
  // A failed gate fails the job: the pipeline stops before the model is promoted.
  if (!report.passed) process.exitCode = 1;
}
