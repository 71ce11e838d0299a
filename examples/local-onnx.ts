/**
 * Serve an ONNX model on your laptop and call it three ways: the typed Predictor, plain HTTP with the SageMaker
 * container contract, and streaming from a JavaScript handler model.
 *
 *   npx tsx examples/local-onnx.ts [path/to/model.onnx]
 *
 * Without an argument it makes the repo's iris model first.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeIrisModel } from '../scripts/make-iris-model.js';
import { formatPlan, Local, type LocalServerOutput, Model, ModelError } from '../src/index.js';

async function serveOnnx(modelPath: string): Promise<void> {
  const builder = Model.fromFile(modelPath).deployTo(Local({ batching: { maxDelayMs: 1, maxBatchSize: 128 } }));
  console.log(formatPlan(await builder.plan()));

  await using deployment = await builder.deploy();
  const { url, endpointName } = deployment.outputs.get('start-server') as LocalServerOutput;

  // 1. The typed predictor: the real SageMaker Runtime client underneath, with retries and payload checks.
  const model = deployment.predictor<number[][], { predictions: unknown[] }>();
  console.log('predictor:', JSON.stringify(await model.predict([[5.1, 3.5, 1.4, 0.2]])));

  // 2. The SageMaker serving-container contract, as SageMaker itself calls a container: GET /ping, POST /invocations.
  console.log('ping:', (await fetch(`${url}/ping`)).status);
  const csv = await fetch(`${url}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'text/csv; output=label' },
    body: '5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n',
  });
  console.log('labels as CSV:', JSON.stringify(await csv.text()));

  // 3. Bad input is the model's error, with the status the model gave, exactly as SageMaker reports it.
  try {
    await model.predict([[1, 2, 3]]);
  } catch (error) {
    if (error instanceof ModelError) console.log(`model error ${error.originalStatusCode}: ${error.originalMessage}`);
    else throw error;
  }
  console.log(`served at ${url}/endpoints/${endpointName}/invocations; destroyed at the end of the scope`);
}

async function streamFromHandler(): Promise<void> {
  // A handler model: anything ONNX cannot express. `predictStream` makes the endpoint stream its answer.
  const handlerPath = join(tmpdir(), `modelship-echo-${process.pid}.mjs`);
  await writeFile(
    handlerPath,
    `export async function predict(input) { return { words: String(input.text).split(' ').length }; }
export async function* predictStream(input) {
  for (const word of String(input.text).split(' ')) yield word + ' ';
}
`,
  );
  await using deployment = await Model.fromHandler(handlerPath).deployTo(Local()).deploy();
  const words = deployment.predictor<{ text: string }, { words: number }>();
  console.log('handler:', await words.predict({ text: 'ships models to production' }));
  process.stdout.write('streamed: ');
  for await (const chunk of words.predictStream({ text: 'one chunk per word' })) {
    process.stdout.write(new TextDecoder().decode(chunk));
  }
  process.stdout.write('\n');
}

const modelPath = process.argv[2] ?? '.tmp/models/iris.onnx';
if (process.argv[2] === undefined) await writeIrisModel(modelPath);
await serveOnnx(modelPath);
await streamFromHandler();
