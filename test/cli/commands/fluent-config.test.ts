/**
 * A TypeScript config exporting a fluent chain, deployed through `modelship deploy` against the fake SageMaker: the
 * chain's options reach the calls, and `--set name=…` renames it.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGION } from '../../targets/sagemaker/support/fake-sagemaker.js';
import { ARTIFACT, ROLE } from '../../targets/sagemaker/support/setup.js';
import { cli, fakeAccount, jsonOf, projectWith } from './support.js';

const SRC = pathToFileURL(join(import.meta.dirname, '../../../src/')).href;

/** A `modelship.config.ts` of a fluent chain; it imports the repo's src as a user's would import 'modelship'. */
const FLUENT_CONFIG = `import { Model } from '${SRC}deploy/model.js';
import { SageMaker } from '${SRC}targets/sagemaker/index.js';

export default Model.fromS3('${ARTIFACT}', { framework: 'sklearn', frameworkVersion: '1.2-1' })
  .deployTo(SageMaker.realtime({ instanceType: 'ml.c5.xlarge', role: '${ROLE}' }))
  .withTags({ team: 'ml' })
  .withName('churn-ts')
  .withAws({ region: '${REGION}' });
`;

describe('a fluent TypeScript config', () => {
  it('deploys the chain it exports, with its instance type and tags', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(FLUENT_CONFIG, 'modelship.config.ts');

    const run = await cli(['deploy', '--json'], { cwd });

    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ name: 'churn-ts', target: 'sagemaker-realtime', changed: true });
    const endpoint = sagemaker.endpoints.get('churn-ts');
    expect(endpoint?.tags).toContainEqual({ Key: 'team', Value: 'ml' });
    const config = sagemaker.configs.get(endpoint?.config ?? '');
    expect(config?.input.ProductionVariants?.[0]?.InstanceType).toBe('ml.c5.xlarge');
  });

  it('--set name=… deploys it under another name; any other --set is bad usage', async () => {
    const { sagemaker } = fakeAccount();
    const cwd = await projectWith(FLUENT_CONFIG, 'modelship.config.ts');

    const renamed = await cli(['deploy', '--set', 'name=churn-canary'], { cwd });
    const refused = await cli(['deploy', '--set', 'target.instanceType=ml.m5.large'], { cwd });

    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain('Deployed churn-canary (sagemaker-realtime)');
    expect([...sagemaker.endpoints.keys()]).toEqual(['churn-canary']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--set name=');
  });
});
