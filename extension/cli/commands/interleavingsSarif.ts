// SARIF 2.1.0 for the interleavings command: one rule per hazard kind, one
// result per hazard with the suspension point and interfering writes as
// related locations and the breaking interleaving as a thread flow.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/interleave/lintConfig';
import type { Hazard, HazardKind, SourceSpot } from '../../engine/interleave/model';

const RULES: readonly { readonly id: HazardKind; readonly name: string; readonly text: string }[] = [
  { id: 'lost-update', name: 'LostUpdate', text: 'Shared state read before a suspension point is written back after it, losing writes made meanwhile.' },
  { id: 'check-then-act', name: 'CheckThenAct', text: 'A write after a suspension point acts on a condition on shared state checked before it.' },
  { id: 'stale-read', name: 'StaleRead', text: 'A copy of shared state taken before a suspension point derives other shared state after it.' },
];

export interface AnalysedFile {
  readonly path: string;
  readonly hazards: readonly Hazard[];
  /** The configured severity of each hazard (default warning). */
  readonly severities?: readonly Severity[];
}

const SARIF_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

export function toSarif(files: readonly AnalysedFile[], version: string): object {
  const results = files.flatMap((file) =>
    file.hazards.map((h, i) => {
      const location = (at: SourceSpot & { readonly file?: string }, text?: string) => ({
        physicalLocation: {
          artifactLocation: { uri: uriOf(at.file ?? file.path) },
          region: { startLine: at.line, startColumn: at.column + 1 },
        },
        ...(text === undefined ? {} : { message: { text } }),
      });
      return {
        ruleId: h.kind,
        ruleIndex: RULES.findIndex((r) => r.id === h.kind),
        level: SARIF_LEVEL[file.severities?.[i] ?? 'warning'],
        message: { text: h.message },
        locations: [location(h.write)],
        relatedLocations: [
          { id: 0, ...location(h.read, `${h.kind === 'check-then-act' ? 'checked' : 'read'} here`) },
          { id: 1, ...location(h.suspend, 'suspends here') },
          ...h.interferers.map((w, i) => ({ id: i + 2, ...location(w, `${w.function} writes ${h.variable} here`) })),
        ],
        codeFlows: [
          {
            threadFlows: [{ locations: h.steps.map((s) => ({ location: location(s, s.text) })) }],
          },
        ],
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'concept-lenses',
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.text },
              defaultConfiguration: { level: 'warning' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function uriOf(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return encodeURI(relative('.', path).split(sep).join('/'));
}
