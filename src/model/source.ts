/**
 * Where a model's artifact comes from. This is a description only: reading, packaging and uploading
 * happen in the targets that need them, so a `Model` can be built and planned without touching anything.
 */

/** Known ML frameworks, for container image resolution. */
export type Framework = 'onnx' | 'sklearn' | 'xgboost' | 'pytorch' | 'tensorflow' | 'huggingface';

/** Framework and version of a model, where a target needs them to pick a serving container. */
export interface FrameworkInfo {
  readonly framework?: Framework;
  readonly frameworkVersion?: string;
  readonly pyVersion?: string;
}

/** An artifact in S3, usually a `model.tar.gz`. */
export interface S3Source extends FrameworkInfo {
  readonly kind: 's3';
  readonly uri: string;
  readonly image?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** One local file, such as `model.onnx`. */
export interface FileSource extends FrameworkInfo {
  readonly kind: 'file';
  /** Absolute path. */
  readonly path: string;
}

/** A local folder holding the model's files. */
export interface DirectorySource extends FrameworkInfo {
  readonly kind: 'directory';
  /** Absolute path. */
  readonly path: string;
}

/** A JavaScript module exporting `load()` and `predict(input, context)`. */
export interface HandlerSource {
  readonly kind: 'handler';
  /** Absolute path of the module. */
  readonly path: string;
}

/** A container image that serves the model itself. */
export interface ImageSource {
  readonly kind: 'image';
  readonly imageUri: string;
  /** Optional artifact the container downloads (`ModelDataUrl`). */
  readonly modelData?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Every kind of model source. */
export type ModelSource = S3Source | FileSource | DirectorySource | HandlerSource | ImageSource;
