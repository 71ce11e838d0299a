/**
 * CPU time, for benchmarks where the client and the server share the machine's cores: of this process
 * (all its threads), of its finished children (e.g. a CLI run with `execFile`), and of another process by pid.
 * The last two read Linux's /proc and are NaN elsewhere.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux build that matters (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name, which may hold spaces: index 0 is field 3 (`state`). */
function statFields(pid: number | 'self'): number[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of this process so far, every thread included. */
export function selfCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** User + system CPU seconds of this process's children that have exited and been waited for. */
export function childrenCpuSeconds(): number {
  const fields = statFields('self');
  // cutime and cstime are fields 16 and 17.
  return fields === undefined
    ? Number.NaN
    : ((fields[13] ?? Number.NaN) + (fields[14] ?? Number.NaN)) / TICKS_PER_SECOND;
}

/** User + system CPU seconds of a running process so far. */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15.
  return fields === undefined
    ? Number.NaN
    : ((fields[11] ?? Number.NaN) + (fields[12] ?? Number.NaN)) / TICKS_PER_SECOND;
}
