/**
 * A release pipeline over a model registry, as a CI job runs it. Offline: a registry in a local folder, iris models
 * trained here, the Local target.
 *
 *   npx tsx examples/registry-promote-rollback.ts                          # a fresh registry in a temp folder
 *   npx tsx examples/registry-promote-rollback.ts --registry .tmp/registry  # a registry of yours: kept, numbers go on
 *   npx tsx examples/registry-promote-rollback.ts --min-accuracy 0.99       # a gate no candidate meets: exits 1
 *
 * Each candidate is registered with its metrics and lineage, `staging` is pointed at it, `iris@staging` is deployed
 * and validated (accuracy and latency gates), and only a candidate that passes every gate is approved and promoted
 * `staging` → `production`; one that fails is rejected and production does not move. Then an incident: the
 * production deployment is rolled back with `deployment.rollback()`, which moves the alias back and redeploys.
 *
 * On AWS the script is the same with `Registry.s3({ bucket, prefix })` or `Registry.sagemaker({ artifactBucket })`
 * and `SageMaker.realtime({ … })` in place of `Local()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IRIS_CLASSES, IRIS_FEATURES, loadIris } from '../scripts/make-iris-model.js';
import { classifierModel } from '../scripts/onnx/models.js';
import { encodeModel } from '../scripts/onnx/proto.js';
import { type TrainOptions, trainClassifier } from '../scripts/onnx/train.js';
import { writeFileAtomic } from '../scripts/onnx/write.js';
import {
  type ApprovalStatus,
  isModelshipError,
  Local,
  Model,
  type ModelVersion,
  Registry,
  type ValidationReport,
} from '../src/index.js';

type Row = [number, number, number, number];
interface IrisOutput {
  readonly predictions: { readonly label: number; readonly probabilities: number[] }[];
}

/** The options of {@link main}. */
export interface RegistryExampleOptions {
  /** The registry folder (created when missing). An existing registry is used as it is: its numbers go on. */
  readonly registryDir: string;
  /** The accuracy a candidate must reach on the iris data set. @default 0.95 */
  readonly minAccuracy?: number;
  /** The p99 latency a candidate must stay under, one flower per request. @default 100 */
  readonly p99Ms?: number;
  readonly log?: (line: string) => void;
}

/** What became of one candidate. */
export interface Release {
  readonly candidate: string;
  readonly version: string;
  /** The validated accuracy on the iris data set. */
  readonly accuracy: number;
  readonly passed: boolean;
  readonly approval: ApprovalStatus;
}

/** What {@link main} did. */
export interface RegistryExampleResult {
  readonly releases: readonly Release[];
  /** The version `iris@production` pointed to before the rollback. */
  readonly rolledBackFrom: string | undefined;
  /** The version `iris@production` points to at the end. */
  readonly production: string | undefined;
}

/** Three training runs of the same network: the repo's iris model, a hurried one, and a smaller good one. */
const CANDIDATES: readonly { readonly name: string; readonly training: TrainOptions }[] = [
  { name: 'baseline', training: { hidden: 8, epochs: 400, weightDecay: 0.003, seed: 42 } },
  { name: 'hurried', training: { hidden: 4, epochs: 15, seed: 1 } },
  { name: 'compact', training: { hidden: 4, epochs: 40, seed: 7 } },
];

/**
 * Releases the three candidates through `staging` into `production`, then rolls production back.
 * @returns what happened to each candidate, and where production points in the end.
 */
export async function main(options: RegistryExampleOptions): Promise<RegistryExampleResult> {
  const log = options.log ?? console.log;
  const gates = { minAccuracy: options.minAccuracy ?? 0.95, p99Ms: options.p99Ms ?? 100 };
  const registry = Registry.local(options.registryDir);
  // The training output is temporary: the registry keeps its own copy of every artifact it registers.
  const work = await mkdtemp(join(tmpdir(), 'modelship-candidates-'));
  const releases: Release[] = [];
  try {
    for (const candidate of CANDIDATES) {
      const path = join(work, `iris-${candidate.name}.onnx`);
      const trainingAccuracy = await trainIris(path, candidate.training);
      releases.push(await release(registry, candidate, path, trainingAccuracy, gates, log));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  log('\nVersions');
  for (const version of await allVersions(registry, 'iris')) {
    const approval = await registry.approval('iris', version.version);
    const held = (await registry.aliases('iris')).filter((a) => a.version === version.version).map((a) => a.alias);
    log(
      `  ${version.version.padStart(3)}  ${(version.metadata.candidate ?? '').padEnd(8)}  ${approval.padEnd(8)}  ` +
        `training accuracy ${version.metrics.training_accuracy?.toFixed(3)}${held.length > 0 ? `  ← ${held.join(', ')}` : ''}`,
    );
  }

  const before = await currentVersion(registry, 'production');
  if (before === undefined) {
    log('\nNo candidate reached production: nothing to roll back.');
    return { releases, rolledBackFrom: undefined, production: undefined };
  }
  log(`\nIncident: iris@production (version ${before}) misbehaves. Rolling back`);
  await using live = await (await Model.fromRegistry(registry, 'iris@production')).deployTo(Local()).deploy();
  log(`  serving iris@production: version ${live.registered?.version.version}`);
  try {
    await using previous = await live.rollback();
    log(`  deployment.rollback(): iris@production → version ${previous.registered?.version.version}, redeployed`);
  } catch (error) {
    // An alias that only ever pointed at one version has nothing to go back to: NOT_FOUND, and nothing moved.
    if (!isModelshipError(error) || error.code !== 'NOT_FOUND') throw error;
    log(`  nothing to roll back to: ${error.message}`);
  }

  log('\nHistory of iris');
  for (const event of await registry.history('iris')) {
    if (event.kind === 'registered') log(`  ${event.at}  registered version ${event.version}`);
    else {
      const from = event.from === undefined ? '' : ` from ${event.from}`;
      const previous = event.previous === undefined ? '' : ` (was ${event.previous})`;
      log(`  ${event.at}  ${event.alias} → ${event.version}: ${event.reason}${from}${previous}`);
    }
  }
  return { releases, rolledBackFrom: before, production: await currentVersion(registry, 'production') };
}

/** Register → staging → deploy and validate → approve and promote, or reject. */
async function release(
  registry: Registry,
  candidate: (typeof CANDIDATES)[number],
  path: string,
  trainingAccuracy: number,
  gates: { readonly minAccuracy: number; readonly p99Ms: number },
  log: (line: string) => void,
): Promise<Release> {
  const { hidden = 8, epochs = 600, seed = 42 } = candidate.training;
  const version = await registry.register(Model.fromFile(path, { framework: 'onnx' }), {
    name: 'iris',
    description: `Iris species from sepal and petal measurements: ${hidden} hidden units, ${epochs} epochs`,
    metrics: { training_accuracy: trainingAccuracy },
    metadata: { candidate: candidate.name, hidden: String(hidden), epochs: String(epochs) },
    lineage: { dataset: 'scripts/data/iris.csv', trainer: 'scripts/onnx/train.ts', seed: String(seed) },
    contentTypes: ['application/json'],
  });
  log(`\nCandidate ${candidate.name}: registered as iris version ${version.version}`);
  await registry.setAlias('iris', 'staging', version.version);

  const report = await validateStaging(registry, gates);
  const accuracy = report.accuracy?.value ?? 0;
  for (const check of report.checks) {
    const unit = check.unit === '' ? '' : ` ${check.unit}`;
    log(
      `  ${check.passed ? 'pass' : 'FAIL'}  ${check.name} ${round(check.actual)}${unit} ` +
        `(${check.comparison} ${round(check.limit)}${unit})`,
    );
  }
  if (!report.passed) {
    await registry.reject('iris', version.version);
    const production = await currentVersion(registry, 'production');
    log(`  ✗ rejected; iris@production stays at ${production === undefined ? 'nothing' : `version ${production}`}`);
    return { candidate: candidate.name, version: version.version, accuracy, passed: false, approval: 'rejected' };
  }
  await registry.approve('iris', version.version);
  try {
    const moved = await registry.promote('iris', { from: 'staging', to: 'production' });
    log(`  ✓ approved and promoted staging → production: iris@production → version ${moved.version}`);
  } catch (error) {
    // Another pipeline moved production (or staging) between our read and our write: nothing was changed. A CI job
    // fails here and is run again, deciding on what the registry says then.
    if (isModelshipError(error) && error.code === 'CONFLICT') log(`  ✗ not promoted: ${error.message}`);
    throw error;
  }
  return { candidate: candidate.name, version: version.version, accuracy, passed: true, approval: 'approved' };
}

/** Deploys `iris@staging` on Local, validates it against the whole data set, and removes it. */
async function validateStaging(
  registry: Registry,
  gates: { readonly minAccuracy: number; readonly p99Ms: number },
): Promise<ValidationReport> {
  const staging = await Model.fromRegistry(registry, 'iris@staging');
  await using deployment = await staging.deployTo(Local()).withName('iris-staging').deploy();
  const { x, y } = loadIris();
  // `return await`: the deployment is removed when this function returns, so the validation must be over by then.
  return await deployment.validate<Row[], IrisOutput, number>({
    // One flower per request, so the latency gate is about one prediction.
    samples: x.map((row) => [row as Row]),
    expected: y,
    accuracy: { metric: 'accuracy', prediction: (output) => output.predictions[0]?.label, min: gates.minAccuracy },
    latency: { p99Ms: gates.p99Ms },
  });
}

async function trainIris(path: string, training: TrainOptions): Promise<number> {
  const { x, y } = loadIris();
  const net = trainClassifier(x, y, training);
  const spec = classifierModel(net, {
    graphName: 'iris_mlp',
    classNames: IRIS_CLASSES,
    featureNames: IRIS_FEATURES,
    metadata: { training_accuracy: net.accuracy.toFixed(4) },
  });
  await writeFileAtomic(path, encodeModel(spec));
  return net.accuracy;
}

async function currentVersion(registry: Registry, alias: string): Promise<string | undefined> {
  return (await registry.aliases('iris')).find((a) => a.alias === alias)?.version;
}

async function allVersions(registry: Registry, name: string): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  let cursor: string | undefined;
  do {
    const page = await registry.list(name, cursor === undefined ? {} : { cursor });
    versions.push(...page.versions);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return versions;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      registry: { type: 'string' },
      'min-accuracy': { type: 'string' },
      'p99-ms': { type: 'string' },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const registryDir = values.registry ?? (await mkdtemp(join(tmpdir(), 'modelship-registry-')));
  try {
    const result = await main({
      registryDir,
      minAccuracy: number(values['min-accuracy']),
      p99Ms: number(values['p99-ms']),
    });
    // No candidate passed: the job fails, and production is where it was.
    if (!result.releases.some((r) => r.passed)) process.exitCode = 1;
  } finally {
    if (values.registry === undefined) await rm(registryDir, { recursive: true, force: true });
  }
}
