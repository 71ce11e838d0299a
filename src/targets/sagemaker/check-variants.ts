/**
 * Checks the models served beside the deployment's own on one real-time endpoint: A/B production variants and a
 * shadow variant. Names follow SageMaker's rule and must differ (SageMaker compares them ignoring case).
 */
import { validateResourceName } from '../../aws/naming.js';
import { integerOption, objectOption, stringOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import type { ModelSource } from '../../model/source.js';
import type { RealtimeOptions, VariantOptions } from './options.js';
import { INSTANCE_TYPE, INSTANCE_TYPE_TEXT, UNBOUNDED } from './patterns.js';

/** One more production variant, or the shadow variant, of a real-time endpoint. */
export interface VariantSetting {
  readonly name: string;
  readonly source: ModelSource;
  readonly instanceType: string;
  readonly instanceCount: number;
}

/** The checked variants of a real-time endpoint. */
export interface VariantSettings {
  /** Production variants besides the deployment's own, in the order given. */
  readonly variants: readonly VariantSetting[];
  readonly shadow?: VariantSetting & { readonly samplingPercent: number };
}

/**
 * Checks the extra production variants and the shadow variant of a real-time endpoint.
 * @param instanceType - the endpoint's own instance type, the variants' default.
 * @throws {@link InvalidArgumentError} naming the option at fault.
 */
export function checkVariants(options: RealtimeOptions, instanceType: string): VariantSettings {
  const primary = options.variantName ?? 'AllTraffic';
  const { variants, shadow } = options;
  if (variants !== undefined && shadow !== undefined) {
    throw new InvalidArgumentError(
      'shadow',
      'A shadow variant goes with one production variant: SageMaker does not pair it with several. Drop variants, ' +
        'or run the shadow test on an endpoint of its own.',
    );
  }
  const names = new Set([primary.toLowerCase()]);
  const checked: VariantSetting[] = [];
  if (variants !== undefined) {
    objectOption('variants', variants, "{ challenger: { model: Model.fromS3('s3://…') } }");
    for (const [name, variant] of Object.entries(variants)) {
      checked.push(checkVariant(`variants.${name}`, name, variant, instanceType, names));
    }
  }
  if (shadow === undefined) return { variants: checked };
  const name = shadow.variantName ?? 'shadow';
  return {
    variants: checked,
    shadow: {
      ...checkVariant('shadow', name, shadow, instanceType, names),
      samplingPercent: integerOption('shadow.samplingPercent', shadow.samplingPercent, 1, 100, 100),
    },
  };
}

function checkVariant(
  argument: string,
  name: string,
  variant: VariantOptions,
  instanceType: string,
  taken: Set<string>,
): VariantSetting {
  validateResourceName(name, `${argument}.variantName`);
  if (taken.has(name.toLowerCase())) {
    throw new InvalidArgumentError(argument, `Two variants are named "${name}"; SageMaker needs each name once.`);
  }
  taken.add(name.toLowerCase());
  objectOption(argument, variant, "{ model: Model.fromS3('s3://…') }");
  const source = variant.model?.source;
  if (typeof source !== 'object' || source === null || (source.kind !== 's3' && source.kind !== 'image')) {
    throw new InvalidArgumentError(
      `${argument}.model`,
      `${argument}.model must be a model in S3 or a container image (Model.fromS3 or Model.fromImage).`,
    );
  }
  return {
    name,
    source,
    instanceType:
      stringOption(`${argument}.instanceType`, variant.instanceType, INSTANCE_TYPE, INSTANCE_TYPE_TEXT) ?? instanceType,
    instanceCount: integerOption(`${argument}.instanceCount`, variant.instanceCount, 1, UNBOUNDED, 1),
  };
}
