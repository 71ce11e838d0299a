/**
 * Container image resolution: framework + version + region + processor → the URI of the SageMaker framework image
 * (scikit-learn, XGBoost) or AWS Deep Learning Container (PyTorch, TensorFlow, Hugging Face) that serves the model.
 *
 * Pure: the facts are in `table.generated.ts`, built from the SageMaker Python SDK's tables; tags are built the way
 * the SDK builds them: `<version>[-<processor>][-<python>][-<container version>]`, and for Hugging Face
 * `<base version>-transformers<version>-<processor>-<python>-<cuda/os>`.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { Framework } from '../source.js';
import { type InstanceProcessor, processorOf } from './processor.js';
import { IMAGE_TABLE } from './table.generated.js';
import type { HuggingFaceVersion, ImageVersion } from './types.js';

/** The framework a Hugging Face (transformers) image is built on. */
export type BaseFramework = 'pytorch' | 'tensorflow';

/** What to resolve an image for. */
export interface ImageRequest {
  readonly framework: Framework;
  /**
   * The framework version, e.g. `1.2-1` (sklearn), `1.7-1` (xgboost), `2.1.0` (pytorch). For `huggingface`, the
   * `transformers` version (`4.37.0`). Short forms listed in the table are accepted (`2.1` → `2.1.0`, `1.2` → `1.2-1`).
   */
  readonly frameworkVersion: string;
  /** The AWS region of the endpoint, e.g. `us-east-1`. The image must come from that region's registry. */
  readonly region: string;
  /** The instance type of a real-time endpoint. Leave it out for serverless endpoints, which run on CPU. */
  readonly instanceType?: string;
  /**
   * The Python version, `py310` or `3.10`. Needed only when an image exists for several; ignored when the image's
   * tag names none (TensorFlow Serving, XGBoost 1.2-1 and later), since there is then only one image to pick.
   */
  readonly pyVersion?: string;
  /** Hugging Face only: the base framework. Needed only when the `transformers` version has images on both. */
  readonly baseFramework?: BaseFramework;
  /** Hugging Face only: the base framework version (`2.1.0`, or `2.1`). Needed only when there are several. */
  readonly baseFrameworkVersion?: string;
}

type ImageFramework = Exclude<Framework, 'onnx'>;
const IMAGE_FRAMEWORKS: readonly ImageFramework[] = ['sklearn', 'xgboost', 'pytorch', 'tensorflow', 'huggingface'];
const FROM_IMAGE = 'use Model.fromImage(imageUri) with an image of your own';

function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, message);
}

function has<T>(record: Readonly<Record<string, T>>, key: string): boolean {
  // Own keys only: a version such as "constructor" must not find Object.prototype.
  return typeof key === 'string' && Object.hasOwn(record, key);
}

function describeAliases(aliases: Readonly<Record<string, string>>): string {
  const entries = Object.entries(aliases);
  return entries.length === 0
    ? ''
    : ` Short forms: ${entries.map(([short, full]) => `${short} → ${full}`).join(', ')}.`;
}

/** Looks a version up, through the aliases; an unknown one fails with the list of what exists. */
function pickVersion<T>(
  what: string,
  requested: string | undefined,
  versions: Readonly<Record<string, T>>,
  aliases: Readonly<Record<string, string>>,
): { readonly version: string; readonly entry: T } {
  const version = typeof requested === 'string' && has(aliases, requested) ? aliases[requested]! : requested;
  if (typeof version === 'string' && has(versions, version)) return { version, entry: versions[version]! };
  const asked = requested === undefined || requested === '' ? 'no frameworkVersion was given' : `"${requested}"`;
  return fail(
    'frameworkVersion',
    `There is no SageMaker ${what} inference image for ${asked} (image table of ${IMAGE_TABLE.snapshot}). ` +
      `Supported versions: ${Object.keys(versions).join(', ')}.${describeAliases(aliases)} ` +
      `Set frameworkVersion to one of these, or ${FROM_IMAGE}.`,
  );
}

/** The processor to pick an image for: the instance type's, or CPU for serverless endpoints. */
function requestProcessor(instanceType: string | undefined): InstanceProcessor {
  if (instanceType === undefined) return 'cpu';
  const processor = processorOf(instanceType);
  if (processor === 'inf' || processor === 'trn') {
    fail(
      'instanceType',
      `${instanceType} is an AWS ${processor === 'inf' ? 'Inferentia' : 'Trainium'} instance: it needs a model compiled ` +
        `with AWS Neuron and a Neuron image, which modelship does not resolve. Choose a CPU or GPU instance type, or ${FROM_IMAGE} (a Neuron Deep Learning Container).`,
    );
  }
  if (processor === 'graviton') {
    fail(
      'instanceType',
      `${instanceType} is an Arm (Graviton) instance and modelship resolves x86 images only. Choose an x86 instance ` +
        `type such as ml.m5.large or ml.c6i.large, or ${FROM_IMAGE} (built for arm64).`,
    );
  }
  return processor;
}

/** Accepts `py310`, `3.10` and `310` for the same Python. */
function normalizePyVersion(pyVersion: string): string {
  const match = /^(?:py)?(\d+)(?:\.(\d+))?$/.exec(pyVersion);
  return match === null ? pyVersion : `py${match[1]}${match[2] ?? ''}`;
}

function pickPyVersion(what: string, requested: string | undefined, available?: readonly string[]): string | undefined {
  if (available === undefined || available.length === 0) return undefined;
  if (requested === undefined) {
    if (available.length === 1) return available[0];
    fail('pyVersion', `${what} has images for several Python versions: ${available.join(', ')}. Set pyVersion to one.`);
  }
  const pyVersion = normalizePyVersion(requested);
  if (available.includes(pyVersion)) return pyVersion;
  return fail(
    'pyVersion',
    `${what} has no image for Python ${JSON.stringify(requested)}; it has: ${available.join(', ')}. ` +
      `Set pyVersion to one of these (or leave it out when there is only one), or ${FROM_IMAGE}.`,
  );
}

/** Picks the Hugging Face image: `transformers` version, then base framework, then base framework version. */
function pickHuggingFace(request: ImageRequest): { entry: ImageVersion; tagPrefix: string; what: string } {
  const images = IMAGE_TABLE.frameworks.huggingface;
  const { version, entry } = pickVersion<HuggingFaceVersion>(
    'huggingface (transformers)',
    request.frameworkVersion,
    images.versions,
    images.aliases,
  );
  const bases = Object.keys(entry.bases);
  const describe = (keys: readonly string[]) => keys.map((key) => key.replace(/^([a-z]+)/, '$1 ')).join(', ');
  const families = [...new Set(bases.map((key) => (key.startsWith('pytorch') ? 'pytorch' : 'tensorflow')))];
  const family = request.baseFramework ?? (families.length === 1 ? families[0]! : undefined);
  if (family === undefined || !families.includes(family)) {
    fail(
      'baseFramework',
      `transformers ${version} has Hugging Face inference images on: ${describe(bases)}. ` +
        `Set baseFramework to ${families.map((name) => `'${name}'`).join(' or ')}` +
        `${request.baseFramework === undefined ? '' : ` (not '${request.baseFramework}')`}, or pick another transformers version.`,
    );
  }
  const candidates = bases.filter((key) => key.startsWith(family));
  let baseKey: string | undefined;
  if (request.baseFrameworkVersion === undefined) {
    baseKey = candidates.length === 1 ? candidates[0] : undefined;
  } else {
    const asked = `${family}${request.baseFrameworkVersion.replace(/^(pytorch|tensorflow)/, '')}`;
    baseKey = has(entry.baseAliases, asked) ? entry.baseAliases[asked] : asked;
  }
  if (baseKey === undefined || !candidates.includes(baseKey)) {
    const asked = request.baseFrameworkVersion === undefined ? '' : ` (not ${request.baseFrameworkVersion})`;
    return fail(
      'baseFrameworkVersion',
      `transformers ${version} has ${family} images for: ${describe(candidates)}.${describeAliases(entry.baseAliases)} ` +
        `Set baseFrameworkVersion to one of these${asked}, or pick another transformers version.`,
    );
  }
  const baseVersion = baseKey.slice(family.length);
  return {
    entry: entry.bases[baseKey]!,
    tagPrefix: `${baseVersion}-transformers${version}`,
    what: `huggingface transformers ${version} on ${family} ${baseVersion}`,
  };
}

function atLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = minimum.split(/[.-]/).map(Number);
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]!;
  return true;
}

/**
 * The URI of the SageMaker framework image (scikit-learn, XGBoost) or AWS Deep Learning Container (PyTorch,
 * TensorFlow, Hugging Face) that serves a model of the given framework and version, for the endpoint's region and
 * processor (CPU or GPU, from the instance type; CPU for serverless endpoints).
 *
 * @example
 * ```ts
 * resolveImageUri({ framework: 'pytorch', frameworkVersion: '2.1', region: 'us-east-1', instanceType: 'ml.g5.xlarge' });
 * // '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-gpu-py310'
 * ```
 *
 * @param request - The framework, version, region, instance type and, where needed, Python and base framework.
 * @returns The image URI, with the full version in its tag (aliases are resolved, so the URI is reproducible).
 * @throws {@link InvalidArgumentError} when there is no such image: an `onnx` or unknown framework, an unknown version,
 *   Python or base framework (the message lists what exists), a region without the image (it lists the regions), a
 *   GPU instance for a CPU-only image, an Inferentia, Trainium or Graviton instance, or a malformed instance type.
 */
export function resolveImageUri(request: ImageRequest): string {
  const { framework, region, instanceType } = request;
  if (framework === 'onnx') {
    fail(
      'framework',
      'SageMaker has no framework container for ONNX models. Serve an ONNX model from a container of your own ' +
        `(for example NVIDIA Triton or an ONNX Runtime server) with Model.fromImage(imageUri, { modelData }), or export it to one of: ${IMAGE_FRAMEWORKS.join(', ')}.`,
    );
  }
  if (!IMAGE_FRAMEWORKS.includes(framework)) {
    fail(
      'framework',
      `modelship resolves SageMaker images for ${IMAGE_FRAMEWORKS.join(', ')}, not ${JSON.stringify(framework)}; otherwise ${FROM_IMAGE}.`,
    );
  }
  if (framework !== 'huggingface' && (request.baseFramework ?? request.baseFrameworkVersion) !== undefined) {
    fail(
      'baseFramework',
      `baseFramework and baseFrameworkVersion are for framework 'huggingface' only, not '${framework}'.`,
    );
  }

  let entry: ImageVersion;
  let processors: readonly string[] | undefined;
  let version = '';
  let tagPrefix: string;
  let what: string;
  if (framework === 'huggingface') {
    ({ entry, tagPrefix, what } = pickHuggingFace(request));
    processors = entry.processors ?? IMAGE_TABLE.frameworks.huggingface.processors;
  } else {
    const images = IMAGE_TABLE.frameworks[framework];
    ({ version, entry } = pickVersion(framework, request.frameworkVersion, images.versions, images.aliases));
    processors = entry.processors ?? images.processors;
    tagPrefix = version;
    what = `${framework} ${version}`;
  }

  const processor = requestProcessor(instanceType);
  // No processor list: one image serves CPU and GPU instances alike, and its tag names none (XGBoost 1.2-1 and later).
  if (processors !== undefined && !processors.includes(processor)) {
    fail(
      'instanceType',
      `${what} has ${processors.map((name) => name.toUpperCase()).join(' and ')} images only, and ` +
        `${instanceType ?? 'a serverless endpoint'} needs a ${processor.toUpperCase()} image. ` +
        `Choose a ${processors[0]!.toUpperCase()} instance type${processors.includes('cpu') ? ' such as ml.m5.large' : ''}, or ${FROM_IMAGE}.`,
    );
  }
  // SageMaker no longer runs PyTorch 1.13+ or TensorFlow 2.12+ on P2 instances (the SDK refuses them too).
  if (
    instanceType?.startsWith('ml.p2.') &&
    ((framework === 'pytorch' && atLeast(version, '1.13')) || (framework === 'tensorflow' && atLeast(version, '2.12')))
  ) {
    fail(
      'instanceType',
      `${what} does not run on P2 instances (${instanceType}); choose a newer GPU such as ml.g5.xlarge.`,
    );
  }

  const accounts = IMAGE_TABLE.accounts[entry.accounts]!;
  if (!has(accounts, region)) {
    fail(
      'region',
      `The ${what} image is not published in region ${JSON.stringify(region)}. It is in: ${Object.keys(accounts).join(', ')}. ` +
        'Deploy to one of these regions, or copy the image into an ECR repository in your region and use Model.fromImage(imageUri).',
    );
  }

  const pyVersion = pickPyVersion(what, request.pyVersion, entry.pyVersions);
  let containerVersion = entry.containerVersions?.[processor];
  // The SDK's one exception to its tables: PyTorch 1.6.0 on ml.p4d needs the CUDA 11 build, named by a tag suffix.
  if (framework === 'pytorch' && version === '1.6.0' && processor === 'gpu' && instanceType?.startsWith('ml.p4d.')) {
    containerVersion = 'cu110-ubuntu18.04';
  }
  const tag = [tagPrefix, processors === undefined ? undefined : processor, pyVersion, containerVersion]
    .filter((part) => part !== undefined)
    .join('-');
  const dnsSuffix = has(IMAGE_TABLE.dnsSuffixes, region) ? IMAGE_TABLE.dnsSuffixes[region] : 'amazonaws.com';
  return `${accounts[region]}.dkr.ecr.${region}.${dnsSuffix}/${entry.repository}:${tag}`;
}
