// Repeats a function until enough time has passed and reports the median.
export function medianMs(fn: () => void, minRuns = 5, minTotalMs = 300): number {
  fn(); // warm-up: the first run pays for JIT compilation, not for the work measured
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minTotalMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    if (samples.length > 1000) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/**
 * Median CPU time of `fn` over `runs` runs after one warm-up. CPU time, not
 * wall time: on a shared machine the wall clock measures the neighbours too.
 */
export function medianCpuMs(fn: () => void, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(cpuMs(fn));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/** CPU time of one run of `fn`, in milliseconds. */
export function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
