/**
 * TypeScript and JavaScript configs: a fluent deployment, a plain object, an async function; `--set` and
 * `--profile/--region` on a fluent deployment; a missing or broken file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsContext } from '../../../src/aws/context.js';
import { loadConfig } from '../../../src/cli/config/index.js';
import { planToJSON } from '../../../src/deploy/format.js';
import { Model } from '../../../src/deploy/model.js';
import { Local } from '../../../src/targets/local/index.js';
import { FIXTURES, failure, folderWith } from './support.js';

function echo(folder: string) {
  return Model.fromHandler(join(FIXTURES, folder, 'handler.mjs'));
}

describe('a TypeScript config', () => {
  it('exporting a fluent deployment (importing the library) is that deployment', async () => {
    const loaded = await loadConfig({ cwd: join(FIXTURES, 'ts-builder') });
    const fluent = echo('ts-builder')
      .deployTo(Local({ port: 0 }))
      .withName('ts-builder');
    expect(loaded.file).toBe(join(FIXTURES, 'ts-builder', 'modelship.config.ts'));
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
    expect(loaded.plain).toBeUndefined();
  });

  it('takes --set name=… on a fluent deployment, and nothing else', async () => {
    const cwd = join(FIXTURES, 'ts-builder');
    const loaded = await loadConfig({ cwd, set: ['name=ts-canary'] });
    expect((await loaded.builder.plan()).name).toBe('ts-canary');
    const error = await failure(loadConfig({ cwd, set: ['target.port=9000'] }));
    expect(error.argument).toBe('set');
    expect(error.message).toMatch(/only --set name=… applies; change the chain in the code/);
  });

  it('cannot be moved to Local from outside the chain, and says what to do instead', async () => {
    const error = await failure(loadConfig({ cwd: join(FIXTURES, 'ts-builder'), target: { type: 'local' } }));
    expect(error.message).toMatch(/modelship local <file or folder>/);
  });

  it('exporting an async function returning { deployment, validate } is awaited, its samples read', async () => {
    const loaded = await loadConfig({ cwd: join(FIXTURES, 'async-fn') });
    expect((await loaded.builder.plan()).name).toBe('async-fn');
    expect(loaded.validate).toEqual({ samples: [[1, 2], { x: 3 }, 'four'], latency: { p99Ms: 500 } });
  });

  it('gets --profile and --region into the AWS configuration the deployment plans with', async () => {
    const loaded = await loadConfig({ cwd: join(FIXTURES, 'recorder'), profile: 'ml-deploy', region: 'eu-west-2' });
    await loaded.builder.plan();
    const aws = (globalThis as { recordedAws?: AwsContext }).recordedAws;
    expect(await aws?.region()).toBe('eu-west-2');
    expect(aws?.clientOptions('SageMaker')).toMatchObject({ region: 'eu-west-2', profile: 'ml-deploy' });
    expect(loaded.notices.join('\n')).toMatch(/replace the AWS settings of the deployment's \.withAws/);
  });
});

describe('a JavaScript config', () => {
  it('exporting a plain object is checked and built like JSON, relative to its folder', async () => {
    const loaded = await loadConfig({ cwd: '/', file: join(FIXTURES, 'js-plain', 'modelship.config.mjs') });
    const fluent = echo('js-plain')
      .deployTo(Local({ requestTimeoutMs: 5000 }))
      .withName('js-plain');
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
    expect(loaded.plain?.target).toEqual({ type: 'local', requestTimeoutMs: 5000 });
  });

  it('exporting { deployment, aws } gets the flags over its aws', async () => {
    const dir = await folderWith({
      'modelship.config.mjs': `
        import { Model } from ${JSON.stringify(join(process.cwd(), 'src/deploy/model.ts'))};
        const target = { kind: 'recorder', async plan(_spec, ctx) { globalThis.recordedAws = ctx.aws; return []; } };
        export default {
          deployment: Model.fromS3('s3://ml-artifacts/churn/model.tar.gz').deployTo(target),
          aws: { region: 'us-east-1', endpoints: { sagemaker: 'http://127.0.0.1:4566' } },
        };`,
    });
    const loaded = await loadConfig({ cwd: dir, region: 'eu-west-3' });
    await loaded.builder.plan();
    const aws = (globalThis as { recordedAws?: AwsContext }).recordedAws;
    expect(aws?.clientOptions('SageMaker')).toMatchObject({ region: 'eu-west-3', endpoint: 'http://127.0.0.1:4566' });
    expect(loaded.notices).toEqual([]);
  });
});

describe('finding and reading the config', () => {
  it('takes the first of modelship.config.ts, .mts, .js, .mjs, .json', async () => {
    const dir = await folderWith({
      'modelship.config.json': { model: { handler: './a.mjs' }, target: { type: 'local' }, name: 'from-json' },
      'modelship.config.mjs':
        "export default { model: { handler: './a.mjs' }, target: { type: 'local' }, name: 'from-mjs' };",
    });
    expect((await loadConfig({ cwd: dir })).file).toBe(join(dir, 'modelship.config.mjs'));
  });

  it('names the files looked for and --config when there is none', async () => {
    const dir = await folderWith({});
    const error = await failure(loadConfig({ cwd: dir }));
    expect(error.argument).toBe('config');
    expect(error.message).toContain(
      'looked for modelship.config.ts, modelship.config.mts, modelship.config.js, modelship.config.mjs, modelship.config.json',
    );
    expect(error.message).toContain('--config <file>');
    const missing = await failure(loadConfig({ cwd: dir, file: 'prod.config.json' }));
    expect(missing.message).toContain(`${join(dir, 'prod.config.json')} (given with --config) does not exist`);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const dir = await folderWith({ 'modelship.config.json': '{\n  "name": "iris",\n  "model": }\n}' });
    const error = await failure(loadConfig({ cwd: dir }));
    expect(error.message).toContain(`${join(dir, 'modelship.config.json')} is not valid JSON`);
    expect(error.message).toContain('(line 3, column 12)');
  });

  it('says a module without a default export must export the deployment', async () => {
    const dir = await folderWith({ 'modelship.config.mjs': 'export const config = {};' });
    expect((await failure(loadConfig({ cwd: dir }))).message).toMatch(/has no default export/);
  });
});

describe('a config importing modelship where it is not installed', () => {
  // The CLI's own copy is found through the package's exports, i.e. the build in dist/.
  it.skipIf(!existsSync(new URL('../../../dist/index.js', import.meta.url)))(
    'gets the CLI’s own copy of the package',
    async () => {
      const dir = await folderWith({
        'handler.mjs': 'export function predict(input) { return input; }',
        'modelship.config.mjs': `
          import { Local, Model } from 'modelship';
          import { fileURLToPath } from 'node:url';
          export default Model.fromHandler(fileURLToPath(new URL('./handler.mjs', import.meta.url)))
            .deployTo(Local())
            .withName('self');`,
      });
      const loaded = await loadConfig({ cwd: dir });
      expect((await loaded.builder.plan()).name).toBe('self');
    },
  );
});
