/** Which file is the config: the one `--config` names, or the first `modelship.config.*` in the folder. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError } from '../../errors.js';

/** The names looked for, in order. */
export const CONFIG_FILE_NAMES = [
  'modelship.config.ts',
  'modelship.config.mts',
  'modelship.config.js',
  'modelship.config.mjs',
  'modelship.config.json',
] as const;

/**
 * The config file's absolute path.
 * @param file - the file `--config` gave, relative to `cwd`.
 * @throws {@link InvalidArgumentError} (`argument: 'config'`) naming what was looked for when there is none.
 */
export function findConfigFile(cwd: string, file?: string): string {
  if (file !== undefined) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) {
      throw new InvalidArgumentError('config', `The config file ${path} (given with --config) does not exist.`);
    }
    return path;
  }
  const found = configFileIn(cwd);
  if (found !== undefined) return found;
  throw new InvalidArgumentError(
    'config',
    `No config file in ${cwd}: looked for ${CONFIG_FILE_NAMES.join(', ')}. Create one (see docs/cli.md, ` +
      '"The config file") or name it with --config <file>.',
  );
}

/** The first `modelship.config.*` in `cwd`, if any. */
export function configFileIn(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
}
