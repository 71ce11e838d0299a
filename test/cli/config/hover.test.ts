/**
 * What an editor shows on hover in a `modelship.config.ts`: each key's documentation, carried from the schema's
 * TSDoc through zod's inference and `defineConfig`. Asked of the TypeScript language service, as an editor asks it.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../../../src/cli/config/__hover-config.ts', import.meta.url));
const TEXT = `import { defineConfig } from './define.js';
export default defineConfig({
  model: { image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/iris:1', modelData: 's3://ml/iris.tar.gz' },
  target: { type: 'lambda', memoryMb: 1024, timeoutS: 30, rollout: { canaryPercent: 10, waitS: 60 } },
  autoscaling: { min: 1, max: 2, targetInvocationsPerInstance: 50 },
  aws: { region: 'eu-west-1', endpoints: { s3: 'http://127.0.0.1:4569' } },
  validate: { samples: './samples.json', latency: { p99Ms: 300 } },
});
`;

// The in-memory config is the only file not on disk; everything it imports is read from src/.
function hoverDocs(): (key: string) => string {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
  };
  const read = (file: string) => (file === CONFIG ? TEXT : ts.sys.readFile(file));
  const service = ts.createLanguageService({
    getScriptFileNames: () => [CONFIG],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === CONFIG || ts.sys.fileExists(file),
    readFile: read,
  });
  return (key) => {
    const at = TEXT.indexOf(` ${key}:`);
    if (at < 0) throw new Error(`no key ${key} in the config text`);
    const info = service.getQuickInfoAtPosition(CONFIG, at + 2);
    return ts.displayPartsToString(info?.documentation);
  };
}

describe('hover in a defineConfig config', () => {
  it("shows each key's documentation, nested keys included", () => {
    const docs = hoverDocs();
    // No hover (a TypeScript limit, not a missing comment; the API reference documents them): keys several forms of
    // a union share without a literal to tell the forms apart (`image`, `framework`, `env` of models; `min` of
    // autoscaling), and `aws.*`, which the fluent form (`DeploymentConfig.aws`) types as `AwsConfig`.
    expect(docs('modelData')).toContain('An artifact the container downloads');
    expect(docs('memoryMb')).toContain('Memory in MB, 128 to 10240');
    expect(docs('canaryPercent')).toContain('1 to 99');
    expect(docs('targetInvocationsPerInstance')).toContain('Invocations per instance per minute');
    expect(docs('p99Ms')).toContain('99th percentile');
    expect(docs('model')).toContain('What is served');
  }, 60_000);
});
