/**
 * Builds `src/model/images/table.generated.ts`, modelship's table of SageMaker framework inference images, from the
 * SageMaker Python SDK's image tables (`../shared/sagemaker-image-uris/*.json`, Apache-2.0).
 *
 *   npx tsx scripts/images/build-image-table.ts            # write the table
 *   npx tsx scripts/images/build-image-table.ts --check    # exit 1 if the committed table is out of date
 *   npx tsx scripts/images/build-image-table.ts <dir>      # read the SDK tables from another folder
 *
 * The SDK's files are not shipped: they hold training, Elastic Inference and Graviton scopes we do not use and repeat
 * the same region → account map hundreds of times. We keep the inference scope only and store each distinct map once.
 * The output is formatted the way Biome formats it, so `biome check` passes on the generated file as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The AWS SDK's own partition data: the ECR host of a region is `ecr.<region>.<dnsSuffix>`, and the suffix differs
// in China and the isolated partitions. Read at build time only, so the package does not depend on it at run time.
import { partition } from '@aws-sdk/core/client';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the SDK's tables are expected: a sibling checkout shared by the workspace. */
export const DEFAULT_SOURCE_DIR = resolve(REPO_ROOT, '../shared/sagemaker-image-uris');
/** The generated module. */
export const OUTPUT_PATH = join(REPO_ROOT, 'src/model/images/table.generated.ts');

const FRAMEWORKS = ['sklearn', 'xgboost', 'pytorch', 'tensorflow', 'huggingface'] as const;
// Keys of a version entry we understand. Anything else (say a future `tag_prefix`) changes how tags are built,
// so the build stops rather than emit a table that would resolve wrong URIs.
const KNOWN_VERSION_KEYS = new Set(['processors', 'py_versions', 'registries', 'repository', 'container_version']);
const LINE_WIDTH = 120;

type Data = string | number | readonly Data[] | { readonly [key: string]: Data };
type Json = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new Error(`build-image-table: ${where}: ${what}`);
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'expected an object');
  return value as Json;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) fail(where, 'expected strings');
  return value;
}

function stringMap(value: unknown, where: string): Record<string, string> {
  const map = object(value, where);
  for (const [key, item] of Object.entries(map)) if (typeof item !== 'string') fail(`${where}.${key}`, 'not a string');
  return map as Record<string, string>;
}

/** Collects the distinct region → account maps, in order of first use. */
class AccountMaps {
  readonly maps: Record<string, string>[] = [];
  readonly users: Map<string, number>[] = [];
  readonly #index = new Map<string, number>();

  indexOf(registries: Record<string, string>, framework: string): number {
    const sorted = Object.fromEntries(Object.entries(registries).sort(([a], [b]) => (a < b ? -1 : 1)));
    const key = JSON.stringify(sorted);
    let index = this.#index.get(key);
    if (index === undefined) {
      index = this.maps.length;
      this.#index.set(key, index);
      this.maps.push(sorted);
      this.users.push(new Map());
    }
    const users = this.users[index]!;
    users.set(framework, (users.get(framework) ?? 0) + 1);
    return index;
  }
}

function versionEntry(config: Json, where: string, framework: string, accounts: AccountMaps): Record<string, Data> {
  for (const key of Object.keys(config)) if (!KNOWN_VERSION_KEYS.has(key)) fail(where, `unsupported key "${key}"`);
  if (typeof config.repository !== 'string') fail(where, 'no repository');
  const entry: Record<string, Data> = {
    repository: config.repository,
    accounts: accounts.indexOf(stringMap(config.registries, `${where}.registries`), framework),
  };
  if (config.processors !== undefined) entry.processors = stringList(config.processors, `${where}.processors`);
  if (config.py_versions !== undefined) entry.pyVersions = stringList(config.py_versions, `${where}.py_versions`);
  if (config.container_version !== undefined) {
    entry.containerVersions = stringMap(config.container_version, `${where}.container_version`);
  }
  return entry;
}

/**
 * The SDK's aliases, plus ours for the gaps: `<major.minor>` names the last version of that line listed. sklearn and
 * XGBoost images are versioned `<major.minor>-<revision>` (`1.2-1`), which people do not know by heart, and the SDK
 * leaves a few Hugging Face lines (4.48) without a short name.
 */
function aliasesOf(scope: Json, versions: readonly string[], where: string): Record<string, string> {
  const aliases = scope.version_aliases === undefined ? {} : stringMap(scope.version_aliases, where);
  const derived: Record<string, string> = {};
  for (const version of versions) {
    const short = /^(\d+\.\d+)[.-]/.exec(version)?.[1];
    if (short !== undefined && !versions.includes(short) && !(short in aliases)) derived[short] = version;
  }
  return { ...aliases, ...derived };
}

function frameworkImages(framework: string, scope: Json, accounts: AccountMaps): Record<string, Data> {
  const where = `${framework}.inference`;
  const versions: Record<string, Data> = {};
  for (const [version, config] of Object.entries(object(scope.versions, `${where}.versions`))) {
    versions[version] = versionEntry(object(config, `${where}.${version}`), `${where}.${version}`, framework, accounts);
  }
  const images: Record<string, Data> = {};
  if (scope.processors !== undefined) images.processors = stringList(scope.processors, `${where}.processors`);
  images.aliases = aliasesOf(scope, Object.keys(versions), `${where}.version_aliases`);
  images.versions = versions;
  return images;
}

function huggingFaceImages(scope: Json, accounts: AccountMaps): Record<string, Data> {
  const where = 'huggingface.inference';
  const versions: Record<string, Data> = {};
  for (const [version, raw] of Object.entries(object(scope.versions, `${where}.versions`))) {
    const config = object(raw, `${where}.${version}`);
    const bases: Record<string, Data> = {};
    for (const [base, baseConfig] of Object.entries(config)) {
      if (base === 'version_aliases') continue;
      if (!/^(pytorch|tensorflow)\d/.test(base)) fail(`${where}.${version}`, `unexpected base framework "${base}"`);
      bases[base] = versionEntry(object(baseConfig, `${where}.${version}.${base}`), base, 'huggingface', accounts);
    }
    const baseAliases = config.version_aliases === undefined ? {} : stringMap(config.version_aliases, version);
    versions[version] = { baseAliases, bases };
  }
  return {
    processors: stringList(scope.processors, `${where}.processors`),
    aliases: aliasesOf(scope, Object.keys(versions), `${where}.version_aliases`),
    versions,
  };
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function flat(value: Data): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Data>);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k)}: ${flat(v)}`).join(', ')} }`;
}

/** Prints a value on one line when it fits, else one member per line, recursively: the layout Biome settles on. */
function literal(value: Data, indent: string, head: string, tail: string): string[] {
  const line = `${indent}${head}${flat(value)}${tail}`;
  if (line.length <= LINE_WIDTH || typeof value !== 'object') return [line];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return [`${indent}${head}[`, ...value.flatMap((item) => literal(item, inner, '', ',')), `${indent}]${tail}`];
  }
  const members = Object.entries(value as Record<string, Data>);
  return [
    `${indent}${head}{`,
    ...members.flatMap(([k, v]) => literal(v, inner, `${key(k)}: `, ',')),
    `${indent}}${tail}`,
  ];
}

/** Reads the SDK's README for the snapshot date, so the table says how fresh its facts are. */
function snapshotDate(sourceDir: string): string {
  const readme = readFileSync(join(sourceDir, 'README.md'), 'utf8');
  return /snapshot of (\d{4}-\d{2}-\d{2})/.exec(readme)?.[1] ?? fail('README.md', 'no "snapshot of YYYY-MM-DD"');
}

/**
 * Builds the text of `table.generated.ts` from the SDK's tables in `sourceDir`. Pure apart from reading those files,
 * so the tests can check that the committed table is what this gives.
 */
export function buildImageTableSource(sourceDir: string = DEFAULT_SOURCE_DIR): string {
  const date = snapshotDate(sourceDir);
  const accounts = new AccountMaps();
  const frameworks: Record<string, Data> = {};
  for (const framework of FRAMEWORKS) {
    const json = object(JSON.parse(readFileSync(join(sourceDir, `${framework}.json`), 'utf8')), `${framework}.json`);
    const scope = object(json.inference, `${framework}.inference`);
    frameworks[framework] =
      framework === 'huggingface' ? huggingFaceImages(scope, accounts) : frameworkImages(framework, scope, accounts);
  }

  const regions = [...new Set(accounts.maps.flatMap((map) => Object.keys(map)))].sort();
  const dnsSuffixes: Record<string, string> = {};
  for (const region of regions) {
    const suffix = partition(region).dnsSuffix;
    if (suffix !== 'amazonaws.com') dnsSuffixes[region] = suffix;
  }

  const lines = [
    '// Generated by `npx tsx scripts/images/build-image-table.ts` from the SageMaker Python SDK image tables',
    `// (../shared/sagemaker-image-uris, snapshot of ${date}). Do not edit: change the script and run it again.`,
    '// Inference images only; the region → account maps are stored once each and referred to by index.',
    '',
    "import type { ImageTable } from './types.js';",
    '',
    '/** The SageMaker framework inference images modelship can resolve. See `resolve.ts`. */',
    'export const IMAGE_TABLE: ImageTable = {',
    `  snapshot: '${date}',`,
    ...literal(dnsSuffixes, '  ', 'dnsSuffixes: ', ','),
    '  accounts: [',
    ...accounts.maps.flatMap((map, index) => {
      const users = [...accounts.users[index]!].map(([name, count]) => `${name} (${count})`).join(', ');
      return [`    // ${index}: ${users}`, ...literal(map, '    ', '', ',')];
    }),
    '  ],',
    ...literal(frameworks, '  ', 'frameworks: ', ','),
    '};',
    '',
  ];
  return lines.join('\n');
}

function main(args: readonly string[]): void {
  const check = args.includes('--check');
  const sourceDir = args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_SOURCE_DIR;
  const source = buildImageTableSource(sourceDir);
  if (check) {
    const current = readFileSync(OUTPUT_PATH, 'utf8');
    if (current !== source) {
      console.error(`${OUTPUT_PATH} is out of date. Run: npx tsx scripts/images/build-image-table.ts`);
      process.exit(1);
    }
    console.log(`${OUTPUT_PATH} is up to date.`);
    return;
  }
  writeFileSync(OUTPUT_PATH, source);
  console.log(`Wrote ${OUTPUT_PATH} (${Buffer.byteLength(source)} bytes).`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
