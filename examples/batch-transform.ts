// Needs an AWS account only with --sagemaker: the default run is offline, on the Local target.
/**
 * A batch transform job: the iris model over a folder of CSV files, line by line, with an id column dropped before
 * the model and joined back after it. Runs offline on Local by default, so the job can be checked before paying
 * for instances; `--sagemaker` plans the same job on SageMaker and prints the plan and the CreateTransformJob
 * request (add `--run` to start it; needs AWS credentials, `--input`, `--output`, `--model` and `--role`).
 *
 *   npx tsx examples/batch-transform.ts
 *   npx tsx examples/batch-transform.ts --sagemaker --model s3://…/model.tar.gz --input s3://…/in/ --output s3://…/out/ --role arn:…
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIris, writeIrisModel } from '../scripts/make-iris-model.js';
import { AwsContext } from '../src/aws/context.js';
import {
  type BatchTransformOptions,
  planSageMakerTransform,
  runLocalTransform,
  runSageMakerTransform,
} from '../src/batch/index.js';
import { formatPlan } from '../src/deploy/format.js';
import { Model } from '../src/deploy/model.js';
import { requireAwsCredentials } from './support/require-aws.js';

const CLASSES = ['setosa', 'versicolor', 'virginica'];

/** Runs the example; `argv` as after `node examples/batch-transform.ts`. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sagemaker: { type: 'boolean', default: false },
      run: { type: 'boolean', default: false },
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
    },
  });
  const job: Omit<BatchTransformOptions, 'input' | 'output'> = {
    instanceType: 'ml.m5.large',
    contentType: 'text/csv',
    accept: 'text/csv',
    splitType: 'Line',
    batchStrategy: 'MultiRecord',
    inputFilter: '$[1:]', // the model sees the 4 measurements, not the id
    joinSource: 'Input', // the output rows start with the input row, id included
    outputFilter: '$[0,5,6,7]', // id and the three class probabilities
  };
  if (values.sagemaker) return sageMaker(job, values);

  const dir = await mkdtemp(join(tmpdir(), 'modelship-batch-example-'));
  try {
    const modelPath = join(dir, 'iris.onnx');
    await writeIrisModel(modelPath);
    const input = join(dir, 'in');
    await mkdir(input);
    const { x } = loadIris();
    // Two files, one row per line, an id first: what an export from a database often looks like.
    const rows = x.map((row, i) => [`id-${i + 1}`, ...row].join(','));
    await writeFile(join(input, 'part-1.csv'), `${rows.slice(0, 75).join('\n')}\n`);
    await writeFile(join(input, 'part-2.csv'), `${rows.slice(75).join('\n')}\n`);

    const running = await runLocalTransform(
      Model.fromFile(modelPath).source,
      {
        ...job,
        input,
        output: join(dir, 'out'),
        jobName: 'iris-batch-local',
      },
      {
        onEvent: (event) => {
          if (event.type === 'step-progress') console.log(`progress: ${event.status}`);
        },
      },
    );
    const result = await running.wait();
    console.log(`job ${result.name}: ${result.status}, ${result.records} records → ${result.outputs?.length} files`);
    const first = (await readFile(join(dir, 'out', 'part-1.csv.out'), 'utf8')).split('\n').slice(0, 3);
    for (const line of first) {
      const [id, ...probabilities] = line.split(',');
      const scores = probabilities.map(Number);
      console.log(`${id} → ${CLASSES[scores.indexOf(Math.max(...scores))]} (${line})`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function sageMaker(
  job: Omit<BatchTransformOptions, 'input' | 'output'>,
  values: { run?: boolean; model?: string; input?: string; output?: string; role?: string; region?: string },
): Promise<void> {
  const { model, input, output, role, region } = values;
  if (!model || !input || !output || !role) {
    throw new Error(
      '--sagemaker needs --model s3://…/model.tar.gz, --input s3://…/, --output s3://…/ and --role arn:…',
    );
  }
  const source = Model.fromS3(model, { framework: 'sklearn', frameworkVersion: '1.2-1' }).source;
  const options = { ...job, input, output, role };
  const aws = new AwsContext({ region: region ?? 'us-east-1' });
  const { plan, request } = await planSageMakerTransform(source, options, aws);
  console.log(formatPlan(plan));
  console.log(JSON.stringify(request, null, 2));
  if (!values.run) return;
  const running = await runSageMakerTransform(
    source,
    { ...options, jobName: request.TransformJobName },
    {
      aws,
      onEvent: (event) => {
        if (event.type === 'step-waiting') console.log(`${event.step.id}: ${event.status}`);
      },
    },
  );
  console.log(`job ${running.name} → ${running.outputLocation}`);
  await running.wait();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--sagemaker')) {
    await requireAwsCredentials('batch-transform', {
      cost: 'with --run, ml.m5.large instances billed per second for the length of the transform job; without --run it only reads.',
    });
  }
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
