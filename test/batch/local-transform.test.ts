import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIris } from '../../scripts/make-iris-model.js';
import { runLocalTransform, TransformJobFailedError } from '../../src/batch/index.js';
import type { BatchTransformOptions } from '../../src/batch/options.js';
import type { DeployEvent } from '../../src/deploy/events.js';
import { Model } from '../../src/deploy/model.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { loadRunner } from '../../src/targets/local/load.js';
import { ensureTestModels } from '../support/models.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';

let dir: string;
let iris: string;
const rows = loadIris().x.slice(0, 12);
const csv = (data: number[][]) => `${data.map((row) => row.join(',')).join('\n')}\n`;

beforeAll(async () => {
  iris = (await ensureTestModels()).iris;
  dir = await mkdtemp(join(tmpdir(), 'modelship-batch-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text);
  return path;
}

/** What the model answers for each row on its own: the reference outputs. */
async function expected(data: number[][]): Promise<string[]> {
  const runner = await loadRunner({ runner: 'onnx', path: iris });
  const signal = new AbortController().signal;
  try {
    const lines: string[] = [];
    for (const row of data) {
      const out = await runner.invoke({
        body: new TextEncoder().encode(row.join(',')),
        contentType: 'text/csv',
        accept: 'text/csv',
        signal,
      });
      lines.push(new TextDecoder().decode(out.body).trim());
    }
    return lines;
  } finally {
    await runner.close();
  }
}

const base = (input: string, output: string): BatchTransformOptions => ({
  input,
  output,
  instanceType: 'ml.m5.large',
  contentType: 'text/csv',
  splitType: 'Line',
});

describe('runLocalTransform on a folder', () => {
  it('transforms every file line by line in mini-batches, the same as one row at a time', async () => {
    const input = await folder('in-1', { 'a.csv': csv(rows.slice(0, 7)), 'b.csv': csv(rows.slice(7)) });
    const output = join(dir, 'out-1');
    const events: DeployEvent[] = [];
    // Through the public method, as users call it.
    const job = await Model.fromFile(iris).batchTransform(base(input, output), {
      local: true,
      onEvent: (e) => events.push(e),
    });
    const result = await job.wait();
    expect(result.records).toBe(12);
    expect(job.status).toBe('Completed');
    const want = await expected(rows);
    const a = (await readFile(join(output, 'a.csv.out'), 'utf8')).trim().split('\n');
    const b = (await readFile(join(output, 'b.csv.out'), 'utf8')).trim().split('\n');
    expect([...a, ...b]).toEqual(want);
    expect(events.filter((e) => e.type === 'step-progress').map((e) => (e as { status: string }).status)).toEqual([
      '1 of 2 objects, 7 records',
      '2 of 2 objects, 12 records',
    ]);
  });

  it('SingleRecord and a tiny maxPayloadMb give the same rows', async () => {
    const input = await folder('in-2', { 'a.csv': csv(rows) });
    const output = join(dir, 'out-2');
    const job = await runLocalTransform(Model.fromFile(iris).source, {
      ...base(input, output),
      batchStrategy: 'SingleRecord',
      maxConcurrentTransforms: 4,
    });
    await job.wait();
    expect((await readFile(join(output, 'a.csv.out'), 'utf8')).trim().split('\n')).toEqual(await expected(rows));
  });

  it('inputFilter drops an id column, joinSource Input puts it back, outputFilter keeps id and class 0', async () => {
    const withIds = rows.map((row, i) => [i + 100, ...row]);
    const input = await folder('in-3', { 'ids.csv': csv(withIds) });
    const output = join(dir, 'out-3');
    const job = await runLocalTransform(Model.fromFile(iris).source, {
      ...base(input, output),
      inputFilter: '$[1:]',
      joinSource: 'Input',
      outputFilter: '$[0,5]',
    });
    await job.wait();
    const lines = (await readFile(join(output, 'ids.csv.out'), 'utf8')).trim().split('\n');
    const want = await expected(rows);
    expect(lines).toEqual(want.map((line, i) => `${i + 100},${line.split(',')[0]}`));
  });

  it('joins JSON lines records as SageMaker does: the answer as SageMakerOutput of the input object', async () => {
    const input = await folder('in-4', {
      'rows.jsonl': `${JSON.stringify({ id: 'a', features: [rows[0]] })}\n${JSON.stringify({ id: 'b', features: [rows[11]] })}\n`,
    });
    const output = join(dir, 'out-4');
    const job = await runLocalTransform(Model.fromFile(iris).source, {
      ...base(input, output),
      contentType: 'application/json',
      accept: 'application/json',
      // MultiRecord would send JSON lines, which a JSON model cannot read (as on SageMaker).
      batchStrategy: 'SingleRecord',
      inputFilter: '$.features',
      joinSource: 'Input',
      outputFilter: "$['id','SageMakerOutput']",
    });
    await job.wait();
    const joined = (await readFile(join(output, 'rows.jsonl.out'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const labels = (await expected([rows[0] as number[], rows[11] as number[]])).map((line) =>
      line
        .split(',')
        .map(Number)
        .indexOf(Math.max(...line.split(',').map(Number))),
    );
    expect(joined).toEqual([
      { id: 'a', SageMakerOutput: { probabilities: expect.any(Array), label: labels[0] } },
      { id: 'b', SageMakerOutput: { probabilities: expect.any(Array), label: labels[1] } },
    ]);
  });

  it('a record the model cannot read fails the job with the file and record named', async () => {
    const input = await folder('in-5', { 'bad.csv': '5.1,3.5,1.4,0.2\n6.0,oops,4.0,1.2\n' });
    const job = await runLocalTransform(Model.fromFile(iris).source, {
      ...base(input, join(dir, 'out-5')),
      batchStrategy: 'SingleRecord',
    });
    const error = await job.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransformJobFailedError);
    expect((error as Error).message).toMatch(/bad\.csv, record 2: the model failed: .*"oops" is not a number/);
    expect(job.status).toBe('Failed');
    expect(job.failureReason).toContain('record 2');
  });

  it('refuses bad options before reading anything', async () => {
    const source = Model.fromFile(iris).source;
    await expect(
      runLocalTransform(source, { ...base('/nope', '/nope'), contentType: 'application/x-npy', joinSource: 'Input' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      runLocalTransform(source, { ...base('/nope', '/nope'), outputFilter: 'features' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('runLocalTransform on the loopback S3 server', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['batch-data'] });
  });
  afterAll(() => s3.close());

  it('reads every object under the input prefix and writes <key>.out under the output prefix', async () => {
    await s3.client.send(
      new PutObjectCommand({ Bucket: 'batch-data', Key: 'in/part-1.csv', Body: csv(rows.slice(0, 5)) }),
    );
    await s3.client.send(
      new PutObjectCommand({ Bucket: 'batch-data', Key: 'in/2024/part-2.csv', Body: csv(rows.slice(5)) }),
    );
    const job = await runLocalTransform(
      Model.fromFile(iris).source,
      base('s3://batch-data/in/', 's3://batch-data/out/'),
      { aws: s3.aws },
    );
    const result = await job.wait();
    expect(result.outputs).toEqual(['s3://batch-data/out/2024/part-2.csv.out', 's3://batch-data/out/part-1.csv.out']);
    const read = async (key: string) =>
      (await (
        await s3.client.send(new GetObjectCommand({ Bucket: 'batch-data', Key: key }))
      ).Body?.transformToString()) ?? '';
    const want = await expected(rows);
    expect((await read('out/part-1.csv.out')).trim().split('\n')).toEqual(want.slice(0, 5));
    expect((await read('out/2024/part-2.csv.out')).trim().split('\n')).toEqual(want.slice(5));
  });
});
