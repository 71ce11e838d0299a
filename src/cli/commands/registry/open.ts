/**
 * The one place the registry commands open a registry, so that how a registry is chosen (the config file's
 * `registry`, or `--registry`) changes in one edit.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError } from '../../../errors.js';
import { Registry } from '../../../registry/registry.js';
import type { CommandContext } from '../../context.js';

/** `s3://bucket` or `s3://bucket/prefix`: S3's general-purpose bucket names, any prefix. */
const S3_REGISTRY = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/**
 * The registry a command works on: the one `--registry` names (`<dir>`, `s3://bucket/prefix`), with the global
 * `--profile` and `--region` for S3.
 * @throws {@link InvalidArgumentError} when no registry is given, or `--registry` is none of the allowed forms.
 */
export async function openRegistry(ctx: CommandContext, flag: string | undefined): Promise<Registry> {
  if (flag === undefined || flag.trim() === '') {
    throw new InvalidArgumentError(
      'registry',
      'No registry given: pass --registry <dir | s3://bucket/prefix>, e.g. --registry ./registry.',
    );
  }
  const s3 = S3_REGISTRY.exec(flag);
  if (s3 !== null) {
    const { profile, region } = ctx.globals;
    const prefix = (s3[2] ?? '').replace(/\/+$/, '');
    return Registry.s3({
      bucket: s3[1] as string,
      ...(prefix === '' ? {} : { prefix }),
      aws: { ...(profile === undefined ? {} : { profile }), ...(region === undefined ? {} : { region }) },
    });
  }
  if (flag === 'sagemaker' || flag.startsWith('s3:')) {
    throw new InvalidArgumentError(
      'registry',
      `--registry ${flag} is not a registry this CLI can open from the flag alone: give a folder (--registry ` +
        './registry) or s3://bucket/prefix (a bucket of 3 to 63 lower-case letters, digits, dots or hyphens).',
    );
  }
  return Registry.local(resolve(ctx.cwd, flag));
}

/** Opens the registry the `registry` command's options name; given to every subcommand. */
export type OpenRegistry = (ctx: CommandContext) => Promise<Registry>;
