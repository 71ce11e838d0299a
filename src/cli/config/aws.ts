/** The AWS settings a loaded config runs with: the config's own, with `--profile` and `--region` over them. */
import type { AwsConfig } from '../../aws/config.js';

/** `--profile` and `--region`, as given. */
export interface AwsFlags {
  readonly profile?: string;
  readonly region?: string;
}

/** Whether any flag was given. */
export function hasAwsFlags(flags: AwsFlags): boolean {
  return flags.profile !== undefined || flags.region !== undefined;
}

/**
 * `base` with the flags over it. A profile given by flag replaces the config's `credentials` too: the two cannot
 * be combined, and the flag is the later, more specific choice.
 */
export function withAwsFlags(base: AwsConfig | undefined, flags: AwsFlags): AwsConfig {
  const merged: Record<string, unknown> = { ...base };
  if (flags.region !== undefined) merged.region = flags.region;
  if (flags.profile !== undefined) {
    merged.profile = flags.profile;
    delete merged.credentials;
  }
  return merged as AwsConfig;
}
