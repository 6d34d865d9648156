// The guard the direct → CPS rung inserts (once per module) when a function
// that calls CPS functions itself gets an error continuation: its body runs in
// the guard, so what the function's own code raises goes to the error
// continuation, while what its continuations raise once it has handed on
// (its result or an error) is never caught by the caller's handler.
export const ERROR_GUARD_NAME = 'guard_errors';

/** Python source, ending with a newline. */
export const ERROR_GUARD_SOURCE = `def guard_errors(body, cont, on_error):
    """Runs the CPS function body \`body(cont, on_error)\`. Without an error
    continuation, errors are raised as usual. With one, what the body raises
    before it hands anything on goes to \`on_error\`; once it has called one of
    the continuations, what they raise goes on up unchanged."""
    if on_error is None:
        return body(cont, None)
    handed_on = False

    def handing_on(k):
        def call(*values):
            nonlocal handed_on
            handed_on = True
            return k(*values)
        return call

    try:
        return body(handing_on(cont), handing_on(on_error))
    except BaseException as error:
        if handed_on:
            raise
        failure = error
    return on_error(failure)
`;
