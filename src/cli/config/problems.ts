/**
 * Turns zod's issues into one {@link InvalidArgumentError} a person can act on in a terminal: one line per problem,
 * `target.instanceType: expected string`, with the allowed keys or values. A union of forms reports the problems
 * of the form the value came closest to, so `{ file: './m.onnx', framework: 'onnxx' }` is told about its
 * framework, not that it is not an image.
 */

import type * as z from 'zod';
import { InvalidArgumentError } from '../../errors.js';
import { closestKey } from './closest.js';

type Issue = z.core.$ZodIssue;
/** What zod says of a union that has no message of its own. */
const DEFAULT_UNION_MESSAGE = 'Invalid input';
type Path = readonly PropertyKey[];

/** One problem: where, and what is wrong there. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The error for a config that does not pass its schema.
 * @param where - the config file (or what the config came from), for the message.
 * @param data - the value that was checked, to tell a missing value from a wrong one.
 */
export function schemaError(where: string, error: z.ZodError, data: unknown): InvalidArgumentError {
  const problems = error.issues.flatMap((issue) => describe(issue, [], data));
  const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
  return new InvalidArgumentError(
    problems[0]?.path ?? 'config',
    `${where} does not match the config schema:\n${lines.join('\n')}`,
  );
}

/** `target.variants.b.model` — with `[0]` for array items, and `config` for the root. */
export function formatPath(path: Path): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? 'config' : text;
}

function describe(issue: Issue, prefix: Path, data: unknown): ConfigProblem[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        // The message strict() gives is `allowed: a, b, c`: the keys to suggest from.
        const suggestion = closestKey(key, issue.message.replace(/^allowed: /, '').split(', '));
        const hint = suggestion === undefined ? '' : `did you mean ${suggestion}? `;
        return { path: formatPath([...path, key]), message: `unknown key; ${hint}${issue.message}` };
      });
    case 'invalid_type':
      return [{ path: formatPath(path), message: typeProblem(issue.expected, value) }];
    case 'invalid_value':
      return [
        {
          path: formatPath(path),
          message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${show(value)}`,
        },
      ];
    case 'too_small':
      return [{ path: formatPath(path), message: 'must not be empty' }];
    case 'invalid_union':
      return unionProblems(issue, path, data, value);
    default:
      return [{ path: formatPath(path), message: issue.message }];
  }
}

/**
 * The problems of the form the value came closest to (the one with the fewest problems), or the union's own
 * message when several forms are as close.
 */
function unionProblems(issue: z.core.$ZodIssueInvalidUnion, path: Path, data: unknown, value: unknown) {
  const tried = issue.errors.map((issues) => issues.flatMap((inner) => describe(inner, path, data)));
  const fewest = Math.min(...tried.map((problems) => problems.length));
  const closest = tried.filter((problems) => problems.length === fewest);
  if (closest.length === 1 && closest[0] !== undefined) return closest[0];
  return [{ path: formatPath(path), message: `${unionMessage(issue)}, got ${show(value)}` }];
}

/** The union's own message, or, for a union of types without one (`boolean | object`), the types it takes. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.message !== DEFAULT_UNION_MESSAGE) return issue.message;
  const expected = issue.errors.flatMap((issues) =>
    issues.flatMap((inner) => (inner.code === 'invalid_type' && inner.path.length === 0 ? [inner.expected] : [])),
  );
  return expected.length === issue.errors.length ? `expected ${expected.join(' | ')}` : 'matches none of its forms';
}

function typeProblem(expected: string, value: unknown): string {
  return value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${show(value)}`;
}

/** A value in a message: short JSON, or its type when long. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  if (json === undefined) return typeof value;
  if (json.length <= 40) return json;
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
