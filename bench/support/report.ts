/**
 * Output of the benchmarks: the machine they ran on and Markdown tables, so a run's output can be pasted into
 * docs/benchmarks.md as it is.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';

/** Prints the benchmark's title and what it ran on: figures mean little without the machine. */
export function printHeader(title: string): void {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (totalmem() / 1024 ** 3).toFixed(1);
  console.log(`## ${title}\n`);
  console.log(
    `Machine: ${availableParallelism()} CPUs (${cpu}), ${memGiB} GiB, Node ${process.version}, ${process.platform}/${process.arch}\n`,
  );
}

/** Prints a Markdown table; numbers should already be formatted by the caller. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
  console.log();
}

/** A goal check line: `latency p50 ratio 1.01 (goal <= 1.03): met`. */
export function printGoal(label: string, value: number, goal: { max?: number; min?: number }): boolean {
  const met = (goal.max === undefined || value <= goal.max) && (goal.min === undefined || value >= goal.min);
  const bound = goal.max !== undefined ? `<= ${goal.max}` : `>= ${goal.min}`;
  console.log(`${label}: ${fmt(value, 3)} (goal ${bound}): ${met ? 'met' : 'MISSED'}`);
  return met;
}

/** A number with `digits` decimals, for tables. */
export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Runs a benchmark's main, reporting a failure as a non-zero exit code. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
