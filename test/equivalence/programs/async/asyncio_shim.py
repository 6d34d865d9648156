"""Test-only runner: restores asyncio.coroutine (removed in Python 3.11) as
Python 3.10 defined it with debug mode off, and the `with (yield from lock):`
idiom (removed in 3.10), then runs the program given on the command line as
__main__. Converted programs run without it."""
import asyncio
import collections.abc
import functools
import inspect
import runpy
import sys
import types


def coroutine(func):
    if inspect.iscoroutinefunction(func):
        return func
    if inspect.isgeneratorfunction(func):
        coro = func
    else:
        @functools.wraps(func)
        def coro(*args, **kwargs):
            result = func(*args, **kwargs)
            if asyncio.isfuture(result) or inspect.isgenerator(result):
                result = yield from result
            else:
                try:
                    await_method = result.__await__
                except AttributeError:
                    pass
                else:
                    if isinstance(result, collections.abc.Awaitable):
                        result = yield from await_method()
            return result
    return types.coroutine(coro)


class _Release:
    def __init__(self, lock):
        self._lock = lock

    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        self._lock.release()


def _acquire_for_with(self):
    yield from self.acquire().__await__()
    return _Release(self)


asyncio.Lock.__iter__ = _acquire_for_with
asyncio.coroutine = coroutine
asyncio.coroutines.coroutine = coroutine
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
