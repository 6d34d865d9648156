// What each concept is called on screen and what it means, for lenses and hovers.
import type { ConceptId } from './concept';

export interface ConceptInfo {
  readonly name: string;
  /** Two or three sentences, plain text. */
  readonly explanation: string;
}

export const CONCEPT_INFO: Readonly<Record<ConceptId, ConceptInfo>> = {
  iterable: {
    name: 'iterable',
    explanation:
      'An object you can loop over: its __iter__ hands out a fresh iterator each time it is asked. ' +
      'The iterable holds or describes the items; the iterators it makes keep track of where a loop has got to.',
  },
  iterator: {
    name: 'iterator',
    explanation:
      'A cursor over a stream of items: each call to __next__ gives the following item and StopIteration says the stream is used up. ' +
      'Its __iter__ returns the iterator itself, so it can stand wherever an iterable is expected, but it can be walked only once.',
  },
  generator: {
    name: 'generator',
    explanation:
      'Calling this function does not run its body; it returns a generator object that runs the body step by step. ' +
      'Each yield hands one value to whoever is iterating and pauses the function right there until the next value is asked for.',
  },
  'delegating-generator': {
    name: 'delegating generator',
    explanation:
      'A generator that passes part of its work to another iterable with yield from. ' +
      'While the inner one runs, its values, and anything sent or thrown in, go straight through; its return value becomes the value of the yield from expression.',
  },
  'enhanced-generator': {
    name: 'enhanced generator',
    explanation:
      'A generator that also listens: the caller can push a value in with send(), which becomes the result of the paused yield, or raise an exception at that point with throw() or close(). ' +
      'This two-way conversation is what lets a generator act as a coroutine.',
  },
  'higher-order-function': {
    name: 'higher-order function',
    explanation:
      'A function that treats other functions as data: it takes one as an argument, returns one, or both. ' +
      'Decorators, map-like helpers and function factories are all of this kind.',
  },
  closure: {
    name: 'closure',
    explanation:
      'A nested function that uses variables of the function it was defined in. ' +
      'Python keeps those variables alive for as long as the nested function exists, so it still sees them after the outer call has returned.',
  },
  'callback-style': {
    name: 'callback style',
    explanation:
      'Instead of returning its outcome, this function is handed a function (the callback) and calls it, or arranges for it to be called, when the outcome is ready. ' +
      'That is how work can finish later without the caller waiting for it.',
  },
  'cps-function': {
    name: 'CPS function',
    explanation:
      'Written in continuation-passing style: it never returns a result, and every path through it ends by calling the continuation it was given (or passing it on to the next step). ' +
      'The continuation stands for "the rest of the program", so control flow becomes explicit data.',
  },
  thunk: {
    name: 'thunk',
    explanation:
      'Produces suspended computations: zero-argument functions that wrap a call so it can run later, or not at all. ' +
      'Returning a thunk instead of recursing directly is what lets a trampoline run deep recursion in constant stack space.',
  },
  trampoline: {
    name: 'trampoline',
    explanation:
      'A loop that keeps calling whatever the previous call handed back until it gets a plain value. ' +
      'Each bounce returns to the loop first, so the call stack never grows, however many steps there are.',
  },
  'event-loop': {
    name: 'event loop',
    explanation:
      'A scheduler: it repeatedly takes the next ready task or callback off a queue and runs it, one at a time. ' +
      'Tasks cooperate by returning control to the loop, which is how many pieces of work share a single thread.',
  },
  future: {
    name: 'future',
    explanation:
      'A placeholder for a result that does not exist yet. ' +
      'Someone sets the result (or an exception) later; whoever holds the future can ask whether it is done, register callbacks for that moment, or wait for it. ' +
      'On a function: it makes a future, arranges for it to be settled, and hands it back at once.',
  },
  'generator-coroutine': {
    name: 'generator coroutine',
    explanation:
      'A coroutine built from a generator, the way asyncio did it before async/await: it suspends with yield from on futures and other coroutines. ' +
      '@asyncio.coroutine was removed in Python 3.11, so this code is a candidate for async def and await.',
  },
  'inline-callbacks-coroutine': {
    name: 'inline-callbacks coroutine',
    explanation:
      'A generator driven by a runner (Twisted inlineCallbacks, Tornado gen.coroutine, or a hand-written one): each yield hands over an asynchronous operation, and the runner sends the result back in when it arrives. ' +
      'The callbacks are still there, just hidden, so the code reads top to bottom.',
  },
  'native-coroutine': {
    name: 'native coroutine',
    explanation:
      'An async def function: calling it creates a coroutine object, and an event loop runs it. ' +
      'At each await it may pause and let other tasks run, so shared state can change between one line and the next.',
  },
  'async-generator': {
    name: 'async generator',
    explanation:
      'An async def that also yields: it produces a stream of values that may take time to arrive. ' +
      'Consumers read it with async for, and it can await between values.',
  },
};
