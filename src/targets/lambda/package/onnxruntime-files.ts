/**
 * The onnxruntime-node files a function needs, taken from the installed package (its npm tarball ships the CPU
 * binaries for every platform under `bin/napi-v*\/<platform>/<arch>/`): its JavaScript, the Linux binary for the
 * function's architecture only, and its one runtime dependency, onnxruntime-common. The other platforms' binaries
 * (tens of MB each) stay out, as do the install scripts and their dependencies, source maps and type declarations.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DependencyMissingError, InvalidArgumentError } from '../../../errors.js';
import { collectModelFiles } from '../../../model/artifact/collect.js';
import { modelshipModuleFile } from './module-location.js';
import type { PackageArchitecture } from './types.js';
import type { ZipInput } from './zip-writer.js';

const PACKAGE = 'onnxruntime-node';
const COMMON = 'onnxruntime-common';

/** Node's name (`process.arch`) for each Lambda architecture, as the binaries' folders are named. */
const NODE_ARCH: Readonly<Record<PackageArchitecture, string>> = { x86_64: 'x64', arm64: 'arm64' };

/** The JavaScript a package runs, and its license notices; not maps, declarations or TypeScript sources. */
function isRuntimeFile(path: string): boolean {
  if (path === 'package.json' || /^(license|notice|thirdpartynotices)/i.test(path)) return true;
  return path.startsWith('dist/') && /\.(c|m)?js$|\/package\.json$/.test(path) && !path.endsWith('.d.ts');
}

/**
 * The zip entries of onnxruntime-node for `architecture`, under `node_modules/`.
 * @throws {@link DependencyMissingError} when onnxruntime-node is not installed.
 * @throws {@link InvalidArgumentError} when the installed copy has no Linux binary for the architecture.
 */
export async function onnxRuntimeFiles(architecture: PackageArchitecture): Promise<ZipInput[]> {
  const nodeDir = packageDir(PACKAGE);
  const arch = NODE_ARCH[architecture];
  const binary = new RegExp(`^bin/napi-v\\d+/linux/${arch}/[^/]+$`);
  const node = await packageFiles(nodeDir, PACKAGE, (path) => isRuntimeFile(path) || binary.test(path));
  if (!node.some((input) => input.name.endsWith('.node'))) {
    const { version } = JSON.parse(await readFile(join(nodeDir, 'package.json'), 'utf8')) as { version?: string };
    throw new InvalidArgumentError(
      'architecture',
      `The installed ${PACKAGE} ${version ?? ''} (${nodeDir}) has no Linux ${arch} binary (bin/napi-v*/linux/${arch}/), ` +
        `so it cannot run on a ${architecture} function. Install a version that ships one, or choose the other ` +
        'architecture.',
    );
  }
  // Resolved from onnxruntime-node itself: the copy it would load, wherever the package manager put it.
  const commonDir = packageDir(COMMON, join(nodeDir, 'package.json'));
  return [...node, ...(await packageFiles(commonDir, COMMON, isRuntimeFile))];
}

/**
 * The folder of an installed package, found as Node would from modelship's own code (where a peer dependency is
 * installed), then from the current folder (a project that runs modelship from elsewhere).
 */
function packageDir(name: string, from?: string): string {
  const bases = from === undefined ? [modelshipModuleFile(), join(process.cwd(), 'package.json')] : [from];
  for (const base of bases) {
    let entry: string;
    try {
      entry = createRequire(base).resolve(name);
    } catch {
      continue;
    }
    const root = packageRoot(entry, name);
    if (root !== undefined) return root;
  }
  throw new DependencyMissingError(name, 'Packaging an ONNX model for AWS Lambda');
}

/** The `node_modules/<name>` folder holding `entry`. */
function packageRoot(entry: string, name: string): string | undefined {
  const marker = `node_modules/${name}`;
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    if (dir.replaceAll('\\', '/').endsWith(marker)) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

async function packageFiles(dir: string, name: string, keep: (path: string) => boolean): Promise<ZipInput[]> {
  const { entries } = await collectModelFiles({ kind: 'directory', path: dir });
  const inputs: ZipInput[] = [];
  for (const path of entries) {
    if (path.startsWith('node_modules/') || !keep(path)) continue;
    const file = join(dir, path);
    const info = await stat(file);
    if (info.isFile()) inputs.push({ name: `node_modules/${name}/${path}`, size: info.size, file });
  }
  return inputs;
}
