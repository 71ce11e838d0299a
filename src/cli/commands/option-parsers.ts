import { InvalidArgumentError as CommanderArgumentError } from 'commander';

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `10m`, `3h`, `2d` → milliseconds; commander reports anything else as bad usage (exit 2). */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = UNITS[match?.[2] ?? ''];
  if (match === null || unit === undefined || !(amount > 0)) {
    throw new CommanderArgumentError('expected a duration such as 30s, 10m, 3h or 2d');
  }
  return amount * unit;
}

/** A whole number of seconds that is a multiple of 60 (CloudWatch periods of a minute or more). */
export function periodSeconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 60 || parsed % 60 !== 0) {
    throw new CommanderArgumentError('expected seconds, a multiple of 60 such as 60, 300 or 3600');
  }
  return parsed;
}

/** A TCP port, 0 for any free one. */
export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new CommanderArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  }
  return parsed;
}

/** A positive number of minutes. */
export function minutes(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new CommanderArgumentError('expected a positive number of minutes, e.g. 30');
  }
  return parsed;
}
