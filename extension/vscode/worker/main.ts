// The engine's worker thread (bundled as dist/engineWorker.js): loads the
// grammar from beside the bundle, keeps its own parses (EngineState), and
// answers the host's questions one per turn of its event loop, so a question
// cancelled meanwhile (a lens scrolled away) is dropped before it runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { PythonParser } from '../../engine';
import { EngineState } from './engineState';
import { isToWorker, type FromWorker, type Question } from './protocol';

if (!parentPort) throw new Error('engineWorker.js runs as a worker thread of the extension host');
const port = parentPort;
const send = (message: FromWorker): void => {
  port.postMessage(message);
};

const queue: { readonly id: number; readonly question: Question }[] = [];
let answered = 0;
let draining = false;
/** Where the host writes the id of a question it cancels (see connection.ts). */
let cancelled: Int32Array | undefined;

/** Thrown from a long question's progress report when the host has cancelled it. */
class Cancelled extends Error {}

/** Reports a long question's progress, and stops it when the host has cancelled it meanwhile. */
function reporter(id: number): (done: number, total: number) => void {
  return (done, total) => {
    if (cancelled && Atomics.load(cancelled, 0) === id) throw new Cancelled(`question ${String(id)} was cancelled`);
    send({ type: 'progress', id, done, total });
  };
}

function answer(state: EngineState, id: number, question: Question): unknown {
  switch (question.kind) {
    case 'conceptLenses':
      return state.conceptLenses(question);
    case 'hover':
      return state.hover(question);
    case 'ladderActions':
      return state.ladderActions(question);
    case 'lensStep':
      return state.lensStep(question);
    case 'diagnostics':
      return state.diagnostics(question);
    case 'lockFixes':
      return state.lockFixes(question);
    case 'hazardLenses':
      return state.hazardLenses(question);
    case 'functionAt':
      return state.functionAt(question);
    case 'ladderPanel':
      return state.ladderPanel(question);
    case 'ladderApply':
      return state.ladderApply(question);
    case 'interleavingPanel':
      return state.interleavingPanel(question);
    case 'hazards':
      return state.hazards(question);
    case 'notAnalysed':
      return state.notAnalysed(question);
    case 'outline':
      return state.outline(question);
    case 'convertWorkspace':
      return state.convertWorkspace(question, reporter(id));
    case 'where':
      return { threadId, answered };
  }
}

function drain(state: EngineState): void {
  const next = queue.shift();
  if (!next) {
    draining = false;
    return;
  }
  try {
    const result = answer(state, next.id, next.question);
    if (next.question.kind !== 'where') answered++;
    send({ type: 'answer', id: next.id, answer: result });
  } catch (error) {
    // The host no longer waits for a cancelled question.
    if (!(error instanceof Cancelled)) send({ type: 'failed', id: next.id, message: error instanceof Error ? error.message : String(error) });
  }
  // The next question on a later turn: messages that arrived meanwhile (edits, cancellations) come first.
  setImmediate(() => {
    drain(state);
  });
}

async function start(): Promise<void> {
  // The grammar files sit beside this bundle, as they do beside the extension's (tests name them).
  const given = workerData as { readonly runtime?: string; readonly python?: string } | undefined;
  const [runtime, python] = await Promise.all([
    readFile(given?.runtime ?? join(__dirname, 'tree-sitter.wasm')),
    readFile(given?.python ?? join(__dirname, 'tree-sitter-python.wasm')),
  ]);
  const state = new EngineState(await PythonParser.load({ runtime, python }));
  port.on('message', (message: unknown) => {
    if (!isToWorker(message)) return; // not ours: dropped
    if (message.type === 'cancelled') {
      cancelled = new Int32Array(message.cell);
    } else if (message.type === 'cancel') {
      const at = queue.findIndex((q) => q.id === message.id);
      if (at >= 0) queue.splice(at, 1);
    } else if (message.type === 'ask') {
      queue.push(message);
      if (!draining) {
        draining = true;
        setImmediate(() => {
          drain(state);
        });
      }
    } else {
      const needText = state.tell(message);
      if (needText !== undefined) send({ type: 'needText', uri: needText });
    }
  });
}

// Messages sent before the grammar loaded wait in the port's queue until the listener is attached.
start().catch((error: unknown) => {
  send({ type: 'broken', message: `could not load the Python grammar: ${error instanceof Error ? error.message : String(error)}` });
});
