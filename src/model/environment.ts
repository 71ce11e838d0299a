/**
 * Environment variables of a serving container, checked against SageMaker's limits (names, lengths, count) before
 * any request carries them.
 */
import { InvalidArgumentError } from '../errors.js';

const ENVIRONMENT_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_ENVIRONMENT = 100;

/**
 * Checks container environment variables against SageMaker's limits.
 * @throws {@link InvalidArgumentError} naming the variable at fault.
 */
export function checkEnvironment(
  env: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (env === undefined) return undefined;
  const entries = Object.entries(env);
  if (entries.length > MAX_ENVIRONMENT) {
    throw new InvalidArgumentError('env', `env has ${entries.length} variables; SageMaker allows ${MAX_ENVIRONMENT}.`);
  }
  for (const [key, value] of entries) {
    if (!ENVIRONMENT_KEY.test(key) || key.length > 1024) {
      throw new InvalidArgumentError(
        `env.${key}`,
        `"${key}" is not an environment variable name SageMaker takes: letters, digits and _, not starting with a digit.`,
      );
    }
    if (typeof value !== 'string' || value.length > 1024) {
      throw new InvalidArgumentError(`env.${key}`, `env.${key} must be a string of at most 1024 characters.`);
    }
  }
  return env;
}
