// Needs an AWS account: creates an IAM role, a Lambda function and an API Gateway HTTP API.
/**
 * A handler model on AWS Lambda behind an API Gateway HTTP API, end to end: modelship packages the function (its
 * runtime and the handler), creates it with a least-privilege role, publishes a version behind the `live` alias and
 * exposes the alias as the route `POST /invocations` of an HTTP API (`modelship-<function>`, stage `$default`)
 * with AWS_IAM auth. The example calls the route as a backend would (SigV4-signed for `execute-api`, through
 * `modelship/predictor/lambda`), then removes the API, the function and the role.
 *
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-http-api.ts                          # prints the plan only
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-http-api.ts --apply                  # deploys, calls, removes
 *   AWS_REGION=eu-west-1 npx tsx examples/lambda-http-api.ts my-handler.mjs --apply   # your handler instead
 *
 * Without a handler it writes a small churn scorer to a temporary folder. The plan packages the handler and reads
 * what exists in the account; it changes nothing. The caller's credentials need `execute-api:Invoke` on the API.
 * The function and API cost fractions of a cent for what the example sends.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AwsConfig,
  type DeployEvent,
  formatPlan,
  Lambda,
  type LambdaDependencies,
  Model,
  type PollOptions,
} from '../src/index.js';
import { LambdaUrlTransport } from '../src/predict/transports/lambda/index.js'; // modelship/predictor/lambda
import { Predictor } from '../src/predictor.js'; // modelship/predictor
import type { HttpApiOutput } from '../src/targets/lambda/index.js';
import { requireAwsCredentials } from './support/require-aws.js';

interface Customer {
  readonly tenureMonths: number;
  readonly monthlyCharges: number;
}
interface Scores {
  readonly churn: number[];
}

const CUSTOMERS: Customer[] = [
  { tenureMonths: 2, monthlyCharges: 95 },
  { tenureMonths: 60, monthlyCharges: 20 },
];

/** A stand-in model: short tenure and high charges churn. A handler exports `predict(input)`. */
const CHURN_HANDLER = `export async function predict(customers) {
  const churn = customers.map((c) => Math.round(Math.min(1, Math.max(0, 0.9 - c.tenureMonths / 60 + c.monthlyCharges / 500)) * 100) / 100);
  return { churn };
}
`;

export interface LambdaHttpApiExampleOptions {
  /** A handler module. @default the churn scorer above, written to a temporary folder */
  readonly handlerPath?: string;
  /** Deploy, call and remove; otherwise print the plan only. */
  readonly apply: boolean;
  readonly aws?: AwsConfig;
  readonly log?: (line: string) => void;
  /** Replaces the packager (the tests' fakes). */
  readonly lambda?: LambdaDependencies;
  /** How often `deploy()` polls Lambda. @default the engine's (1 s, growing) */
  readonly poll?: PollOptions;
  /** The `fetch` the HTTP API is called with. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export async function main(options: LambdaHttpApiExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const progress = (event: DeployEvent) => {
    if (event.type === 'step-waiting') log(`  … ${event.step.resource.name}: ${event.status}`);
    if (event.type === 'step-done') log(`  ✓ ${event.step.resource.kind} ${event.step.resource.name}`);
  };
  const apply = { onEvent: progress, ...(options.poll === undefined ? {} : { poll: options.poll }) };
  const handlerPath = options.handlerPath ?? (await churnHandler());

  const target = Lambda({ memoryMb: 512, timeoutS: 10, expose: 'http-api', createRole: true }, options.lambda);
  const builder = Model.fromHandler(handlerPath).deployTo(target).withName('churn-http').withTags({ team: 'ml' });
  const churn = options.aws === undefined ? builder : builder.withAws(options.aws);

  log(formatPlan(await churn.plan()));
  if (!options.apply) return;

  log('Deploying');
  const deployment = await churn.deploy(apply);
  try {
    // The route as a backend calls it: `modelship/predictor/lambda`, each request signed with SigV4.
    const api = deployment.outputs.get('http-api') as HttpApiOutput;
    log(`HTTP API ${api.apiId}: POST ${api.url} (auth ${api.authType})`);
    const transport = new LambdaUrlTransport({
      url: api.url,
      auth: api.authType === 'AWS_IAM' ? 'iam' : 'none',
      // API Gateway checks signatures for execute-api, not lambda (the region comes from the hostname).
      service: 'execute-api',
      // Without credentials: the AWS SDK's default chain (AWS_PROFILE, SSO, an instance or task role…).
      ...(options.aws?.credentials === undefined ? {} : { credentials: options.aws.credentials }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    const viaApi = new Predictor<Customer[], Scores>({ transport });
    const scores = await viaApi.predict(CUSTOMERS);
    log(`churn scores: ${scores.churn.join(', ')}`);
  } finally {
    log('Tearing down');
    await deployment.destroy(apply);
  }
}

/** The churn scorer, written to a new temporary folder. */
async function churnHandler(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'modelship-lambda-http-api-')), 'churn.mjs');
  await writeFile(path, CHURN_HANDLER);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('lambda-http-api', {
    cost: 'fractions of a cent: Lambda and HTTP APIs are billed per request, nothing while idle; without --apply it only reads.',
  });
  const args = process.argv.slice(2);
  const handlerPath = args.find((arg) => !arg.startsWith('--'));
  await main({ ...(handlerPath === undefined ? {} : { handlerPath }), apply: args.includes('--apply') });
}
