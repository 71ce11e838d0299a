/**
 * A child process of the concurrency tests: registers `count` models into the local registry at `dir`, all at once,
 * and prints the versions it got as JSON. Run as `node --import tsx register-worker.ts <dir> <count> <tag>`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from '../../src/deploy/model.js';
import { Registry } from '../../src/registry/registry.js';

const [dir, countText, tag] = process.argv.slice(2);
const registry = Registry.local(dir ?? '');
const work = await mkdtemp(join(tmpdir(), 'modelship-worker-'));
try {
  const versions = await Promise.all(
    Array.from({ length: Number(countText) }, async (_, i) => {
      const path = join(work, `${tag}-${i}.onnx`);
      await writeFile(path, `model ${tag} ${i}`);
      const version = await registry.register(Model.fromFile(path), {
        name: 'churn',
        metadata: { writer: `${tag}`, index: `${i}` },
      });
      return version.version;
    }),
  );
  process.stdout.write(JSON.stringify(versions));
} finally {
  await rm(work, { recursive: true, force: true });
}
