// The inline-callbacks runner the CPS → generators rung inserts once per
// module. Its contract, which the generators → async/await rung relies on:
//   - `@inline_callbacks` decorates a generator (or a plain function);
//   - every value the generator yields is an *operation*: a callable taking one
//     continuation (calling a decorated function returns one; a callback-based
//     leaf is wrapped as `lambda resume: leaf(args, resume)`), or two, the second
//     for errors (`lambda resume, fail: leaf(args, resume, fail)`);
//   - `f(args)(cont)` starts `f` and delivers its return value to `cont`;
//     `f(args)(cont, fail)` also delivers what it raises to `fail`, even when
//     it raises after waiting (from an event loop's callback).
export const RUNNER_NAME = 'inline_callbacks';

/** The runner's Python source, for a module indented with four spaces. Ends with a newline. */
export const INLINE_CALLBACKS_RUNNER = `def inline_callbacks(generator_function):
    """Lets a generator wait for callback-style operations without nesting callbacks.

    Every value the generator yields is an operation: a callable that takes a
    continuation, and optionally an error continuation after it. The runner
    starts it with a continuation that sends the result back into the
    generator, and an error continuation (or an exception the operation raises)
    that throws the error in instead. Calling the decorated function returns
    such an operation too, so these functions can yield one another;
    \`f(args)(cont)\` runs f and hands its return value to cont, and
    \`f(args)(cont, fail)\` hands fail what f raises, even after waiting.
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
`;

/** The runner's source under another name (a module that already uses the name gets a fresh one). */
export function runnerSource(name: string): string {
  return INLINE_CALLBACKS_RUNNER.replace(`def ${RUNNER_NAME}(`, `def ${name}(`);
}
