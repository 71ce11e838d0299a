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
  framework: z.enum(FRAMEWORKS).optional(),
  frameworkVersion: z.string().optional(),
  pyVersion: z.string().optional(),
};

/** The model forms, by the key that names them (the order in the error message when none matches). */
export const modelForms = {
  file: strict({ file: path, ...framework }),
  directory: strict({ directory: path, ...framework }),
  s3: strict({ s3: z.string(), ...framework, image: z.string().optional(), env: stringMap.optional() }),
  image: strict({ image: z.string(), modelData: z.string().optional(), env: stringMap.optional() }),
  handler: strict({ handler: path }),
  registry: strict({ registry: z.string() }),
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
