// What a function zip holds for each kind of model and architecture, read back with a zip reader.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors.js';
import { sha256File } from '../../../../src/model/artifact/sha256.js';
import { type LambdaFunctionPackage, packageFunction } from '../../../../src/targets/lambda/package/index.js';
import { ensureTestModels } from '../../../support/models.js';
import { fixture } from '../../local/support.js';
import { tempDir, type ZipEntryInfo, zipEntries, zipText } from './support.js';

const ORT = 'node_modules/onnxruntime-node/';

describe('an ONNX model', () => {
  const built: Partial<Record<'x86_64' | 'arm64', { pkg: LambdaFunctionPackage; entries: ZipEntryInfo[] }>> = {};

  beforeAll(async () => {
    const { iris } = await ensureTestModels();
    for (const architecture of ['x86_64', 'arm64'] as const) {
      const pkg = await packageFunction({ kind: 'file', path: iris }, { architecture, workDir: await tempDir() });
      built[architecture] = { pkg, entries: await zipEntries(pkg.path) };
    }
  }, 60_000);

  it.each([
    ['x86_64', 'x64', 'arm64'],
    ['arm64', 'arm64', 'x64'],
  ] as const)(
    'for %s holds the handler, the model, its manifest and only the linux/%s binary',
    async (arch, dir, other) => {
      const { pkg, entries } = built[arch]!;
      const names = entries.map((e) => e.name);
      expect(names).toEqual(pkg.entries);
      expect(names).toEqual([...names].sort());
      expect(names.slice(0, 3)).toEqual(['index.mjs', 'model/iris.onnx', 'modelship.json']);
      const binaries = names.filter((n) => n.startsWith(`${ORT}bin/`));
      expect(binaries).toEqual([
        `${ORT}bin/napi-v6/linux/${dir}/libonnxruntime.so.1`,
        `${ORT}bin/napi-v6/linux/${dir}/onnxruntime_binding.node`,
      ]);
      expect(names.some((n) => n.includes(`/${other}/`) || /darwin|win32/.test(n))).toBe(false);
      expect(names).toContain(`${ORT}dist/index.js`);
      expect(names).toContain(`${ORT}package.json`);
      expect(names).toContain('node_modules/onnxruntime-common/dist/cjs/index.js');
      expect(names.some((n) => n.endsWith('.map') || n.endsWith('.d.ts') || n.includes('/script/'))).toBe(false);
      expect(JSON.parse((await zipText(pkg.path, 'modelship.json'))!)).toEqual({
        version: 1,
        runner: 'onnx',
        model: 'model/iris.onnx',
      });
      expect(pkg).toMatchObject({
        handler: 'index.handler',
        runner: 'onnx',
        model: 'model/iris.onnx',
        needsS3Upload: false,
      });
    },
  );

  it('describes the zip it wrote: hash, sizes, fixed timestamps and permissions', async () => {
    const { pkg, entries } = built.x86_64!;
    expect(pkg.sha256).toBe(await sha256File(pkg.path));
    expect(pkg.codeSha256).toBe(Buffer.from(pkg.sha256, 'hex').toString('base64'));
    expect(pkg.path.endsWith(`function-${pkg.sha256.slice(0, 12)}.zip`)).toBe(true);
    expect(pkg.unzippedBytes).toBe(entries.reduce((sum, e) => sum + e.size, 0));
    expect(pkg.bytes).toBeLessThan(pkg.unzippedBytes);
    for (const entry of entries) {
      expect(entry.mode).toBe(0o100644);
      // 1980-01-01 00:00 in DOS format, and no extended timestamp field that would carry the real time.
      expect([entry.dosDate, entry.dosTime]).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
      expect(entry.extraIds).not.toContain(0x5455);
    }
  });
});

describe('a handler model', () => {
  it('holds the handler module and no onnxruntime', async () => {
    const pkg = await packageFunction(
      { kind: 'handler', path: fixture('model.mjs') },
      { architecture: 'arm64', workDir: await tempDir() },
    );
    expect(pkg.entries).toEqual(['index.mjs', 'model/model.mjs', 'modelship.json']);
    expect(JSON.parse((await zipText(pkg.path, 'modelship.json'))!)).toEqual({
      version: 1,
      runner: 'handler',
      model: 'model/model.mjs',
    });
  });

  it("keeps a .js handler's module type from its project's package.json", async () => {
    const project = await tempDir();
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'p', type: 'module' }));
    await mkdir(join(project, 'churn'));
    await writeFile(join(project, 'churn', 'handler.js'), 'export function predict(x) { return x; }\n');
    await writeFile(join(project, 'churn', 'weights.json'), '[1, 2]\n');
    const pkg = await packageFunction(
      { kind: 'directory', path: join(project, 'churn') },
      { architecture: 'x86_64', workDir: await tempDir() },
    );
    expect(pkg.entries).toEqual([
      'index.mjs',
      'model/handler.js',
      'model/package.json',
      'model/weights.json',
      'modelship.json',
    ]);
    expect(JSON.parse((await zipText(pkg.path, 'model/package.json'))!)).toEqual({ type: 'module' });
    expect(pkg.model).toBe('model/handler.js');
  });

  it('takes a whole ONNX folder, serving the file Local would serve', async () => {
    const { iris } = await ensureTestModels();
    const dir = await tempDir();
    await writeFile(join(dir, 'README.md'), '# iris\n');
    await copyFile(iris, join(dir, 'iris.onnx'));
    const pkg = await packageFunction(
      { kind: 'directory', path: dir },
      { architecture: 'x86_64', workDir: await tempDir() },
    );
    expect(pkg.entries.filter((n) => !n.startsWith('node_modules/'))).toEqual([
      'index.mjs',
      'model/README.md',
      'model/iris.onnx',
      'modelship.json',
    ]);
    expect(pkg.model).toBe('model/iris.onnx');
  });
});

describe('what cannot be packaged', () => {
  it('refuses a model the Local runners cannot run, pointing to container images', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'model.pkl'), 'pickle');
    const error = await packageFunction(
      { kind: 'file', path: join(dir, 'model.pkl') },
      { architecture: 'x86_64' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/Model\.fromImage/);
    const s3 = await packageFunction(
      { kind: 's3', uri: 's3://b/k' } as unknown as Parameters<typeof packageFunction>[0],
      { architecture: 'x86_64' },
    ).catch((e: unknown) => e);
    expect(s3).toBeInstanceOf(InvalidArgumentError);
  });

  it('refuses an unknown architecture', async () => {
    const error = await packageFunction(
      { kind: 'handler', path: fixture('model.mjs') },
      { architecture: 'x86' as 'x86_64' },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'architecture' });
  });
});
