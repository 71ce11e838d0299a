/**
 * The `model` of a plain config: one of the `Model.from…` factories, named by its key, with the options that
 * factory takes (and no others).
 */
import * as z from 'zod';
import type { Framework } from '../../../model/source.js';
import { oneOf, path, strict, stringMap } from './strict.js';

/** Every framework `Model.fromFile/fromDirectory/fromS3` knows. */
export const FRAMEWORKS = ['onnx', 'sklearn', 'xgboost', 'pytorch', 'tensorflow', 'huggingface'] as const;
// A compile error here means src/model/source.ts gained a framework the config schema does not accept yet.
const everyFramework: readonly Framework[] = FRAMEWORKS satisfies readonly Framework[];
void everyFramework;
type MissingFramework = Exclude<Framework, (typeof FRAMEWORKS)[number]>;
const noFrameworkMissing: [MissingFramework] extends [never] ? true : MissingFramework = true;
void noFrameworkMissing;

const framework = {
  /** The framework the model was trained with; picks the serving container. */
  framework: z.enum(FRAMEWORKS).optional(),
  /** The framework's version, as the serving container images name it (`1.2-1` for scikit-learn). */
  frameworkVersion: z.string().optional(),
  /** The Python version of the container (`py310`), where the framework's images differ by it. */
  pyVersion: z.string().optional(),
};

const containerEnv = {
  /** Environment variables for the serving container. */
  env: stringMap.optional(),
};

/** The model forms, by the key that names them (the order in the error message when none matches). */
export const modelForms = {
  file: strict({
    /** A model in one local file, such as `./iris.onnx` (`Model.fromFile`). */
    file: path,
    ...framework,
  }),
  directory: strict({
    /** A model in a local folder: one `.onnx` file, or the files of a `model.tar.gz` (`Model.fromDirectory`). */
    directory: path,
    ...framework,
  }),
  s3: strict({
    /** A model artifact already in S3, `s3://bucket/key`, usually a `model.tar.gz` (`Model.fromS3`). */
    s3: z.string(),
    ...framework,
    /** A serving container image to use instead of the framework's own. */
    image: z.string().optional(),
    ...containerEnv,
  }),
  image: strict({
    /** A container image that serves the model itself, e.g. an ECR image URI (`Model.fromImage`). */
    image: z.string(),
    /** An artifact the container downloads, `s3://bucket/key` (SageMaker's `ModelDataUrl`). */
    modelData: z.string().optional(),
    ...containerEnv,
  }),
  handler: strict({
    /** A JavaScript module exporting `predict(input, context)` (`Model.fromHandler`). */
    handler: path,
  }),
  registry: strict({
    /** A registry version, `'name@alias'` or `'name@3'`, from the config's `registry` (`Model.fromRegistry`). */
    registry: z.string(),
  }),
};

/** A model that can be a variant of an endpoint: every form but `registry` (a variant is resolved up front). */
export const variantModelSchema = oneOf(
  [modelForms.file, modelForms.directory, modelForms.s3, modelForms.image, modelForms.handler],
  'one of { file }, { directory }, { s3 }, { image }, { handler }',
);

/** Any model form. */
export const modelSchema = oneOf(
  [modelForms.file, modelForms.directory, modelForms.s3, modelForms.image, modelForms.handler, modelForms.registry],
  'one of { file }, { directory }, { s3 }, { image }, { handler } (with framework, frameworkVersion, env where ' +
    'the Model.from… factory takes them) or { registry: "name@alias" }',
);
