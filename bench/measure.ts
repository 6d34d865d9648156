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
