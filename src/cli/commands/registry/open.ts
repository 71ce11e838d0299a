/**
 * The one place the registry commands open a registry, so that how a registry is chosen changes in one edit.
 */
import { InvalidArgumentError } from '../../../errors.js';
import type { Registry } from '../../../registry/registry.js';
import { loadRegistry } from '../../config/index.js';
import type { CommandContext } from '../../context.js';

/**
 * The registry a command works on: the one `--registry` names (`<dir>`, `s3://bucket/prefix`, `sagemaker`), else
 * the config file's `registry`; with the global `--config`, `--profile` and `--region`.
 * @throws {@link InvalidArgumentError} when there is neither, or `--registry` is none of the allowed forms.
 */
export async function openRegistry(ctx: CommandContext, flag: string | undefined): Promise<Registry> {
  const { config, profile, region } = ctx.globals;
  try {
    return await loadRegistry({
      cwd: ctx.cwd,
      ...(config === undefined ? {} : { file: config }),
      ...(flag === undefined ? {} : { registry: flag }),
      ...(profile === undefined ? {} : { profile }),
      ...(region === undefined ? {} : { region }),
    });
  } catch (error) {
    // Without a config file the registry commands need no config at all: say so, not only how to write one.
    if (flag === undefined && error instanceof InvalidArgumentError && error.argument === 'config') {
      throw new InvalidArgumentError(
        'registry',
        `${error.message} Or name the registry: --registry <dir | s3://bucket/prefix | sagemaker>.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Opens the registry the `registry` command's options name; given to every subcommand. */
export type OpenRegistry = (ctx: CommandContext) => Promise<Registry>;
