"""Test-only runner: restores asyncio.coroutine (removed in Python 3.11) as
Python 3.10 defined it with debug mode off, the `with (yield from lock):`
idiom and the `loop=` arguments (removed in 3.10), asyncio.wait taking
coroutines (refused since 3.11) and Task.current_task / Task.all_tasks
(removed in 3.9) as 3.8 defined them, then runs the program given on the
command line as __main__. Converted programs run without it."""
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


def _ignoring_loop(function):
    # 3.9 took the loop a coroutine ran on; no other loop could work there.
    @functools.wraps(function)
    def call(*args, loop=None, **kwargs):
        return function(*args, **kwargs)

    return call


def _class_ignoring_loop(cls):
    class Accepting(cls):
        def __init__(self, *args, loop=None, **kwargs):
            super().__init__(*args, **kwargs)

    Accepting.__name__ = Accepting.__qualname__ = cls.__name__
    return Accepting


_wait = asyncio.wait


async def _wait_wrapping_coroutines(fs, *, loop=None, timeout=None, return_when=asyncio.ALL_COMPLETED):
    # As 3.10's asyncio.wait did before handing them to the loop.
    return await _wait({asyncio.ensure_future(f) for f in set(fs)}, timeout=timeout, return_when=return_when)


class _Task(asyncio.Task):
    # The C Task type takes no new attributes: a subclass carries 3.8's class methods.
    @classmethod
    def current_task(cls, loop=None):
        if loop is None:
            loop = asyncio.get_event_loop()
        return asyncio.current_task(loop)

    @classmethod
    def all_tasks(cls, loop=None):
        # Every task of the loop not yet garbage-collected, finished ones included.
        if loop is None:
            loop = asyncio.get_event_loop()
        return {t for t in list(asyncio.tasks._all_tasks) if asyncio.futures._get_loop(t) is loop}


_Task.__name__ = _Task.__qualname__ = "Task"
asyncio.Task = _Task
asyncio.Lock.__iter__ = _acquire_for_with
for _name in ["sleep", "gather", "shield", "wait_for"]:
    setattr(asyncio, _name, _ignoring_loop(getattr(asyncio, _name)))
for _name in ["Queue", "Lock", "Event", "Semaphore"]:
    setattr(asyncio, _name, _class_ignoring_loop(getattr(asyncio, _name)))
asyncio.wait = _wait_wrapping_coroutines
asyncio.coroutine = coroutine
asyncio.coroutines.coroutine = coroutine
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
