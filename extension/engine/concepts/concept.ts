// The concept ids the classifier can put on a function or class, and the
// shape of one label: the id and the lines that make it so.

export const CONCEPT_IDS = [
  'iterable',
  'iterator',
  'generator',
  'delegating-generator',
  'enhanced-generator',
  'higher-order-function',
  'closure',
  'callback-style',
  'cps-function',
  'thunk',
  'trampoline',
  'event-loop',
  'future',
  'generator-coroutine',
  'inline-callbacks-coroutine',
  'native-coroutine',
  'async-generator',
] as const;

export type ConceptId = (typeof CONCEPT_IDS)[number];

export interface ConceptLabel {
  readonly id: ConceptId;
  /** 1-based lines, ascending, no repeats. */
  readonly evidence: readonly number[];
}
