// Needs an AWS account: creates an IAM role, a Lambda function, its alias and a Function URL.
/**
 * An ONNX model on AWS Lambda behind a Function URL, end to end: modelship packages the function (its runtime, the
 * model and onnxruntime-node for arm64), creates it with a least-privilege role, publishes a version behind the
 * `live` alias, and exposes the alias through a Function URL with AWS_IAM auth. The example then calls the model
 * through `Invoke` (the deployment's predictor) and through the URL (signed with SigV4, as a backend would call it),
 * rolls out a change as a 10% canary, and removes everything.
 *
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-function-url.ts                       # prints the plan only
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-function-url.ts --apply               # deploys, calls, updates, removes
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-function-url.ts model.onnx --apply    # your model instead of iris
 *
 * Without a model path it writes the repo's iris classifier (scripts/make-iris-model.ts). The plan packages the
 * model and reads what exists in the account; it changes nothing. ROLLBACK_ALARM names a CloudWatch alarm that
 * rolls the canary back when it fires (docs/lambda.md says which alarm sees model errors). The canary runs for
 * 5 minutes; the function costs fractions of a cent for what the example sends.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeIrisModel } from '../scripts/make-iris-model.js';
import {
  type AwsConfig,
  type DeployEvent,
  formatPlan,
  Lambda,
  type LambdaAliasOutput,
  type LambdaDependencies,
  type LambdaFunctionUrlOutput,
  type LambdaOptions,
  Model,
  type PollOptions,
} from '../src/index.js';
import { LambdaUrlTransport } from '../src/predict/transports/lambda/index.js'; // modelship/predictor/lambda
import { Predictor } from '../src/predictor.js'; // modelship/predictor
import { requireAwsCredentials } from './support/require-aws.js';

type Row = [number, number, number, number];
interface Scores {
  readonly predictions: { readonly probabilities: number[]; readonly label: number }[];
}

const IRIS = ['setosa', 'versicolor', 'virginica'];
const ROWS: Row[] = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
];

export interface LambdaFunctionUrlExampleOptions {
  /** An `.onnx` file. @default the iris classifier, written to a temporary folder */
  readonly modelPath?: string;
  /** Deploy, call, update and remove; otherwise print the plan only. */
  readonly apply: boolean;
  /** A CloudWatch alarm watched during the canary. @default none */
  readonly rollbackAlarm?: string;
  readonly aws?: AwsConfig;
  readonly log?: (line: string) => void;
  /** Replaces the packager or the canary's clock (the tests' fakes). */
  readonly lambda?: LambdaDependencies;
  /** How often `deploy()` polls Lambda. @default the engine's (1 s, growing) */
  readonly poll?: PollOptions;
  /** The `fetch` the Function URL is called with. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export async function main(options: LambdaFunctionUrlExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const progress = (event: DeployEvent) => {
    if (event.type === 'step-waiting') log(`  … ${event.step.resource.name}: ${event.status}`);
    if (event.type === 'step-done') log(`  ✓ ${event.step.resource.kind} ${event.step.resource.name}`);
  };
  const apply = { onEvent: progress, ...(options.poll === undefined ? {} : { poll: options.poll }) };
  const modelPath = options.modelPath ?? (await irisModel());

  const target = (changes: Partial<LambdaOptions> = {}) =>
    Lambda(
      { memoryMb: 1024, timeoutS: 30, architecture: 'arm64', expose: 'function-url', createRole: true, ...changes },
      options.lambda,
    );
  const iris = (changes?: Partial<LambdaOptions>) => {
    const builder = Model.fromFile(modelPath)
      .deployTo(target(changes))
      .withName('iris-lambda')
      .withTags({ team: 'ml' });
    return options.aws === undefined ? builder : builder.withAws(options.aws);
  };

  log(formatPlan(await iris().plan()));
  if (!options.apply) return;

  log('Deploying');
  const deployment = await iris().deploy(apply);
  try {
    // 1. Invoke on the live alias, with the deployment's region and credentials; retries throttling and 5xx.
    const viaInvoke = deployment.predictor<Row[], Scores>();
    const invoked = await viaInvoke.predict(ROWS);
    log(`Invoke: ${invoked.predictions.map((p) => IRIS[p.label]).join(', ')}`);

    // 2. The Function URL, as a backend calls it: `modelship/predictor/lambda`, requests signed with SigV4.
    const url = deployment.outputs.get('function-url') as LambdaFunctionUrlOutput;
    const alias = deployment.outputs.get('alias') as LambdaAliasOutput;
    log(`Function URL: ${url.url} (auth ${url.authType}, serves ${alias.functionName}:${alias.qualifier})`);
    const transport = new LambdaUrlTransport({
      url: url.url,
      auth: url.authType === 'AWS_IAM' ? 'iam' : 'none',
      // A lambda-url hostname names both; given here so that a custom domain in front of the URL works the same.
      service: 'lambda',
      region: alias.aliasArn.split(':')[3],
      // Without credentials: the AWS SDK's default chain (AWS_PROFILE, SSO, an instance or task role…).
      ...(options.aws?.credentials === undefined ? {} : { credentials: options.aws.credentials }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    const viaUrl = new Predictor<Row[], Scores>({ transport });
    const fetched = await viaUrl.predict(ROWS);
    log(`Function URL: ${fetched.predictions.map((p) => IRIS[p.label]).join(', ')}`);

    // 3. A change: a new version that takes 10% of the live alias's requests for 5 minutes, then all of them.
    log('Updating: 2048 MB, 10% canary for 5 minutes, rolled back if the alarm fires');
    const rollbackAlarms = options.rollbackAlarm === undefined ? [] : [options.rollbackAlarm];
    const updated = await iris({ memoryMb: 2048, rollout: { canaryPercent: 10, waitS: 300, rollbackAlarms } }).deploy(
      apply,
    );
    const live = updated.outputs.get('alias') as LambdaAliasOutput;
    log(`updated: the live alias serves version ${live.version} (was ${alias.version})`);
    log(`after the update: ${(await viaInvoke.predict(ROWS)).predictions.map((p) => IRIS[p.label]).join(', ')}`);
  } finally {
    log('Tearing down');
    await deployment.destroy(apply);
  }
}

/** The repo's iris classifier, written to a new temporary folder. */
async function irisModel(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'modelship-lambda-example-')), 'iris.onnx');
  await writeIrisModel(path);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('lambda-function-url', {
    cost: 'fractions of a cent: Lambda is billed per request and per GB-second, nothing while idle; without --apply it only reads.',
  });
  const args = process.argv.slice(2);
  const modelPath = args.find((arg) => !arg.startsWith('--'));
  await main({
    ...(modelPath === undefined ? {} : { modelPath }),
    apply: args.includes('--apply'),
    ...(process.env.ROLLBACK_ALARM ? { rollbackAlarm: process.env.ROLLBACK_ALARM } : {}),
  });
}
