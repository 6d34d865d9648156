# Down from the inline-callbacks form: a loop over 5,000 yields and a
# recursion would nest a continuation call per round or level in CPS, so they
# return thunks, and the code left in the generator form runs them under the
# trampoline. A loop over an operation this step does not convert (a
# callback-style leaf) cannot: the leaf may call its continuation later from
# code that drops the thunk, so that function, and main, which waits on it,
# are refused.
# to: cps
# expect-refused: count_with_leaf=needs-trampoline, main=needs-trampoline
# expect-converted: bump, count_up, countdown
# region Concept Lenses helper
def inline_callbacks(generator_function):
    """Lets a generator wait for callback-style operations without nesting callbacks.

    Every value the generator yields is an operation: a callable that takes a
    continuation, and optionally an error continuation after it. The runner
    starts it with a continuation that sends the result back into the
    generator, and an error continuation (or an exception the operation raises)
    that throws the error in instead. Calling the decorated function returns
    such an operation too, so these functions can yield one another;
    `f(args)(cont)` runs f and hands its return value to cont, and
    `f(args)(cont, fail)` hands fail what f raises, even after waiting.
    Results that arrive before the operation returns are sent in by a loop,
    not by recursion, so long runs of them keep the stack flat.
    """

    def operation_for(*args, **kwargs):
        def operation(cont, fail=None):
            try:
                steps = generator_function(*args, **kwargs)
            except Exception as error:
                if fail is None:
                    raise
                return fail(error)
            if not hasattr(steps, "send"):
                return cont(steps)
            return advance(steps, cont, fail, False, None)

        return operation

    def takes_error_continuation(step):
        code = getattr(step, "__code__", None)
        return code is not None and code.co_argcount >= 2

    def advance(steps, cont, fail, failed, value):
        while True:
            try:
                step = steps.throw(value) if failed else steps.send(value)
            except StopIteration as finished:
                return cont(finished.value)
            except Exception as error:
                if fail is None:
                    raise
                return fail(error)
            state = ["starting"]
            outcomes = []

            def settle(failed, value, state=state, outcomes=outcomes):
                if state[0] == "starting":
                    outcomes.append((failed, value))
                elif state[0] == "waiting":
                    state[0] = "resumed"
                    advance(steps, cont, fail, failed, value)

            def resume(result=None, settle=settle):
                settle(False, result)

            def throw(error, settle=settle):
                settle(True, error)

            try:
                if takes_error_continuation(step):
                    step(resume, throw)
                else:
                    step(resume)
            except Exception as error:
                state[0] = "abandoned"
                failed, value = True, error
                continue
            if not outcomes:
                state[0] = "waiting"
                return None
            state[0] = "resumed"
            failed, value = outcomes[0]

    operation_for.__name__ = generator_function.__name__
    operation_for.__qualname__ = generator_function.__qualname__
    operation_for.__doc__ = generator_function.__doc__
    return operation_for
# endregion


def add_now(total, step, callback):
    return callback(total + step)


@inline_callbacks
def bump(total, step):
    return total + step


@inline_callbacks
def count_with_leaf(n):
    total = 0
    for i in range(n):
        total = yield lambda resume: add_now(total, 1, resume)
    return total


@inline_callbacks
def count_up(n):
    total = 0
    for i in range(n):
        total = yield bump(total, 1)
    return total


@inline_callbacks
def countdown(n):
    if n == 0:
        return 0
    return (yield countdown(n - 1))


@inline_callbacks
def main():
    leaf_total = yield count_with_leaf(5000)
    print("leaf", leaf_total)
    count_up_result = yield count_up(5000)
    print("count", count_up_result)
    countdown_result = yield countdown(300)
    print("countdown", countdown_result)


main()(lambda _: None)
