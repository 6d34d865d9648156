// The concept ids the classifier can put on a function or class, what each
// one implies, and the shape of one label: the id and the lines that make it so.

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

/**
 * The hierarchy, in one table: the concepts each concept directly implies.
 * A label says everything its ancestors would, so a function shows only its
 * most specific labels and the ancestors are implied.
 *
 * - A generator function makes generators, which are iterators, which are iterable.
 * - Delegating (`yield from`) and enhanced (`send`/`throw`) generators are generators.
 * - A generator-based coroutine is a generator that an event loop drives; an
 *   inline-callbacks coroutine is an enhanced generator, since its runner sends
 *   each result back in. (Their yields are suspension points, so the classifier
 *   does not label them delegating or enhanced again.)
 * - A CPS function hands its outcome to a continuation it was given: callback
 *   style; a callback-style function takes a function: higher-order.
 * - A thunk maker returns or queues functions, a trampoline calls what it gets
 *   back, an event loop runs the callbacks it queued: all higher-order.
 * - A closure is the nested function that keeps its outer variables; what made
 *   it is a separate function (often a thunk maker or higher-order), so it
 *   implies nothing. Nor do future, native coroutine and async generator: an
 *   async generator is neither a generator (it is iterated with `async for`)
 *   nor a coroutine (calling it gives no awaitable).
 */
export const CONCEPT_PARENTS: Readonly<Record<ConceptId, readonly ConceptId[]>> = {
  iterable: [],
  iterator: ['iterable'],
  generator: ['iterator'],
  'delegating-generator': ['generator'],
  'enhanced-generator': ['generator'],
  'higher-order-function': [],
  closure: [],
  'callback-style': ['higher-order-function'],
  'cps-function': ['callback-style'],
  thunk: ['higher-order-function'],
  trampoline: ['higher-order-function'],
  'event-loop': ['higher-order-function'],
  future: [],
  'generator-coroutine': ['generator'],
  'inline-callbacks-coroutine': ['enhanced-generator'],
  'native-coroutine': [],
  'async-generator': [],
};

/** Every concept `id` implies, nearest first (breadth first, no repeats). */
export function impliedConcepts(id: ConceptId): readonly ConceptId[] {
  const found: ConceptId[] = [];
  const queue: ConceptId[] = [id];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const parent of CONCEPT_PARENTS[next]) {
      if (found.includes(parent)) continue;
      found.push(parent);
      queue.push(parent);
    }
  }
  return found;
}

/** The ids among `ids` that no other id among them implies, in `CONCEPT_IDS` order. */
export function mostSpecificIds(ids: Iterable<ConceptId>): ConceptId[] {
  const all = new Set(ids);
  const implied = new Set([...all].flatMap((id) => impliedConcepts(id)));
  return CONCEPT_IDS.filter((id) => all.has(id) && !implied.has(id));
}

/**
 * What a lens names when only the `allowed` concepts may show: the most
 * specific of the allowed ones among the labels and everything they imply. A
 * delegating generator with `delegating-generator` not allowed shows
 * `generator`; with neither it nor any of its ancestors allowed, nothing.
 */
export function shownConcepts(labels: readonly ConceptLabel[], allowed: ReadonlySet<string>): ConceptId[] {
  const candidates = labels.flatMap((l) => [l.id, ...impliedConcepts(l.id)]).filter((id) => allowed.has(id));
  return mostSpecificIds(candidates);
}
