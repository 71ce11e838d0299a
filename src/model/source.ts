/**
 * Where a model's artifact comes from. This is a description only: reading, packaging and uploading
 * happen in the targets that need them, so a `Model` can be built and planned without touching anything.
 */

/**
 * Known ML frameworks, for container image resolution.
 *
 * @example
 * ```ts
 * Model.fromDirectory('./churn', { framework: 'sklearn', frameworkVersion: '1.2-1' });
 * ```
 */
export type Framework = 'onnx' | 'sklearn' | 'xgboost' | 'pytorch' | 'tensorflow' | 'huggingface';

/**
 * Framework and version of a model, where a target needs them to pick a serving container.
 *
 * @example
 * ```ts
 * const info: FrameworkInfo = { framework: 'pytorch', frameworkVersion: '2.1', pyVersion: 'py310' };
 * Model.fromS3('s3://ml-models/churn/model.tar.gz', info);
 * ```
 */
export interface FrameworkInfo {
  /** The framework the model was trained with; picks the serving container. */
  readonly framework?: Framework;
  /** The framework's version, as the serving container images name it (`1.2-1` for scikit-learn). */
  readonly frameworkVersion?: string;
  /** The Python version of the container (`py310`), where the framework's images differ by it. */
  readonly pyVersion?: string;
}

/**
 * An artifact in S3, usually a `model.tar.gz`.
 *
 * @example
 * ```ts
 * const model = Model.fromS3('s3://ml-models/churn/model.tar.gz', { framework: 'xgboost', frameworkVersion: '1.7-1' });
 * if (model.source.kind === 's3') console.log(model.source.uri);
 * ```
 */
export interface S3Source extends FrameworkInfo {
  /** Tells the sources apart. */
  readonly kind: 's3';
  /** The artifact's `s3://bucket/key` URI. */
  readonly uri: string;
  /** A serving container image to use instead of the framework's own. */
  readonly image?: string;
  /** Environment variables for the serving container. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * One local file, such as `model.onnx`.
 *
 * @example
 * ```ts
 * const { source } = Model.fromFile('iris.onnx');
 * if (source.kind === 'file') console.log(source.path); // /home/me/iris.onnx
 * ```
 */
export interface FileSource extends FrameworkInfo {
  /** Tells the sources apart. */
  readonly kind: 'file';
  /** Absolute path. */
  readonly path: string;
}

/**
 * A local folder holding the model's files.
 *
 * @example
 * ```ts
 * const { source } = Model.fromDirectory('./churn', { framework: 'sklearn' });
 * if (source.kind === 'directory') console.log(source.path);
 * ```
 */
export interface DirectorySource extends FrameworkInfo {
  /** Tells the sources apart. */
  readonly kind: 'directory';
  /** Absolute path. */
  readonly path: string;
}

/**
 * A JavaScript module exporting `load()` and `predict(input, context)`.
 *
 * @example
 * ```ts
 * const { source } = Model.fromHandler('./handler.mjs');
 * if (source.kind === 'handler') console.log(source.path);
 * ```
 */
export interface HandlerSource {
  /** Tells the sources apart. */
  readonly kind: 'handler';
  /** Absolute path of the module. */
  readonly path: string;
}

/**
 * A container image that serves the model itself.
 *
 * @example
 * ```ts
 * const { source } = Model.fromImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:3');
 * if (source.kind === 'image') console.log(source.imageUri);
 * ```
 */
export interface ImageSource {
  /** Tells the sources apart. */
  readonly kind: 'image';
  /** The image's URI in a registry SageMaker can pull from (ECR). */
  readonly imageUri: string;
  /** Optional artifact the container downloads (`ModelDataUrl`). */
  readonly modelData?: string;
  /** Environment variables for the container. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Every kind of model source.
 *
 * @example
 * ```ts
 * function describe(source: ModelSource): string {
 *   return source.kind === 's3' ? source.uri : source.kind === 'image' ? source.imageUri : source.path;
 * }
 * ```
 */
export type ModelSource = S3Source | FileSource | DirectorySource | HandlerSource | ImageSource;
