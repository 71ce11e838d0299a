import { isAbsolute, resolve } from 'node:path';
import {
  type BatchTransformOptions,
  type LocalTransformContext,
  runLocalTransform,
  runSageMakerTransform,
  type SageMakerTransformContext,
  type TransformJob,
} from '../batch/index.js';
import { InvalidArgumentError } from '../errors.js';
import type { Framework, FrameworkInfo, ModelSource } from '../model/source.js';
import type { Registry } from '../registry/registry.js';
import type { Target, TargetFeatures } from '../targets/target.js';
import { DeploymentBuilder } from './builder.js';
import { type RegisteredModel, resolveRegistered } from './registered.js';

/**
 * Options of {@link Model.fromS3}.
 *
 * @example
 * ```ts
 * Model.fromS3('s3://ml-models/churn/model.tar.gz', {
 *   framework: 'sklearn',
 *   frameworkVersion: '1.2-1',
 *   env: { LOG_LEVEL: 'info' },
 * });
 * ```
 */
export interface S3ModelOptions extends FrameworkInfo {
  /** A serving container image to use instead of the framework's own. */
  readonly image?: string;
  /** Environment variables for the serving container. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Options of {@link Model.fromImage}.
 *
 * @example
 * ```ts
 * Model.fromImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:3', {
 *   modelData: 's3://ml-models/churn/model.tar.gz',
 *   env: { WORKERS: '2' },
 * });
 * ```
 */
export interface ImageModelOptions {
  /** An artifact the container downloads at start (`s3://…/model.tar.gz`). */
  readonly modelData?: string;
  /** Environment variables for the container. */
  readonly env?: Readonly<Record<string, string>>;
}

const FRAMEWORKS: readonly Framework[] = ['onnx', 'sklearn', 'xgboost', 'pytorch', 'tensorflow', 'huggingface'];
// Bucket names: 3–63 characters of lower-case letters, digits, dots and hyphens (S3's general-purpose bucket rules).
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/;

/**
 * What is served: a model artifact and how to run it. Immutable: `deployTo` starts a new deployment builder and
 * leaves the model as it was, so one model can be deployed to several targets.
 *
 * @example
 * ```ts
 * const deployment = await Model.fromFile('iris.onnx').deployTo(Local()).deploy();
 * ```
 */
export class Model {
  /** Where the artifact comes from. */
  readonly source: ModelSource;
  /** The registry version it is, for a model from {@link Model.fromRegistry}. */
  readonly registered: RegisteredModel | undefined;

  private constructor(source: ModelSource, registered?: RegisteredModel) {
    this.source = Object.freeze(source);
    this.registered = registered;
    Object.freeze(this);
  }

  /**
   * The version a registry reference names — `'churn@production'` (an alias), `'churn@3'` (a version) — with its
   * artifact checked against the SHA-256 recorded at registration (again before every plan). Deployments of it are
   * tagged with the version, and `deployment.rollback()` moves the alias back and redeploys.
   *
   * @example
   * ```ts
   * const model = await Model.fromRegistry(Registry.local('./registry'), 'iris@production');
   * const deployment = await model.deployTo(Local()).deploy();
   * ```
   * @throws {@link NotFoundError} for an unknown model, version or alias.
   * @throws {@link IntegrityError} when the artifact is not what was registered.
   */
  static async fromRegistry(registry: Registry, ref: string, options: { signal?: AbortSignal } = {}): Promise<Model> {
    const { source, registered } = await resolveRegistered(registry, ref, options.signal);
    return new Model(source, registered);
  }

  /**
   * A model in one local file, such as `model.onnx`. The file is read when the deployment is planned.
   * @throws {@link InvalidArgumentError} when `path` is empty or `framework` is unknown.
   */
  static fromFile(path: string, info: FrameworkInfo = {}): Model {
    return new Model({ kind: 'file', path: absolutePath('path', path), ...checkFramework(info) });
  }

  /**
   * A model in a local folder: one `.onnx` file, or a `handler.js` for the Local target; the folder's contents
   * become `model.tar.gz` for SageMaker.
   * @throws {@link InvalidArgumentError} when `path` is empty or `framework` is unknown.
   */
  static fromDirectory(path: string, info: FrameworkInfo = {}): Model {
    return new Model({ kind: 'directory', path: absolutePath('path', path), ...checkFramework(info) });
  }

  /**
   * A JavaScript module that serves anything ONNX cannot express. It exports `predict(input, context)` and
   * optionally `load()` (called once; its result is `context.state`) and `predictStream(input, context)`.
   * @throws {@link InvalidArgumentError} when `path` is empty.
   */
  static fromHandler(path: string): Model {
    return new Model({ kind: 'handler', path: absolutePath('path', path) });
  }

  /**
   * A model artifact already in S3, usually a `model.tar.gz`. Nothing is read until the deployment is planned.
   * @throws {@link InvalidArgumentError} when `uri` is not `s3://bucket/key` or `framework` is unknown.
   */
  static fromS3(uri: string, options: S3ModelOptions = {}): Model {
    if (typeof uri !== 'string' || !S3_URI.test(uri)) {
      throw new InvalidArgumentError(
        'uri',
        `Model.fromS3 needs an S3 URI of the form s3://bucket/key (bucket: 3-63 lower-case letters, digits, dots or hyphens), got ${JSON.stringify(uri)}.`,
      );
    }
    return new Model({ kind: 's3', uri, ...checkFramework(options), image: options.image, env: options.env });
  }

  /**
   * A container image that serves the model itself, with an optional artifact it downloads.
   * @throws {@link InvalidArgumentError} when `imageUri` is empty or `modelData` is not an S3 URI.
   */
  static fromImage(imageUri: string, options: ImageModelOptions = {}): Model {
    if (typeof imageUri !== 'string' || imageUri.trim() === '' || /\s/.test(imageUri)) {
      throw new InvalidArgumentError(
        'imageUri',
        `Model.fromImage needs a container image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag, got ${JSON.stringify(imageUri)}.`,
      );
    }
    if (options.modelData !== undefined && !S3_URI.test(options.modelData)) {
      throw new InvalidArgumentError(
        'modelData',
        `modelData must be an S3 URI of the form s3://bucket/key, got ${JSON.stringify(options.modelData)}.`,
      );
    }
    return new Model({ kind: 'image', imageUri, modelData: options.modelData, env: options.env });
  }

  /**
   * Runs a batch transform of this model over files in S3 (a SageMaker transform job: its model is made for the
   * job and removed after it), or, with `{ local: true }`, over a local folder or S3 prefix on this machine with the
   * same contract, to check a job before paying for it.
   *
   * @example
   * ```ts
   * const job = await model.batchTransform(
   *   { input: 's3://ml-data/churn/2026-11/', output: 's3://ml-data/churn-scores/', instanceType: 'ml.m5.large',
   *     contentType: 'text/csv', splitType: 'Line', role },
   *   { aws: { region: 'eu-west-1' }, onEvent: console.log },
   * );
   * const { outputLocation } = await job.wait();
   * ```
   * @throws {@link InvalidArgumentError} for options outside SageMaker's limits (before any call).
   */
  batchTransform(
    options: BatchTransformOptions,
    context: SageMakerTransformContext | (LocalTransformContext & { readonly local: true }),
  ): Promise<TransformJob> {
    return 'local' in context && context.local
      ? runLocalTransform(this.source, options, context)
      : runSageMakerTransform(this.source, options, context as SageMakerTransformContext);
  }

  /** Starts describing a deployment of this model to `target`. Nothing happens until `plan()` or `deploy()`. */
  deployTo<F extends TargetFeatures>(target: Target<F>): DeploymentBuilder<F> {
    if (typeof target !== 'object' || target === null || typeof target.plan !== 'function') {
      throw new InvalidArgumentError(
        'target',
        'deployTo needs a target such as Local() or SageMaker.realtime({ … }), or an object implementing Target.',
      );
    }
    return DeploymentBuilder.start(this.source, target, this.registered);
  }
}

function absolutePath(argument: string, path: string): string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new InvalidArgumentError(argument, `${argument} must be a non-empty file system path.`);
  }
  return isAbsolute(path) ? path : resolve(path);
}

function checkFramework(info: FrameworkInfo): FrameworkInfo {
  if (info.framework !== undefined && !FRAMEWORKS.includes(info.framework)) {
    throw new InvalidArgumentError(
      'framework',
      `Unknown framework ${JSON.stringify(info.framework)}. Use one of: ${FRAMEWORKS.join(', ')}, or Model.fromImage for a container of your own.`,
    );
  }
  const { framework, frameworkVersion, pyVersion } = info;
  return { framework, frameworkVersion, pyVersion };
}
