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
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  throw new InvalidArgumentError(
    'config',
    `No config file in ${cwd}: looked for ${CONFIG_FILE_NAMES.join(', ')}. Create one (see docs/cli.md, ` +
      '"The config file") or name it with --config <file>.',
  );
}
