/**
 * Loads `onnxruntime-node`, an optional peer dependency: only users who serve ONNX models locally install it, so it
 * is imported on first use and typed here against the small part of its API modelship uses.
 */
import { DependencyMissingError } from '../../../errors.js';

/** A tensor as onnxruntime hands it out. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** What onnxruntime knows of a model input or output (`inputMetadata`, onnxruntime 1.21 and later). */
export interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  /** e.g. `float32`, `int64`. */
  readonly type?: string;
  /** Sizes, or symbolic names for dynamic dimensions; `[]` when the model does not say. */
  readonly shape?: readonly (number | string)[];
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Absent before onnxruntime 1.21. */
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  /** `fetches`: the outputs to compute. */
  run(feeds: Record<string, OrtTensor>, fetches: readonly string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

/** The part of the `onnxruntime-node` module modelship uses. */
export interface OrtModule {
  readonly InferenceSession: { create(path: string, options?: OrtSessionOptions): Promise<OrtSession> };
  readonly Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
}

const PACKAGE = 'onnxruntime-node';

let cached: Promise<OrtModule> | undefined;

/**
 * Imports `onnxruntime-node` once per process.
 * @param importer - How to import it; tests pass one that fails.
 * @throws DependencyMissingError when the package is not installed.
 */
export function loadOrt(importer?: () => Promise<unknown>): Promise<OrtModule> {
  if (importer !== undefined) return importModule(importer);
  if (cached === undefined) {
    const loading = importModule(() => import('onnxruntime-node'));
    cached = loading;
    // Forget a failure, so installing the package in a running REPL or dev server and trying again works.
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
  }
  return cached;
}

async function importModule(importer: () => Promise<unknown>): Promise<OrtModule> {
  let loaded: unknown;
  try {
    loaded = await importer();
  } catch (error) {
    if (isModuleNotFound(error)) {
      throw new DependencyMissingError(PACKAGE, 'Serving an ONNX model with the Local target', { cause: error });
    }
    throw error;
  }
  // Node's ESM view of this CommonJS package puts the exports on `default`; bundlers may flatten them.
  const module = loaded as Partial<OrtModule> & { default?: Partial<OrtModule> };
  const ort = module.InferenceSession !== undefined ? module : module.default;
  if (ort?.InferenceSession === undefined || ort.Tensor === undefined) {
    throw new DependencyMissingError(
      PACKAGE,
      'Serving an ONNX model with the Local target (the installed copy does not export InferenceSession and Tensor)',
    );
  }
  return ort as OrtModule;
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(PACKAGE);
}
