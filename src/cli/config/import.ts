/**
 * Reads a config file into the value its default export evaluates to: JSON is parsed, TypeScript and JavaScript
 * are imported with jiti (no build step), and a function export is called (and awaited).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createJiti } from 'jiti';
import { InvalidArgumentError, isModelshipError } from '../../errors.js';
import { modelshipAliases } from './self-alias.js';

/**
 * What the config file's default export is, a function's result when it is a function.
 * @throws {@link InvalidArgumentError} for a JSON syntax error (with its line and column), a module that fails to
 * load or has no default export.
 */
export async function importConfig(file: string): Promise<unknown> {
  const value = extname(file) === '.json' ? await readJson(file) : await importModule(file);
  if (typeof value !== 'function') return value;
  try {
    return await value();
  } catch (error) {
    throw loadError(file, 'its default export (a function) threw', error);
  }
}

/**
 * A JSON file's value.
 * @param what - what the file is, for the message: `the config file`, `validate.samples`.
 */
export async function readJson(file: string, what = 'The config file'): Promise<unknown> {
  const text = await readText(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError('config', `${what} ${file} is not valid JSON: ${jsonProblem(text, error)}.`, {
      cause: error,
    });
  }
}

/** A file's text; a missing or unreadable file is an {@link InvalidArgumentError} naming it. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError('config', `${what} ${file} cannot be read: ${(error as Error).message}.`, {
      cause: error,
    });
  }
}

/** JSON.parse's complaint, with where it is as a line and column a person can go to. */
export function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 words it differently across Node versions: with the position, or with a snippet of the text instead.
  const summary = message.replace(/,\s*(\.\.\.)?".*$/s, '').replace(/\s+in JSON at position \d+.*$/s, '');
  const offset = positionOf(message) ?? firstBadOffset(text);
  if (offset === undefined) return summary;
  const before = text.slice(0, offset).split('\n');
  return `${summary} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

function positionOf(message: string): number | undefined {
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? undefined : Number(position);
}

/**
 * Where the text stops being the start of some JSON document, found by bisection: a prefix cut before the fault
 * fails only for ending early (at its own end), one that holds the fault fails for a reason of its own.
 */
function firstBadOffset(text: string): number | undefined {
  const faulty = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      return !message.includes('end of JSON input') && positionOf(message) !== length;
    }
  };
  if (!faulty(text.length)) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (faulty(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}

async function importModule(file: string): Promise<unknown> {
  // jiti's file cache (node_modules/.cache/jiti) keeps the transpiled modules a config imports between runs.
  // No interop: a module without a default export must be told so, not taken whole as its own default.
  const jiti = createJiti(import.meta.url, { interopDefault: false, alias: modelshipAliases(file) });
  let module: unknown;
  try {
    module = await jiti.import(file);
  } catch (error) {
    throw loadError(file, 'could not be loaded', error);
  }
  const exported = (module as { default?: unknown } | undefined)?.default;
  if (exported === undefined) {
    throw new InvalidArgumentError(
      'config',
      `The config file ${file} has no default export. Export the deployment: export default defineConfig({ … }).`,
    );
  }
  return exported;
}

function loadError(file: string, what: string, error: unknown): Error {
  // A modelship error (a bad option in the chain) is already the message the user needs.
  if (isModelshipError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new InvalidArgumentError('config', `The config file ${file} ${what}: ${reason}`, { cause: error });
}
