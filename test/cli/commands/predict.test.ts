/**
 * `modelship predict` on the config's SageMaker deployment: the request goes to InvokeEndpoint (a contract-checked
 * SageMaker Runtime stub) with the body and content type given, and the answer is printed; with nothing deployed
 * it says to deploy first.
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { mockAwsClient } from '../../support/aws-contract.js';
import { CHURN_CONFIG, cli, deployedChurn, fakeAccount, jsonOf, projectWith } from './support.js';

/** A SageMaker Runtime whose endpoint answers with a churn probability and the rows it was sent. */
function fakeRuntime() {
  const runtime = mockAwsClient(SageMakerRuntimeClient);
  runtime.on(InvokeEndpointCommand).callsFake((input) => {
    const rows = JSON.parse(new TextDecoder().decode(input.Body as Uint8Array)) as unknown[];
    return {
      Body: new TextEncoder().encode(JSON.stringify({ endpoint: input.EndpointName, churn: rows.map(() => 0.93) })),
      ContentType: 'application/json',
      InvokedProductionVariant: 'AllTraffic',
    };
  });
  return runtime;
}

describe('modelship predict', () => {
  it('sends the JSON given to the endpoint and prints the answer', async () => {
    const { cwd } = await deployedChurn();
    const runtime = fakeRuntime();

    const run = await cli(['predict', '[[5.1,3.5,1.4,0.2],[6.2,2.9,4.3,1.3]]'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"endpoint":"churn","churn":[0.93,0.93]}\n');
    const [call] = runtime.commandCalls(InvokeEndpointCommand);
    expect(call?.args[0].input).toMatchObject({ EndpointName: 'churn', ContentType: 'application/json' });
    expect(JSON.parse(new TextDecoder().decode(call?.args[0].input.Body as Uint8Array))).toEqual([
      [5.1, 3.5, 1.4, 0.2],
      [6.2, 2.9, 4.3, 1.3],
    ]);
  });

  it('--json prints the answer as the one document', async () => {
    const { cwd } = await deployedChurn();
    fakeRuntime();

    const run = await cli(['predict', '--json', '[[1,2]]'], { cwd });

    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({ endpoint: 'churn', churn: [0.93] });
  });

  it('--file reads the request from a file in the project, and --content-type sends it as it is', async () => {
    const { cwd } = await deployedChurn();
    const runtime = mockAwsClient(SageMakerRuntimeClient);
    runtime.on(InvokeEndpointCommand).callsFake((input) => ({
      Body: new TextEncoder().encode(`churn for ${new TextDecoder().decode(input.Body as Uint8Array).trim()}: 0.93`),
      ContentType: 'text/plain',
    }));
    await writeFile(join(cwd, 'row.csv'), '5.1,3.5,1.4,0.2\n');

    const run = await cli(['predict', '--file', 'row.csv', '--content-type', 'text/csv'], { cwd });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('churn for 5.1,3.5,1.4,0.2: 0.93\n');
    expect(runtime.commandCalls(InvokeEndpointCommand)[0]?.args[0].input.ContentType).toBe('text/csv');
  });

  it('a request that is not JSON is bad usage (exit 2), and nothing is sent', async () => {
    const { cwd } = await deployedChurn();
    const runtime = fakeRuntime();

    const run = await cli(['predict', '[[1,2'], { cwd });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--content-type');
    expect(runtime.commandCalls(InvokeEndpointCommand)).toEqual([]);
  });

  it('nothing deployed: exit 1 with a message saying to deploy first, and no request sent', async () => {
    fakeAccount();
    const runtime = fakeRuntime();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['predict', '[[1,2]]'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nothing is deployed under the name "churn".*deploy first/);
    expect(run.stdout).toBe('');
    expect(runtime.commandCalls(InvokeEndpointCommand)).toEqual([]);
  });
});
