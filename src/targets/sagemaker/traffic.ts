/**
 * The traffic split of `withTraffic({ a: 90, b: 10 })`: percentages by production variant, checked against the
 * variants the target declares before anything is asked of AWS.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { EndpointSettings } from './check-options.js';

/** Production variant weights, in percent, by variant name. */
export type TrafficWeights = Readonly<Record<string, number>>;

/**
 * The weights of every production variant: `traffic` as checked, or all of it to the deployment's own variant.
 * @throws {@link InvalidArgumentError} (`argument: 'traffic'`) for an unknown or missing variant, a negative
 * weight, or weights that do not add up to 100.
 */
export function trafficWeights(settings: EndpointSettings, traffic: unknown): TrafficWeights {
  const primary = settings.variantName;
  const names = [primary, ...(settings.kind === 'realtime' ? settings.variants.map((variant) => variant.name) : [])];
  if (traffic === undefined) return Object.fromEntries(names.map((name) => [name, name === primary ? 100 : 0]));
  if (typeof traffic !== 'object' || traffic === null || Array.isArray(traffic)) {
    throw new InvalidArgumentError(
      'traffic',
      `withTraffic takes percentages by variant, e.g. { ${names.map((n) => `${n}: …`).join(', ')} }.`,
    );
  }
  const given = traffic as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      'traffic',
      `withTraffic names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a variant' : 'are not variants'} of this endpoint. Its variants are: ${names.join(', ')}` +
        (settings.kind === 'realtime' ? ' (declare more with SageMaker.realtime({ variants: { … } })).' : '.'),
    );
  }
  const missing = names.filter((name) => !(name in given));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      'traffic',
      `withTraffic must give every variant a share; missing: ${missing.join(', ')} (0 is allowed).`,
    );
  }
  for (const name of names) {
    const weight = given[name];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new InvalidArgumentError(
        'traffic',
        `The share of ${name} is ${String(weight)}; it must be a percentage from 0 to 100.`,
      );
    }
  }
  const total = names.reduce((sum, name) => sum + (given[name] as number), 0);
  if (Math.abs(total - 100) > 1e-6) {
    throw new InvalidArgumentError(
      'traffic',
      `The shares add up to ${total}%, not 100%: ${names.map((name) => `${name} ${String(given[name])}`).join(', ')}.`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, given[name] as number]));
}
