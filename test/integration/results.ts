// What the in-host suite hands back to the harness, through files named by
// environment variables (the extension host inherits code-server's environment).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const RESULTS_ENV = 'CONCEPT_LENSES_TEST_RESULTS';
export const METRICS_ENV = 'CONCEPT_LENSES_TEST_METRICS';
export const GREP_ENV = 'CONCEPT_LENSES_TEST_GREP';

export interface SuiteResults {
  readonly passed: { title: string; ms: number }[];
  readonly failed: { title: string; error: string }[];
}

export type Metrics = Record<string, number>;

/** Records a figure measured in the extension host (e.g. activation time) for `npm run bench`. */
export function recordMetric(name: string, value: number): void {
  const file = process.env[METRICS_ENV];
  if (!file) return;
  const metrics = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Metrics) : {};
  metrics[name] = value;
  writeFileSync(file, JSON.stringify(metrics, null, 2));
}
