// Long pieces of work requested together (VS Code resolves a screenful of
// lenses at once, each a real ladder step) run one per turn of the host's
// event loop, so the host reads its messages (edits, cancellations) between
// them instead of being held for the whole batch.

let last: Promise<unknown> = Promise.resolve();

/**
 * Runs `job` after every job queued before it, on a turn of the event loop of
 * its own; `cancelled` is asked just before it runs, and a cancelled job is
 * skipped (resolving to undefined).
 */
export function onItsOwnTurn<T>(job: () => T, cancelled: () => boolean): Promise<T | undefined> {
  // A timer set only once the previous job is done: it fires on a later turn, after pending I/O.
  const run = last.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(() => (cancelled() ? undefined : job()));
  last = run.catch(() => undefined);
  return run;
}
