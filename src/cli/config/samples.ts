/**
 * The `validate` gate of a config, resolved: `samples` and `expected` read from their files (relative to the
 * config file), ready for `validatePredictor`.
 */
import { extname } from 'node:path';
import { InvalidArgumentError } from '../../errors.js';
import type { ValidationOptions } from '../../monitor/validate/index.js';
import type { ValidateConfig } from './define.js';
import { jsonProblem, readText } from './import.js';
import { inDir } from './model.js';

/** The options of `validatePredictor` a config's gate amounts to (without a `signal`: the command adds its own). */
export type ResolvedValidation = Omit<ValidationOptions<unknown, unknown, unknown>, 'signal'>;

/**
 * The gate with its files read.
 * @throws {@link InvalidArgumentError} naming the file for one that is missing, is not a JSON array or JSON Lines,
 * or (for the line at fault) has a line that is not JSON.
 */
export async function resolveValidation(validate: ValidateConfig, dir: string): Promise<ResolvedValidation> {
  const { samples, expected, ...gates } = validate;
  return {
    ...(gates as Omit<ResolvedValidation, 'samples' | 'expected'>),
    samples: await valuesOf(samples, dir, 'validate.samples'),
    ...(expected === undefined ? {} : { expected: await valuesOf(expected, dir, 'validate.expected') }),
  };
}

async function valuesOf(source: string | readonly unknown[], dir: string, argument: string): Promise<unknown[]> {
  if (typeof source !== 'string') return [...source];
  const file = inDir(dir, source);
  return readValues(file, await readText(file, argument), argument);
}

/**
 * The values of a file: a JSON array, or JSON Lines (one JSON value per line, blank lines skipped). A `.jsonl` or
 * `.ndjson` file is always read as JSON Lines, so a file of one line is one value.
 */
export function readValues(file: string, text: string, argument: string): unknown[] {
  const lines = /\.(jsonl|ndjson)$/i.test(extname(file));
  if (!lines) {
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value)) return value;
      throw new InvalidArgumentError(
        argument,
        `${argument}: ${file} holds one JSON value, not a list: make it a JSON array of inputs ([…, …]) or JSON Lines (one input per line, in a .jsonl file).`,
      );
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error;
      // Not one JSON document: JSON Lines, then.
    }
  }
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new InvalidArgumentError(
        argument,
        `${argument}: ${file} is neither a JSON array nor JSON Lines: line ${index + 1} is not JSON (${jsonProblem(line, error)}).`,
        { cause: error },
      );
    }
  });
}
