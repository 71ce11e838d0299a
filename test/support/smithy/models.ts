/**
 * Finds, parses and caches the AWS Smithy JSON AST models in `../shared/aws-models` (next to the repository).
 *
 * A model is parsed the first time one of its operations is validated and then kept for the life of the
 * worker process: the SageMaker model alone is several MB and takes ~100 ms to parse.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localName, PRELUDE, type Shape, type SmithyModel, TRAIT } from './ast.js';

/** One AWS service's model, indexed for validation. */
export interface ServiceModel {
  /** `aws.api#service` `sdkId`, e.g. `SageMaker Runtime`. Equals the SDK client's `config.serviceId`. */
  readonly sdkId: string;
  /** The model file it was read from. */
  readonly file: string;
  /** Operation shape ids by operation name, e.g. `CreateEndpoint` → `com.amazonaws.sagemaker#CreateEndpoint`. */
  readonly operations: ReadonlyMap<string, string>;
  /** The shape with this id, including Smithy prelude shapes; `undefined` when the model lacks it. */
  shape(shapeId: string): Shape | undefined;
}

// Overrides the default location, e.g. in CI where the models are checked out elsewhere. Read when a model is
// first needed, never at import.
const DIR_ENV = 'MODELSHIP_AWS_MODELS_DIR';

// This file is test/support/smithy/models.ts: four levels up is the directory that holds the repository.
const DEFAULT_DIR = fileURLToPath(new URL('../../../../shared/aws-models/', import.meta.url));

/** The directory the models are read from. */
export function modelsDir(): string {
  const fromEnv = process.env[DIR_ENV];
  return fromEnv ? resolve(fromEnv) : DEFAULT_DIR;
}

// Kept on globalThis, not in module scope, so that a worker that re-imports this module for every test file
// (vitest's per-file isolation) still parses each model once.
const CACHE_KEY = Symbol.for('modelship.test.awsModels');
type Cache = Map<string, ServiceModel>;

function cache(): Cache {
  const holder = globalThis as { [CACHE_KEY]?: Cache };
  holder[CACHE_KEY] ??= new Map();
  return holder[CACHE_KEY];
}

/**
 * The model of the service whose SDK `serviceId` / model `sdkId` is `sdkId`.
 *
 * @throws Error when the models directory or a model for `sdkId` does not exist.
 */
export function loadServiceModel(sdkId: string): ServiceModel {
  const dir = modelsDir();
  const key = `${dir}\0${sdkId}`;
  const cached = cache().get(key);
  if (cached) return cached;
  const model = findModel(dir, sdkId);
  cache().set(key, model);
  return model;
}

/** The sdkIds of every model in the models directory (parses every file: for error messages and tests only). */
export function availableSdkIds(): string[] {
  const dir = modelsDir();
  return modelFiles(dir)
    .map((file) => serviceSdkId(parse(join(dir, file))))
    .filter((id): id is string => id !== undefined)
    .sort();
}

function findModel(dir: string, sdkId: string): ServiceModel {
  const files = modelFiles(dir);
  // AWS names model files after the sdkId ("SageMaker Runtime" → sagemaker-runtime.json); try that first so
  // only one file is read in the usual case.
  const guess = `${sdkId.toLowerCase().replace(/\s+/g, '-')}.json`;
  const ordered = files.includes(guess) ? [guess, ...files.filter((f) => f !== guess)] : files;
  const needle = JSON.stringify(sdkId);
  for (const file of ordered) {
    const path = join(dir, file);
    if (file !== guess && !readFileSync(path, 'utf8').includes(needle)) continue;
    const model = parse(path);
    if (serviceSdkId(model) === sdkId) return index(sdkId, path, model);
  }
  throw new Error(
    `No AWS model with sdkId ${needle} in ${dir} (files: ${files.join(', ') || 'none'}). ` +
      'Add the service model from https://github.com/aws/api-models-aws, or check the client’s config.serviceId.',
  );
}

function modelFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new Error(
      `AWS Smithy models not found at ${dir}. They are expected in ../shared/aws-models next to the repository; ` +
        `set ${DIR_ENV} to their directory.`,
    );
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function parse(path: string): SmithyModel {
  const model = JSON.parse(readFileSync(path, 'utf8')) as SmithyModel;
  if (typeof model !== 'object' || model === null || typeof model.shapes !== 'object') {
    throw new Error(`${path} is not a Smithy JSON AST model (no "shapes")`);
  }
  return model;
}

function serviceSdkId(model: SmithyModel): string | undefined {
  for (const shape of Object.values(model.shapes)) {
    if (shape.type !== 'service') continue;
    const trait = shape.traits?.[TRAIT.awsService] as { sdkId?: unknown } | undefined;
    if (typeof trait?.sdkId === 'string') return trait.sdkId;
  }
  return undefined;
}

function index(sdkId: string, file: string, model: SmithyModel): ServiceModel {
  // Each AWS model file holds exactly one service, so every operation shape in it belongs to that service
  // (whether bound directly or through a resource).
  const operations = new Map<string, string>();
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.type === 'operation') operations.set(localName(id), id);
  }
  const shapes = model.shapes;
  return {
    sdkId,
    file,
    operations,
    shape: (id) => shapes[id] ?? PRELUDE[id],
  };
}
