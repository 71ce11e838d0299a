/**
 * The options of `Registry.register` and their checks. The limits are SageMaker's (`CustomerMetadataProperties`,
 * `ModelPackageDescription`), so a registration that works on the local registry works on every store.
 */
import { stringListOption, stringOption } from '../checks.js';
import { InvalidArgumentError } from '../errors.js';
import type { Lineage } from './types.js';

/**
 * Options of `Registry.register`.
 *
 * @example
 * ```ts
 * await registry.register(Model.fromFile('churn.onnx', { framework: 'onnx' }), {
 *   name: 'churn',
 *   version: '1.4.0',
 *   metrics: { auc: 0.91 },
 *   lineage: { run: 'mlflow:6f2c', commit: 'a1b2c3d' },
 *   contentTypes: ['application/json'],
 * });
 * ```
 */
export interface RegisterOptions {
  /** The model's name in the registry: 1–63 letters, digits and hyphens (`churn`). */
  readonly name: string;
  /**
   * The version to register: a semver (`1.4.0`) or a number. Omitted: the registry takes the next number
   * (highest numbered version + 1).
   */
  readonly version?: string;
  /** Free-form facts, up to 50: keys 1–128 and values 1–256 letters, digits, spaces and `_.:/=+-@`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Evaluation figures, up to 50, finite numbers: `{ auc: 0.91 }`. */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Up to 1024 characters. */
  readonly description?: string;
  /** Where the model came from (training run, data set, commit), with the same rules as `metadata`. */
  readonly lineage?: Lineage;
  /** MIME types the model takes, up to 10 (`['application/json']`). */
  readonly contentTypes?: readonly string[];
  /** Stops copying or packaging the artifact; registration then rejects with `AbortedError`. */
  readonly signal?: AbortSignal;
}

const MAX_ENTRIES = 50;
// SageMaker's CustomerMetadataKey / CustomerMetadataValue: letters, separators (spaces), numbers and `_.:/=+-@`.
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
const DESCRIPTION = /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]{0,1024}$/u;
const MIME_TYPE = /^[a-zA-Z0-9!#$&^_.+-]+\/[a-zA-Z0-9!#$&^_.+-]+(\s*;.{0,200})?$/;

/**
 * Checks the facts recorded with a version (not the name and version: see `names.ts`).
 * @throws {@link InvalidArgumentError} naming the option at fault, e.g. `metrics.auc`.
 */
export function checkRecordedOptions(options: RegisterOptions): void {
  stringMap('metadata', options.metadata);
  stringMap('lineage', options.lineage);
  numberMap('metrics', options.metrics);
  stringOption('description', options.description, DESCRIPTION, 'at most 1024 printable characters');
  stringListOption('contentTypes', options.contentTypes, MIME_TYPE, 'a MIME type such as "application/json"', 10);
}

function stringMap(argument: string, value: unknown): void {
  for (const [key, item] of entries(argument, value)) {
    if (typeof item !== 'string' || !VALUE.test(item)) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        `${argument}.${key} is ${JSON.stringify(item)}; values must be strings of 1 to 256 letters, digits, spaces ` +
          'and _.:/=+-@ (the limits of SageMaker model package metadata).',
      );
    }
  }
}

function numberMap(argument: string, value: unknown): void {
  for (const [key, item] of entries(argument, value)) {
    if (typeof item !== 'number' || !Number.isFinite(item)) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        `${argument}.${key} is ${String(item)}; metrics must be finite numbers (e.g. { auc: 0.91 }).`,
      );
    }
  }
}

function entries(argument: string, value: unknown): [string, unknown][] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be an object of named values, e.g. { owner: 'ml-team' }.`,
    );
  }
  const list = Object.entries(value);
  if (list.length > MAX_ENTRIES) {
    throw new InvalidArgumentError(
      argument,
      `${argument} has ${list.length} entries; at most ${MAX_ENTRIES} are kept.`,
    );
  }
  for (const [key] of list) {
    if (!KEY.test(key)) {
      throw new InvalidArgumentError(
        argument,
        `${argument} has the key ${JSON.stringify(key)}; keys must be 1 to 128 letters, digits, spaces and _.:/=+-@.`,
      );
    }
  }
  return list;
}
