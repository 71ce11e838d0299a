/** The `Target` a plain config's `target` describes, made with the factory the fluent API would call. */
import type { Model } from '../../deploy/model.js';
import { Lambda } from '../../targets/lambda/index.js';
import { Local } from '../../targets/local/index.js';
import type { VariantOptions } from '../../targets/sagemaker/index.js';
import { SageMaker } from '../../targets/sagemaker/index.js';
import type { Target, TargetFeatures } from '../../targets/target.js';
import { inDir, staticModelOf } from './model.js';
import type { ParsedConfig } from './schema/config.js';

type TargetSpec = ParsedConfig['target'];
type VariantSpec = Parameters<typeof staticModelOf>[0];

/**
 * The target, with relative paths (the Local async store's folder, variants' model files) taken from `dir`.
 * @throws {@link InvalidArgumentError} for an option the target refuses (its own check and message).
 */
export function targetOf(spec: TargetSpec, dir: string): Target<TargetFeatures> {
  switch (spec.type) {
    case 'local': {
      const { type, async, ...options } = spec;
      if (async === undefined) return Local(options);
      const store = 'folder' in async.store ? { folder: inDir(dir, async.store.folder) } : async.store;
      return Local({ ...options, async: { ...async, store } });
    }
    case 'sagemaker-realtime': {
      const { type, variants, shadow, ...options } = spec;
      return SageMaker.realtime({
        ...options,
        ...(variants === undefined ? {} : { variants: mapValues(variants, (variant) => withModel(variant, dir)) }),
        ...(shadow === undefined ? {} : { shadow: withModel(shadow, dir) }),
      }) as Target<TargetFeatures>;
    }
    case 'sagemaker-serverless': {
      const { type, ...options } = spec;
      return SageMaker.serverless(options) as Target<TargetFeatures>;
    }
    case 'sagemaker-async': {
      const { type, ...options } = spec;
      return SageMaker.async(options) as Target<TargetFeatures>;
    }
    case 'lambda': {
      const { type, ...options } = spec;
      return Lambda(options) as Target<TargetFeatures>;
    }
  }
}

/** A variant's options with its `model` made a `Model`. */
function withModel<V extends { readonly model: VariantSpec }>(variant: V, dir: string): V & VariantOptions {
  const model: Model = staticModelOf(variant.model, dir);
  return { ...variant, model };
}

function mapValues<V, R>(record: Readonly<Record<string, V>>, map: (value: V) => R): Record<string, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
