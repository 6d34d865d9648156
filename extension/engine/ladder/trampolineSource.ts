// The trampoline the direct → CPS rung inserts (once per module) when asked to
// keep deep CPS recursion off the Python stack.
export const TRAMPOLINE_NAME = 'trampoline';

/** Why a module that defines a \`trampoline\` of its own cannot get ours. */
export const TRAMPOLINE_NAME_TAKEN = `the module already defines \`${TRAMPOLINE_NAME}\`, the name the trampoline helper needs; rename it first`;

/** Python source, ending with a newline. */
export const TRAMPOLINE_SOURCE = `def trampoline(step):
    """Runs a CPS computation whose calls return thunks (zero-argument lambdas)
    instead of calling on: each thunk is called in turn, so however deep the
    computation goes, the stack stays one call deep."""
    while callable(step):
        step = step()
    return step
`;
