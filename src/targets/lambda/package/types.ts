/**
 * What {@link packageFunction} takes and returns.
 */
import type { DirectorySource, FileSource, HandlerSource } from '../../../model/source.js';

/** The model sources a function package can hold: what the Local target runs. */
export type PackageableSource = FileSource | DirectorySource | HandlerSource;

/** Lambda's instruction set architectures. */
export type PackageArchitecture = 'x86_64' | 'arm64';

/** Options of {@link packageFunction}. */
export interface PackageFunctionOptions {
  /** The function's architecture: decides which onnxruntime binary goes in. */
  readonly architecture: PackageArchitecture;
  /**
   * The folder to write the zip into (created if missing).
   * @default a new folder in the system's temp folder
   */
  readonly workDir?: string;
  /** Stops packaging; the promise then rejects with `AbortedError` and no zip is left behind. */
  readonly signal?: AbortSignal;
}

/** A function package, ready for Lambda. */
export interface LambdaFunctionPackage {
  /** The zip file: `function-<first 12 hex digits of its SHA-256>.zip` in the work folder. */
  readonly path: string;
  /** SHA-256 of the zip, lower-case hex. The same inputs always give the same zip, so the same hash. */
  readonly sha256: string;
  /** The same hash in base64, as Lambda reports it (`CodeSha256`): equal means the function already has this code. */
  readonly codeSha256: string;
  /** Size of the zip. */
  readonly bytes: number;
  /** Total size of the files once extracted, which Lambda limits to 250 MB. */
  readonly unzippedBytes: number;
  /** The zip's entries (files only), sorted. */
  readonly entries: string[];
  /** The function's `Handler`. */
  readonly handler: 'index.handler';
  /** True when the zip is over Lambda's 50 MB direct-upload limit: upload it to S3 and pass `S3Bucket`/`S3Key`. */
  readonly needsS3Upload: boolean;
  readonly architecture: PackageArchitecture;
  /** The Local runner the function loads the model with. */
  readonly runner: 'onnx' | 'handler';
  /** The file it loads, as a zip entry: `model/iris.onnx`, `model/handler.mjs`. */
  readonly model: string;
}
