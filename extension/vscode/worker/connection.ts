// The host's end of the engine's worker thread, without VS Code: starts the
// worker on the first question, replays what it must know (documents, modules)
// into every new worker, matches answers to questions, and never lets a
// worker that crashes or stops answering take the host with it: its pending
// questions fail with a clear message, it is terminated, and the next question
// starts a fresh one.
import type { Worker } from 'node:worker_threads';
import { isAnswerTo, isFromWorker, type AnswerOf, type Notice, type Question, type ToWorker } from './protocol';

/** A worker that answers nothing for this long while questions wait is taken as stuck. */
export const STUCK_MS = 60_000;

interface Pending {
  readonly kind: Question['kind'];
  resolve(answer: unknown): void;
  reject(error: Error): void;
  progress?(done: number, total: number): void;
}

export class WorkerConnection {
  private worker: Worker | undefined;
  /** Shared with the running worker: the id of the last question cancelled, which a long question checks as it goes. */
  private cancelled: Int32Array | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When the worker last answered or was last asked (performance.now()): the watchdog counts from there. */
  private lastActivity = 0;
  private stopped = false;

  constructor(
    /** Starts a worker thread running worker/main.ts's bundle. */
    private readonly spawn: () => Worker,
    /** What a new worker must be told before any question: every open document and workspace module. */
    private readonly replay: () => Iterable<Notice>,
    /** Told once per worker that fails, with a one-line reason. */
    private readonly onFailure: (message: string) => void,
    private readonly stuckMs = STUCK_MS,
    /** Told when the worker cannot apply a document's edit: it needs the document's whole text. */
    private readonly onNeedText: (uri: string) => void = () => undefined,
  ) {}

  /** Whether a worker is running (documents and modules are sent only then). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Tells a running worker about a document or module; a worker started later gets it through `replay`. */
  tell(message: Notice): void {
    this.worker?.postMessage(message);
  }

  /**
   * Asks the worker (starting one if none runs). Resolves to undefined when
   * `cancelled` fires first (a question already running stops at its next
   * progress report); rejects when the worker fails or stops answering.
   * `progress` hears of a long question's progress.
   */
  ask<Q extends Question>(question: Q, cancelled?: (listener: () => void) => unknown, progress?: (done: number, total: number) => void): Promise<AnswerOf[Q['kind']] | undefined> {
    if (this.stopped) return Promise.reject(new Error('the analysis worker has been shut down'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<AnswerOf[Q['kind']] | undefined>((resolve, reject) => {
      this.pending.set(id, { kind: question.kind, resolve, reject, ...(progress ? { progress } : {}) });
      worker.postMessage({ type: 'ask', id, question } satisfies ToWorker);
      this.armWatchdog();
      cancelled?.(() => {
        if (!this.pending.delete(id)) return;
        if (this.cancelled) Atomics.store(this.cancelled, 0, id);
        this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
        resolve(undefined);
      });
    });
  }

  private start(): Worker {
    const worker = this.spawn();
    this.worker = worker;
    const cancelled = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    this.cancelled = new Int32Array(cancelled);
    worker.postMessage({ type: 'cancelled', cell: cancelled } satisfies ToWorker);
    for (const message of this.replay()) worker.postMessage(message);
    worker.on('message', (message: unknown) => {
      if (worker === this.worker) this.receive(message);
    });
    worker.on('error', (error: Error) => {
      this.fail(worker, `the analysis worker crashed: ${error.message}`);
    });
    worker.on('exit', (code: number) => {
      this.fail(worker, `the analysis worker stopped (exit code ${String(code)})`);
    });
    return worker;
  }

  private receive(message: unknown): void {
    if (!isFromWorker(message)) return; // not ours: dropped
    if (message.type === 'broken') {
      if (this.worker) this.fail(this.worker, `the analysis worker could not start: ${message.message}`);
      return;
    }
    if (message.type === 'needText') {
      this.onNeedText(message.uri);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return; // cancelled meanwhile
    this.armWatchdog();
    if (message.type === 'progress') {
      pending.progress?.(message.done, message.total);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'failed') pending.reject(new Error(message.message));
    else if (isAnswerTo[pending.kind](message.answer)) pending.resolve(message.answer);
    else pending.reject(new Error(`the analysis worker's answer to '${pending.kind}' is malformed`));
  }

  /**
   * Restarts the countdown to "stuck" while questions wait. Called for every
   * question and answer (hundreds in a turn when VS Code resolves a file's
   * lenses), so it only notes the time: the one timer re-checks when it fires.
   */
  private armWatchdog(): void {
    this.lastActivity = performance.now();
    if (this.watchdog || this.pending.size === 0 || !this.worker) return;
    this.startWatchdog(this.worker, this.stuckMs);
  }

  private startWatchdog(worker: Worker, ms: number): void {
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (worker !== this.worker || this.pending.size === 0) return;
      const quiet = performance.now() - this.lastActivity;
      if (quiet < this.stuckMs) this.startWatchdog(worker, this.stuckMs - quiet);
      else this.fail(worker, `the analysis worker did not answer for ${String(Math.round(this.stuckMs / 1000))} s and was restarted`);
    }, ms);
    this.watchdog.unref();
  }

  /** Drops a failed worker: its questions fail with `reason`, and the next question starts a new worker. */
  private fail(worker: Worker, reason: string): void {
    if (worker !== this.worker) return; // already replaced
    this.worker = undefined;
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    void worker.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error(reason));
    if (!this.stopped) this.onFailure(reason);
  }

  /** Stops the worker for good (the extension is deactivating). */
  dispose(): void {
    this.stopped = true;
    if (this.worker) this.fail(this.worker, 'the analysis worker has been shut down');
  }
}
