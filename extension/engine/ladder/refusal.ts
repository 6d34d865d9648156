// Why a conversion leaves a function as it is: a stable code that code
// branches on, a message the user can act on, and the line that blocks it.
// A conversion that meets such a line throws RefuseError (or returns a
// Blocker); it reports each function's refusal with refusalOf / refusalAt.
import type { Node } from '../syntax/node';
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';

export type RefusalCode =
  /** The function is not on a rung this conversion starts from (or not in the form it recognises). */
  | 'not-at-rung'
  /** No function of the requested name in the file. */
  | 'no-such-function'
  /** Callers in the module would break unless they convert too: the step "with its callers" may take it. */
  | 'needs-callers'
  /** A caller would break and cannot convert with it (a class body, another form, a refused caller). */
  | 'caller-cannot-follow'
  /** A module the project shows uses the function (or a caller that would convert with it). */
  | 'caller-in-other-module'
  /** The function is passed or stored as a value, so what is done with it cannot be adapted. */
  | 'used-as-value'
  /** A call of a method by its name on a receiver the module does not show is of the method's class. */
  | 'receiver-unknown'
  /** A method a base class outside the module, or Python itself, calls: that call cannot be adapted. */
  | 'overrides-library'
  /** Another class of its hierarchy defines the same method (an override, or the method it overrides), which stays as it is while a call may reach either. */
  | 'overridden'
  /** A Tornado coroutine is called without yield: it would no longer start at the call. */
  | 'unawaited-call'
  /** A generator that yields values or is driven by hand (send, next, iteration), not a coroutine. */
  | 'driven-by-hand'
  /** What the function waits on (or returns) cannot be awaited, or the module does not show that it can. */
  | 'not-awaitable'
  /** A function it waits on or calls stays on the old rung; convert that one too. */
  | 'callee-stays'
  /** A yield inside a lambda or comprehension, which has no await form there. */
  | 'yield-in-nested-scope'
  /** Another decorator may rely on what the function returns now. */
  | 'unknown-decorator'
  /** Driven by a runner the ladder does not know (the module's own, or one written differently). */
  | 'unknown-runner'
  /** A framework idiom with no await form (gen.engine, gen.Task, yield from in a framework coroutine). */
  | 'no-await-form'
  /** A yield in the inline-callbacks form that is not an operation (yield from, a bare yield, an unknown value), or one its CPS form cannot start (an error callback outside a try). */
  | 'not-an-operation'
  /** A framework return (gen.Return, returnValue) used in a way `return` cannot express. */
  | 'return-idiom'
  /** A yielded name holds a collection on some paths and a single awaitable on others. */
  | 'ambiguous-yield'
  /** Never suspends (no yield, no await), so the other form would behave differently when called. */
  | 'never-suspends'
  /** An `async with`, `async for`, or an await in a comprehension, which generators cannot write. */
  | 'no-generator-form'
  /** Handed to an asyncio entry point that takes only native coroutines. */
  | 'needs-native-coroutine'
  /** A function defined inside another function: the ladder moves module-level functions and methods of module-level classes. */
  | 'nested-function'
  /** A definition the rewrite cannot lay out (no body, no parameter list, not on a line of its own). */
  | 'unsupported-syntax'
  /** Parameters with defaults, `*` or `**`, after which no continuation parameter can follow. */
  | 'parameter-shape'
  /** A name the conversion needs is taken, or two names it must keep apart coincide. */
  | 'name-clash'
  /** A CPS call inside a lambda, comprehension, nested def or class, where the rest cannot be its continuation. */
  | 'call-in-nested-scope'
  /** A `try` around a CPS call: its handler would also catch what the continuation raises. */
  | 'try-around-cps-call'
  /** The plain CPS form could outgrow Python's stack (a loop or recursion over CPS calls) and the trampolined form cannot keep what the function does. */
  | 'needs-trampoline'
  /** A `return` or loop exit inside a `try` would call the continuation inside it (its handlers would catch what it raises). */
  | 'continuation-in-try'
  /** A `with` around a CPS call: it would close before the continuation runs. */
  | 'with-around-cps-call'
  /** A CPS call in a place the rewrite does not support (a while or elif condition, a loop's else, match). */
  | 'unsupported-statement'
  /** Moving a CPS call first would change what runs, or in which order. */
  | 'evaluation-order'
  /** A variable assigned on only some paths, or carried from one loop round to the next. */
  | 'variable-flow'
  /** Module-level code needs a CPS call's result outside any function. */
  | 'module-level-call'
  /** A multi-line string would change if its statement moved into a continuation. */
  | 'multiline-string'
  /** The continuation is not called (or passed on) exactly once, last, on every path. */
  | 'continuation-not-tail'
  /** A continuation called with, or taking, more than one value, or values unpacked or passed by name. */
  | 'continuation-arity'
  /** A recursive local continuation that is not a loop the rewrite recognises. */
  | 'unrecognised-loop'
  /** A callback a leaf may call more than once, which a yielded operation cannot deliver. */
  | 'continuation-called-twice'
  /** A leaf that goes on after calling its callback: yielded, that code would run first. */
  | 'code-after-continuation'
  /** A leaf that uses what its callback returns (a Deferred handing it to the callbacks added after it), which the runner's resume does not give back. */
  | 'callback-result-used'
  /** A callback leaf of the module whose callback parameter the call does not show, or that is decorated or reached through a name the module cannot follow, so how often and when it calls back cannot be read. */
  | 'unreadable-leaf'
  /** An error continuation called with a value the module does not show to be an exception, so it cannot be raised. */
  | 'error-not-exception'
  /** A callback-based primitive, which direct style has no way to wait for. */
  | 'callback-primitive'
  /** A callback-based leaf the module does not show to call back while asyncio.run is running. */
  | 'unsafe-leaf'
  /** A public function code outside the project may call would change what it returns (the public-API policy). */
  | 'public-api'
  /** An asyncio API removed since Python 3.9 whose current spelling would behave differently there, so converting would leave it failing. */
  | 'removed-api'
  /** The rewritten code would not parse, or its edits would overlap; nothing was changed. */
  | 'output-invalid';

export interface Refusal {
  /** Dotted name. */
  readonly function: string;
  readonly code: RefusalCode;
  /** Why, in words the user can act on. */
  readonly message: string;
  /** 1-based line that blocks the conversion (the `def` line when no one line does; 0 when there is no such function). */
  readonly line: number;
  /** 1-based line of the `def`. */
  readonly defLine: number;
}

/** What stops a conversion, before it is pinned to a function. */
export interface Blocker {
  readonly code: RefusalCode;
  readonly message: string;
  /** The offending node; undefined when the function as a whole is the problem. */
  readonly node?: Node | undefined;
}

export class RefuseError extends Error implements Blocker {
  constructor(
    readonly code: RefusalCode,
    readonly node: Node | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(code: RefusalCode, node: Node | undefined, message: string): never {
  throw new RefuseError(code, node, message);
}

export function blocker(code: RefusalCode, node: Node | undefined, message: string): Blocker {
  return { code, node, message };
}

/** `fn` refused for `why`, at the line of its node (the def line without one). */
export function refusalAt(file: SourceFile, fn: FunctionInfo, why: Blocker): Refusal {
  return { function: fn.name, code: why.code, message: why.message, line: why.node ? file.lineOf(why.node) : fn.line, defLine: fn.line };
}

/** The refusal a RefuseError stands for; anything else is a bug and is rethrown. */
export function refusalOf(file: SourceFile, fn: FunctionInfo, error: unknown): Refusal {
  if (error instanceof RefuseError) return refusalAt(file, fn, error);
  throw error;
}
