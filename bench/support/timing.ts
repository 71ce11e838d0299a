/**
 * Load generators shared by the benchmarks: sequential calls for latency, a fixed pool of concurrent callers
 * for throughput, and interleaved rounds so that two arms see the same machine noise.
 */
import { performance } from 'node:perf_hooks';

/** One unit of work: a request, a session run. */
export type Call = () => Promise<unknown>;

/** Runs `call` `count` times, one after the other, and returns each call's latency in ms. */
export async function sequentialLatencies(call: Call, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    latencies.push(performance.now() - start);
  }
  return latencies;
}

export interface Throughput {
  readonly calls: number;
  readonly elapsedMs: number;
  /** Calls per second. */
  readonly perSecond: number;
  /**
   * CPU time this process spent per call, in microseconds (all its threads). Less sensitive than `perSecond` to
   * other jobs on the machine, which take turns on the cores but do not add to this process's CPU time.
   */
  readonly cpuUsPerCall: number;
}

/**
 * Runs `total` calls with `concurrency` callers, each starting its next call as soon as the previous one settles
 * (a closed loop, as a pool of backend workers behaves), and returns calls per second.
 */
export async function closedLoopThroughput(call: Call, concurrency: number, total: number): Promise<Throughput> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { calls: total, elapsedMs, perSecond: (total / elapsedMs) * 1000, cpuUsPerCall: (user + system) / total };
}

/** Times one async function, returning its result and the elapsed ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, elapsedMs: performance.now() - start };
}

/**
 * Runs `measure` for every arm, `rounds` times, alternating which arm goes first each round, so drift in the
 * machine's speed (other processes, CPU frequency, GC) lands on both arms alike. Returns each arm's samples in
 * round order.
 */
export async function interleave<K extends string, T>(
  arms: readonly K[],
  rounds: number,
  measure: (arm: K, round: number) => Promise<T>,
): Promise<Record<K, T[]>> {
  const samples = Object.fromEntries(arms.map((arm) => [arm, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) samples[arm].push(await measure(arm, round));
  }
  return samples;
}
