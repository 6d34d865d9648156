// The future adapter the inline-callbacks → async/await rung inserts once per
// module: it makes a callback-based operation (a callable taking a
// continuation, and optionally an error continuation after it, as the
// inline-callbacks runner's operations do) awaitable on the running asyncio loop. A result handed over
// before the await is already in the future, so awaiting it does not suspend,
// just as the runner sent synchronous results straight back in.
export const ADAPTER_NAME = 'callback_awaitable';

/** The adapter's source, named `name`, spelling asyncio's `get_running_loop` as `getRunningLoop`. Ends with a newline. */
export function callbackAwaitableSource(name: string, getRunningLoop: string): string {
  return `def ${name}(start):
    """Awaits a callback-style operation: start(resume) calls resume(result), now or later.

    A resume called with no argument delivers None; only the first call counts.
    An operation that takes an error continuation too, start(resume, fail), may
    call fail(error) instead, and the await raises that error.
    """
    future = ${getRunningLoop}().create_future()

    def resume(result=None):
        if not future.done():
            future.set_result(result)

    def fail(error):
        if not future.done():
            future.set_exception(error)

    code = getattr(start, "__code__", None)
    if code is not None and code.co_argcount >= 2:
        start(resume, fail)
    else:
        start(resume)
    return future
`;
}

/** The adapter as inserted into a module that spells asyncio `asyncio`. */
export const ADAPTER_SOURCE = callbackAwaitableSource(ADAPTER_NAME, 'asyncio.get_running_loop');
