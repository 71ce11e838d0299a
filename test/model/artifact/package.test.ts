/**
 * packageModel and sha256File: the model.tar.gz layout SageMaker expects, byte-for-byte reproducible archives, and
 * refused inputs.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extract, list, type ReadEntry } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { type PackagedModel, packageModel } from '../../../src/model/artifact/package.js';
import { sha256File } from '../../../src/model/artifact/sha256.js';
import type { DirectorySource } from '../../../src/model/source.js';

let root: string;
let n = 0;
// The temp folders packageModel made by default, to delete afterwards.
const workDirs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-package-'));
});

afterAll(async () => {
  const folders = [...workDirs, ...(root === undefined ? [] : [root])];
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** packageModel, remembering the temp folder it wrote into. */
async function pack(...args: Parameters<typeof packageModel>): Promise<PackagedModel> {
  const model = await packageModel(...args);
  if (model.created && !model.path.startsWith(root)) workDirs.push(dirname(model.path));
  return model;
}

/** A fresh folder holding `files` (path → contents). */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = join(root, `model-${++n}`);
  await mkdir(dir);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  return dir;
}

const directory = (path: string): DirectorySource => ({ kind: 'directory', path });

async function entriesOf(archive: string): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  await list({ file: archive, onReadEntry: (entry) => void entries.push(entry) });
  return entries;
}

async function rejection(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

const PYTORCH = {
  'model.pth': 'weights',
  'code/inference.py': 'def model_fn(model_dir): ...\n',
  'code/requirements.txt': 'transformers==4.44.0\n',
  'config/labels.json': '["no", "yes"]',
};

describe('packageModel', () => {
  it('lays a folder out as SageMaker expects: model files at the root, code/ kept as code/', async () => {
    const model = await pack(directory(await folder(PYTORCH)), { workDir: join(root, 'out-layout') });
    expect(model.path).toBe(join(root, 'out-layout', 'model.tar.gz'));
    expect(model.created).toBe(true);
    const entries = await entriesOf(model.path);
    expect(entries.map((entry) => entry.path)).toEqual([
      'code/',
      'code/inference.py',
      'code/requirements.txt',
      'config/',
      'config/labels.json',
      'model.pth',
    ]);
    expect(model.entries).toEqual(entries.map((entry) => entry.path.replace(/\/$/, '')));
    for (const entry of entries) {
      expect(entry.uid ?? 0).toBe(0);
      expect(entry.gid ?? 0).toBe(0);
      expect(entry.uname ?? '').toBe('');
      expect(entry.mode).toBe(entry.type === 'Directory' ? 0o755 : 0o644);
      if (entry.type === 'File') expect(entry.mtime?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    }
    const bytes = await readFile(model.path);
    expect(model.bytes).toBe(bytes.length);
    expect(model.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // gzip magic number: a .tar.gz, not a plain tar.
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);

    const out = join(root, 'extracted');
    await mkdir(out);
    await extract({ file: model.path, cwd: out });
    expect(await readFile(join(out, 'code', 'inference.py'), 'utf8')).toBe(PYTORCH['code/inference.py']);
  });

  it('gives the same bytes for the same files, whatever their times, owner bits and creation order', async () => {
    const first = await folder(PYTORCH);
    // The same files written in the opposite order, with other times and permissions.
    const reversed = Object.fromEntries(Object.entries(PYTORCH).reverse());
    const second = await folder(reversed);
    await utimes(join(second, 'model.pth'), new Date('2024-05-01'), new Date('2024-05-01'));
    await chmod(join(second, 'config', 'labels.json'), 0o600);
    const a = await pack(directory(first));
    const b = await pack(directory(second));
    const again = await pack(directory(first));
    expect(b.sha256).toBe(a.sha256);
    expect(again.sha256).toBe(a.sha256);
    expect(again.path).not.toBe(a.path); // each run in a fresh temp folder by default

    await writeFile(join(second, 'model.pth'), 'other weights');
    expect((await pack(directory(second))).sha256).not.toBe(a.sha256);
  });

  it('keeps an executable file executable', async () => {
    const dir = await folder({ 'code/serve': '#!/bin/sh\n', 'model.bin': 'x' });
    await chmod(join(dir, 'code', 'serve'), 0o700);
    const entries = await entriesOf((await pack(directory(dir))).path);
    expect(entries.find((entry) => entry.path === 'code/serve')?.mode).toBe(0o755);
  });

  it('packages a single file as the only entry of the archive', async () => {
    const dir = await folder({ 'model.onnx': 'onnx bytes' });
    const model = await pack({ kind: 'file', path: join(dir, 'model.onnx') });
    expect((await entriesOf(model.path)).map((entry) => entry.path)).toEqual(['model.onnx']);
    expect(model.entries).toEqual(['model.onnx']);
  });

  it('uses a ready-made .tar.gz as it is', async () => {
    const built = await pack(directory(await folder(PYTORCH)));
    const model = await pack({ kind: 'file', path: built.path });
    expect(model).toEqual({ path: built.path, sha256: built.sha256, bytes: built.bytes, entries: [], created: false });
  });

  it('follows links that stay inside the folder, archiving their targets as files', async () => {
    const dir = await folder({ 'weights/v1.bin': 'v1', 'other.txt': 'o' });
    await symlink('weights/v1.bin', join(dir, 'model.bin'));
    await symlink('weights', join(dir, 'current'));
    const entries = await entriesOf((await pack(directory(dir))).path);
    expect(entries.map((entry) => [entry.path, entry.type])).toEqual([
      ['current/', 'Directory'],
      ['current/v1.bin', 'File'],
      ['model.bin', 'File'],
      ['other.txt', 'File'],
      ['weights/', 'Directory'],
      ['weights/v1.bin', 'File'],
    ]);
  });

  it('refuses a link that leads outside the folder, and says which', async () => {
    const outside = await folder({ 'secret.txt': 'not part of the model' });
    const dir = await folder({ 'model.bin': 'x' });
    await symlink(join(outside, 'secret.txt'), join(dir, 'extra.txt'));
    const error = await rejection(pack(directory(dir)));
    expect(error.argument).toBe('path');
    expect(error.message).toContain(join(dir, 'extra.txt'));
    expect(error.message).toMatch(/outside the model folder/);

    const relative = await folder({ 'model.bin': 'x' });
    await symlink('../', join(relative, 'up'));
    expect((await rejection(pack(directory(relative)))).message).toMatch(/outside the model folder/);
  });

  it('refuses broken links and links that loop', async () => {
    const broken = await folder({ 'model.bin': 'x' });
    await symlink('missing.bin', join(broken, 'extra.bin'));
    expect((await rejection(pack(directory(broken)))).message).toMatch(/is broken/);

    const loop = await folder({ 'sub/model.bin': 'x' });
    await symlink('..', join(loop, 'sub', 'again'));
    expect((await rejection(pack(directory(loop)))).message).toMatch(/leads back/);
  });

  it('refuses an empty folder, a missing path, and a file or folder given as the other kind', async () => {
    const empty = await folder({});
    await mkdir(join(empty, 'code'));
    expect((await rejection(pack(directory(empty)))).message).toMatch(/holds no file/);
    const missing = join(root, 'nope');
    expect((await rejection(pack(directory(missing)))).message).toContain(missing);
    expect((await rejection(pack({ kind: 'file', path: missing }))).message).toContain(missing);
    const dir = await folder({ 'model.bin': 'x' });
    expect((await rejection(pack({ kind: 'file', path: dir }))).message).toMatch(/fromDirectory/);
    expect((await rejection(pack(directory(join(dir, 'model.bin'))))).message).toMatch(/fromFile/);
  });

  it('refuses a work folder inside the model folder', async () => {
    const dir = await folder({ 'model.bin': 'x' });
    const error = await rejection(pack(directory(dir), { workDir: join(dir, 'build') }));
    expect(error.argument).toBe('workDir');
  });
});

describe('sha256File', () => {
  it('hashes a file in a stream, and names a file it cannot read', async () => {
    const dir = await folder({ 'a.bin': 'abc' });
    expect(await sha256File(join(dir, 'a.bin'))).toBe(createHash('sha256').update('abc').digest('hex'));
    expect((await rejection(sha256File(join(dir, 'b.bin')))).argument).toBe('path');
  });
});
