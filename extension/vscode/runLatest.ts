// Runs a keyed task at once when asked, or, when one is already running for
// the key, once more after it ends: a burst of requests costs two runs, and
// the last request is always followed by a run that starts after it.
export class RunLatest {
  private readonly running = new Set<string>();
  private readonly pending = new Set<string>();

  /** Runs `task` for `key` now, or after the run in flight (once for any number of requests made meanwhile). */
  request(key: string, task: () => Promise<void>): void {
    if (this.running.has(key)) {
      this.pending.add(key);
      return;
    }
    this.running.add(key);
    void task()
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(key);
        if (this.pending.delete(key)) this.request(key, task);
      });
  }

  /** Forgets requests for `key` not yet started (its document closed). */
  forget(key: string): void {
    this.pending.delete(key);
  }

  clear(): void {
    this.pending.clear();
  }
}
