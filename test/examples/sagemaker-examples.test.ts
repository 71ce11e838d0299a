import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as abTest } from '../../examples/ab-test.js';
import { main as realtime } from '../../examples/sagemaker-realtime.js';
import { main as serverless } from '../../examples/sagemaker-serverless.js';
import { AwsContext } from '../../src/aws/context.js';
import { mockAwsClient } from '../support/aws-contract.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { REGION } from '../targets/sagemaker/support/fake-sagemaker.js';
import { ARTIFACT, AWS, CHALLENGER, fakeAws, fakeServices, ROLE } from '../targets/sagemaker/support/setup.js';

// The SageMaker examples run here as users run them, against the fake SageMaker (and a real S3 server on loopback
// for the upload); their AWS requests are checked against the service models like every other test's.

const encoder = new TextEncoder();

/** A runtime that answers one CSV line per input line (or JSON naming the variant), as a model container would. */
function fakeRuntime() {
  const runtime = mockAwsClient(SageMakerRuntimeClient);
  runtime.on(InvokeEndpointCommand).callsFake((input) => {
    const variant = input.TargetVariant ?? 'champion';
    if (input.ContentType === 'text/csv') {
      const lines = new TextDecoder()
        .decode(input.Body as Uint8Array)
        .trim()
        .split('\n');
      return {
        Body: encoder.encode(`${lines.map(() => '0.93').join('\n')}\n`),
        ContentType: 'text/csv',
        InvokedProductionVariant: variant,
      };
    }
    return {
      Body: encoder.encode('{"churn":0.93}'),
      ContentType: 'application/json',
      InvokedProductionVariant: variant,
    };
  });
  return runtime;
}

describe('SageMaker examples', () => {
  let s3: S3Server;
  let folder: string;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['ml-artifacts'], region: REGION });
    folder = await mkdtemp(join(tmpdir(), 'modelship-example-'));
    await writeFile(join(folder, 'model.joblib'), 'model bytes');
  });

  afterAll(async () => {
    await s3?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('sagemaker-realtime: plan only, without --apply, changes nothing', async () => {
    const { sagemaker } = fakeServices();
    const lines: string[] = [];
    const aws = new AwsContext({ ...AWS, clients: [s3.client] });
    await realtime({
      modelDir: folder,
      apply: false,
      role: ROLE,
      artifactBucket: 'ml-artifacts',
      aws,
      log: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toMatch(/\+\s+SageMaker endpoint\s+churn\s/);
    expect(sagemaker.log).toEqual([]);
  });

  it('sagemaker-realtime: uploads, deploys, predicts, updates with a canary, and tears down', async () => {
    const { sagemaker } = fakeServices();
    sagemaker.behaviour.polls = 0;
    fakeRuntime();
    const lines: string[] = [];
    const aws = new AwsContext({ ...AWS, clients: [s3.client] });
    await realtime({
      modelDir: folder,
      apply: true,
      role: ROLE,
      artifactBucket: 'ml-artifacts',
      aws,
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');
    expect(out).toContain('prediction: [0.93]');
    expect(out).toContain('updated: true');
    expect(sagemaker.log).toContain('UpdateEndpoint churn');
    expect(sagemaker.resources()).toEqual([]);
  });

  it('sagemaker-serverless: deploys from S3 and scores 1000 rows in order', async () => {
    const { sagemaker } = fakeAws();
    sagemaker.behaviour.polls = 0;
    const runtime = fakeRuntime();
    const lines: string[] = [];
    await serverless({ artifact: ARTIFACT, role: ROLE, apply: true, aws: AWS, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('scored 1000 rows; first: [0.93]');
    expect(runtime.commandCalls(InvokeEndpointCommand).length).toBeLessThan(1000); // rows were batched
    expect(sagemaker.resources()).toEqual([]); // `await using` tore it down
  });

  it('ab-test: two variants 90/10, a targeted call, then 50/50 in place', async () => {
    const { sagemaker } = fakeAws();
    sagemaker.behaviour.polls = 0;
    fakeRuntime();
    const lines: string[] = [];
    await abTest({
      champion: ARTIFACT,
      challenger: CHALLENGER,
      role: ROLE,
      apply: true,
      aws: AWS,
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');
    expect(out).toContain('challenger answered {"churn":0.93}');
    expect(out).toContain('traffic is now 50/50');
    expect(sagemaker.log).toContain('UpdateEndpointWeightsAndCapacities churn-ab');
    expect(sagemaker.resources()).toEqual([]);
  });
});
