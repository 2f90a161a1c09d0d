// Small helpers shared by the benchmarks: wall-clock timing of a whole process, and medians.

import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `command` to completion with stdout sent to /dev/null; returns the wall time in ms. Throws on a failing exit code. */
export function timeProcess(command: string, args: readonly string[], okCodes: readonly number[] = [0]): number {
  const devNull = openSync('/dev/null', 'w');
  try {
    const started = performance.now();
    const run = spawnSync(command, args, { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (run.error) throw run.error;
    if (!okCodes.includes(run.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.trim().slice(0, 500)}`);
    return elapsed;
  } finally {
    closeSync(devNull);
  }
}

/** Milliseconds with one decimal. */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
