/**
 * `--region` and `--profile` reach the AWS clients the commands call through, over the config's `aws`: read from
 * the captured clients' own configuration, as the SDK would sign and route with them.
 */
import { DescribeEndpointCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { CHURN_CONFIG, cli, fakeAccount, jsonOf, projectWith } from './support.js';

/** The region and profile of the client that sent each DescribeEndpoint. */
async function describeClients(sagemaker: ReturnType<typeof fakeAccount>['sagemaker']) {
  return Promise.all(
    sagemaker.stub.commandCalls(DescribeEndpointCommand).map(async (call) => {
      const { config } = call.thisValue as SageMakerClient;
      return { region: await config.region(), profile: (config as { profile?: string }).profile };
    }),
  );
}

describe('--region and --profile', () => {
  it('without them, the config’s aws.region is used', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    expect((await cli(['status'], { cwd })).code).toBe(1);

    const clients = await describeClients(sagemaker);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.map((c) => c.region)).toEqual(clients.map(() => 'eu-west-1'));
  });

  it('--region is the region of the clients, over the config’s aws.region', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['status', '--json', '--region', 'us-west-2'], { cwd });

    expect(run.code).toBe(1);
    expect(jsonOf(run)).toMatchObject({ status: { name: 'churn', deployed: false } });
    const clients = await describeClients(sagemaker);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.map((c) => c.region)).toEqual(clients.map(() => 'us-west-2'));
  });

  it('--profile is the profile of the clients', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['status', '--profile', 'ml-ci'], { cwd });

    expect(run.code).toBe(1);
    const clients = await describeClients(sagemaker);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.map((c) => c.profile)).toEqual(clients.map(() => 'ml-ci'));
  });

  it('--region reaches the plan of a deploy: the endpoint is made in that region', async () => {
    const { sagemaker, artifact } = fakeAccount();
    artifact.region = 'us-west-2';
    const cwd = await projectWith(CHURN_CONFIG);

    const run = await cli(['deploy', '--region', 'us-west-2'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const regions = await Promise.all(
      sagemaker.stub.calls().map((call) => (call.thisValue as SageMakerClient).config.region()),
    );
    expect(new Set(regions)).toEqual(new Set(['us-west-2']));
  });
});
