"""Concept Lenses schedule explorer (stdlib only, Python 3.8+).

Runs an asyncio program again and again under an event loop with virtual time
(timers fire in order without real waiting) where, at each step, a strategy
chooses which ready callback runs next. Writes one JSON object per line to
file descriptor 3 (or stdout when fd 3 is not open): one "run" record per
finished run and a final "done" record. The user's program prints into a
buffer, so its output never mixes with the records.

Strategies:
  explore  depth-first over the choice points, with sleep sets (a step is not
           re-tried where it only commutes with what ran instead) and a bound
           on deviations from asyncio's own FIFO order; then seeded random
           priorities when the budget runs out before the space does.
  replay   follow a recorded schedule exactly.
  plans    run each guided plan once (the hazard check: run task A until a
           line, then task B until a line, ...).

Only an explicit command of the extension or the CLI runs this file.
"""

import argparse
import asyncio
import builtins
import dis
import heapq
import io
import json
import logging
import os
import random
import sys
import traceback
import types
import warnings

IMMUTABLE = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset, range)
CODE_LIKE = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)
INTERNAL_MODULES = ('asyncio', '_asyncio', 'concurrent')
MAX_STEPS = 5000
UNSET = object()
VALUE_WIDTH = 40


class RunAborted(BaseException):
    """Stops a run from inside the loop; a BaseException so user code cannot catch it."""


class Divergence(Exception):
    """A replayed schedule asks for a task that is not ready: the program or the schedule changed."""


def short_repr(value):
    try:
        text = repr(value)
    except Exception:  # a user __repr__ may raise
        text = '<%s>' % type(value).__name__
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + '…'


def function_name(coro):
    """Dotted name as the static analysis writes it: Account.withdraw, main.inner."""
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    name = getattr(code, 'co_qualname', None) or getattr(coro, '__qualname__', None) or '?'
    return name.replace('.<locals>', '')


# --- Tracing: which lines each step ran, what shared state it read and wrote ---


class Step:
    """One callback the loop ran: its task, the lines it ran and its accesses."""

    def __init__(self, key, label):
        self.key = key
        self.label = label
        self.lines = []
        self.reads = []
        self.writes = []
        self.footprint = {}  # access key -> 'r' | 'w'
        self.function = None  # the first function of the program the step ran in
        self.at_line = None  # the line running now
        self.wrote_lines = set()  # lines where it stored into shared state

    def touch(self, key, mode):
        if self.footprint.get(key) != 'w':
            self.footprint[key] = mode

    def record(self):
        first = self.lines[0] if self.lines else None
        entry = {'task': self.label, 'line': first[1] if first else None, 'function': self.function}
        if self.key != self.label:
            entry['key'] = self.key  # one of several ready callbacks of the same name, by queue order
        files = sorted({f for f, _ in self.lines})
        entry['lines'] = [line for _, line in self.lines]
        if len(files) > 1 or (files and files[0] != Tracer.main_file):
            entry['files'] = [f for f, _ in self.lines]
        if self.reads:
            entry['reads'] = self.reads
        if self.writes:
            entry['writes'] = self.writes
        return entry


class Tracer:
    """sys.settrace over the program's own folder: line events and the shared-state opcodes."""

    main_file = ''

    def __init__(self, folder, main_file):
        self.folder = folder + os.sep
        Tracer.main_file = os.path.basename(main_file)
        self.instructions = {}
        self.step = None
        self.pending = None  # a write whose new value is read at the next event
        self.line_loads = []  # (display, value) loaded on the current line

    def traced(self, code):
        return code.co_filename.startswith(self.folder)

    def global_trace(self, frame, event, arg):
        if not self.traced(frame.f_code):
            return None
        frame.f_trace_opcodes = True
        return self.local_trace

    def local_trace(self, frame, event, arg):
        step = self.step
        if step is None:
            return self.local_trace
        if self.pending is not None:
            self.finish_write()
        if event == 'line':
            if step.function is None:
                code = frame.f_code
                step.function = (getattr(code, 'co_qualname', None) or code.co_name).replace('.<locals>', '')
            step.lines.append((os.path.basename(frame.f_code.co_filename), frame.f_lineno))
            self.line_loads = []
        elif event == 'opcode':
            self.opcode(frame, step)
        return self.local_trace

    def table(self, code):
        found = self.instructions.get(code)
        if found is None:
            found = {i.offset: (i.opname, i.argval) for i in dis.get_instructions(code)}
            self.instructions[code] = found
        return found

    def opcode(self, frame, step):
        op, arg = self.table(frame.f_code).get(frame.f_lasti, (None, None))
        if op is None:
            return
        step.at_line = frame.f_lineno
        if op in ('LOAD_GLOBAL', 'LOAD_NAME'):
            if frame.f_code.co_name == '<module>':
                return
            value = frame.f_globals.get(arg, getattr(builtins, arg, None))
            self.load(step, 'g:' + arg, arg, value)
        elif op in ('LOAD_DEREF', 'LOAD_CLASSDEREF'):
            value = frame.f_locals.get(arg)
            self.load(step, 'c:' + arg, arg, value)
        elif op == 'LOAD_FAST':
            self.line_loads.append((arg, frame.f_locals.get(arg)))
        elif op in ('LOAD_ATTR', 'LOAD_METHOD'):
            self.attribute(step, arg, op == 'LOAD_METHOD')
        elif op in ('STORE_GLOBAL', 'STORE_NAME', 'DELETE_GLOBAL', 'DELETE_NAME'):
            if frame.f_code.co_name != '<module>':
                self.write(step, 'g:' + arg, arg, lambda f=frame, n=arg: f.f_globals.get(n))
        elif op in ('STORE_DEREF', 'DELETE_DEREF'):
            self.write(step, 'c:' + arg, arg, lambda f=frame, n=arg: f.f_locals.get(n))
        elif op in ('STORE_ATTR', 'DELETE_ATTR'):
            owner = self.owner_of(arg)
            display = (owner[0] + '.' if owner else '') + arg
            self.write(step, '.' + arg, display, (lambda o=owner[1], n=arg: getattr(o, n, UNSET)) if owner else None)
        elif op in ('STORE_SUBSCR', 'DELETE_SUBSCR'):
            containers = [(d, v) for d, v in self.line_loads if v is not None and not isinstance(v, IMMUTABLE + CODE_LIKE)]
            for display, value in containers:
                step.touch('T:' + type(value).__name__, 'w')
            if containers:
                display, value = containers[-1]
                step.wrote_lines.add(step.at_line)
                step.writes.append([display, short_repr(value), None])
                self.pending = (step.writes[-1], lambda v=value: v)

    def load(self, step, key, display, value):
        if isinstance(value, CODE_LIKE):
            self.line_loads.append((display, value))
            return
        step.touch(key, 'r')
        if not isinstance(value, IMMUTABLE):
            step.touch('T:' + type(value).__name__, 'r')
        step.reads.append([display, short_repr(value)])
        self.line_loads.append((display, value))

    def attribute(self, step, name, method):
        """obj.name: a read of the attribute, or a call of a method that may mutate obj."""
        receiver = self.line_loads[-1] if self.line_loads else (None, None)
        display, obj = receiver
        try:
            value = getattr(obj, name)
        except Exception:
            return
        shown = (display + '.' if display else '') + name
        if isinstance(obj, (types.ModuleType, type)) and isinstance(value, CODE_LIKE):
            self.line_loads.append((shown, value))
            return
        if method or callable(value):
            if obj is not None and not isinstance(obj, IMMUTABLE + CODE_LIKE):
                step.touch('T:' + type(obj).__name__, 'w')
            self.line_loads.append((shown, value))
            return
        step.touch('.' + name, 'r')
        if not isinstance(value, IMMUTABLE):
            step.touch('T:' + type(value).__name__, 'r')
        step.reads.append([shown, short_repr(value)])
        self.line_loads.append((shown, value))

    def owner_of(self, name):
        """The object a STORE_ATTR stores into: the latest one loaded on this line that has it."""
        for display, value in reversed(self.line_loads):
            if value is not None and not isinstance(value, IMMUTABLE) and hasattr(value, name):
                return display, value
        for display, value in reversed(self.line_loads):
            if value is not None and not isinstance(value, IMMUTABLE + CODE_LIKE):
                return display, value
        return None

    def write(self, step, key, display, read_new):
        step.touch(key, 'w')
        step.wrote_lines.add(step.at_line)
        old = read_new() if read_new else UNSET
        entry = [display, '—' if old is UNSET else short_repr(old), None]
        step.writes.append(entry)
        self.pending = (entry, read_new)

    def finish_write(self):
        entry, read_new = self.pending
        self.pending = None
        if read_new is not None:
            entry[2] = short_repr(read_new())


# --- The controlled loop ---


class ControlledLoop(asyncio.SelectorEventLoop):
    """asyncio's own selector loop, but one callback per iteration, chosen by a strategy, on virtual time."""

    def __init__(self, run):
        super().__init__()
        self._virtual_now = 0.0
        self._run = run

    def time(self):
        return self._virtual_now

    def _run_once(self):
        run = self._run
        if run.aborted:
            raise RunAborted(run.aborted)
        ready = self._ready
        while self._scheduled and self._scheduled[0]._cancelled:
            self._scheduled[0]._scheduled = False
            heapq.heappop(self._scheduled)
        idle = not ready and not self._scheduled and not self._stopping
        # Wait for real I/O (or a thread's call_soon_threadsafe) only when nothing else can run.
        self._process_events(self._selector.select(None if idle else 0))
        if not ready and self._scheduled:
            self._virtual_now = max(self._virtual_now, self._scheduled[0]._when)
        while self._scheduled and self._scheduled[0]._when <= self._virtual_now:
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            ready.append(handle)
        live = [h for h in ready if not h._cancelled]
        ready.clear()
        ready.extend(live)
        if not ready:
            return
        for handle in ready:
            if internal(handle):
                ready.remove(handle)
                run.count()
                handle._run()
                return
        run.can_wait = bool(self._scheduled)
        handle = run.choose(list(ready))
        if handle is None:
            # The strategy waits for a task that sleeps: let virtual time reach the next timer first.
            self._virtual_now = max(self._virtual_now, self._scheduled[0]._when)
            return
        ready.remove(handle)
        run.count()
        run.tracer.step = run.begin(handle)
        run.tracer.line_loads = []
        before = run.out.tell()
        try:
            handle._run()
        finally:
            step = run.tracer.step
            run.tracer.step = None
            if run.tracer.pending is not None:
                run.tracer.finish_write()
            if run.out.tell() != before:
                step.touch('stdout', 'w')
            run.end(step)


ASYNCIO_FOLDER = os.path.dirname(asyncio.__file__) + os.sep


def internal(handle):
    """asyncio's own bookkeeping (future callbacks, gather, sleep's timers, its shutdown tasks) runs without a choice."""
    callback = handle._callback
    owner = getattr(callback, '__self__', None)
    if isinstance(owner, asyncio.Task):
        code = getattr(owner.get_coro(), 'cr_code', None)
        return code is not None and code.co_filename.startswith(ASYNCIO_FOLDER)
    callback = getattr(callback, 'func', callback)
    module = getattr(callback, '__module__', None) or ''
    return module.split('.')[0] in INTERNAL_MODULES


def driven_generator(callback, depth):
    """The generator a framework callback resumes (Tornado's gen.coroutine Runner), found through
    partials, bound methods and closures, so its steps are labelled like tasks."""
    if depth == 0 or callback is None:
        return None
    if isinstance(callback, (types.GeneratorType, types.CoroutineType)):
        return callback
    runner_generator = getattr(callback, 'gen', None)
    if isinstance(runner_generator, types.GeneratorType):
        return runner_generator
    if isinstance(callback, (tuple, list)):
        inner = list(callback)
    else:
        # partials and Twisted's DelayedCall (func, args), bound methods, a Deferred's callbacks
        inner = [getattr(callback, 'func', None), getattr(callback, '__self__', None)]
        inner += list(getattr(callback, 'args', None) or ())
        inner += list(getattr(callback, 'callbacks', None) or ())
    inner += [cell.cell_contents for cell in (getattr(callback, '__closure__', None) or ()) if cell_filled(cell)]
    for candidate in inner:
        if candidate is not None and not isinstance(candidate, types.ModuleType):
            found = driven_generator(candidate, depth - 1)
            if found is not None:
                return found
    return None


def cell_filled(cell):
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


class Policy(asyncio.DefaultEventLoopPolicy):
    def __init__(self, run):
        super().__init__()
        self._run = run

    def new_event_loop(self):
        return ControlledLoop(self._run)


# --- One run of the program ---


class Run:
    """One execution: labels tasks, asks the strategy at each step and keeps the schedule."""

    def __init__(self, strategy, tracer):
        self.strategy = strategy
        self.tracer = tracer
        self.out = io.StringIO()
        self.labels = {}
        self.per_function = {}
        self.steps = []
        self.aborted = None
        self.count_steps = 0
        self.can_wait = False  # a timer is pending, so a strategy may choose to wait for it

    def count(self):
        self.count_steps += 1
        if self.count_steps > MAX_STEPS:
            self.aborted = 'did not finish: stopped after %d steps (does the program ever end?)' % MAX_STEPS
            raise RunAborted(self.aborted)

    def label(self, handle):
        """A task's label (`withdraw`, `withdraw#2`, in order of first appearance) or the callback's name."""
        callback = handle._callback
        owner = getattr(callback, '__self__', None)
        if isinstance(owner, asyncio.Task):
            return self.task_label(owner, function_name(owner.get_coro()))
        coroutine = driven_generator((callback,) + tuple(handle._args or ()), 9)
        if coroutine is not None:
            return self.task_label(coroutine, function_name(coroutine))
        callback = getattr(callback, 'func', callback)
        name = (getattr(callback, '__qualname__', None) or type(callback).__name__).replace('.<locals>', '')
        return 'callback ' + name, name

    def task_label(self, identity, name):
        found = self.labels.get(id(identity))
        if found is None:
            n = self.per_function.get(name, 0) + 1
            self.per_function[name] = n
            found = (name if n == 1 else '%s#%d' % (name, n), name, identity)
            self.labels[id(identity)] = found
        return found[0], found[1]

    def keys(self, handles):
        """Stable keys for the ready handles: the label, numbered among equal labels in queue order."""
        seen = {}
        result = []
        for handle in handles:
            label, function = self.label(handle)
            seen[label] = seen.get(label, 0) + 1
            result.append((label if seen[label] == 1 else '%s@%d' % (label, seen[label]), label, function))
        return result

    def choose(self, handles):
        options = self.keys(handles)
        try:
            index = self.strategy.choose(self, options)
        except Divergence as error:
            self.aborted = 'schedule does not match: %s' % error
            raise RunAborted(self.aborted)
        if index is None:
            return None
        self.chosen = options[index]
        return handles[index]

    def finished(self, label):
        """Whether the task (or framework generator) labelled `label` has ended."""
        for found_label, _, identity in self.labels.values():
            if found_label == label:
                done = getattr(identity, 'done', None)
                return done() if done is not None else getattr(identity, 'gi_frame', None) is None
        return False

    def begin(self, handle):
        return Step(self.chosen[0], self.chosen[1])

    def end(self, step):
        self.steps.append(step)
        self.strategy.after(self, step)


def execute(program, entry, strategy, tracer):
    """Runs the program once under `strategy`; returns the run record."""
    run = Run(strategy, tracer)
    asyncio.set_event_loop_policy(Policy(run))
    module = types.ModuleType('__main__' if entry is None else '__concept_lenses_program__')
    module.__file__ = program.path
    saved_main = sys.modules.get('__main__')
    sys.modules['__main__'] = module
    exception = None
    stdout, sys.stdout = sys.stdout, run.out
    sys.settrace(tracer.global_trace)
    try:
        if program.uses_twisted:
            install_twisted_reactor(run)
        exec(program.code, module.__dict__)
        if entry is not None:
            function = module.__dict__.get(entry)
            if function is None:
                raise NameError('the program defines no %s' % entry)
            asyncio.run(function())
    except SystemExit as error:
        if error.code not in (None, 0):
            exception = 'SystemExit: %s' % error.code
    except RunAborted:
        exception = run.aborted
    except BaseException as error:  # the user's exception is the run's outcome
        exception = traceback.format_exception_only(type(error), error)[-1].strip()
    finally:
        sys.settrace(None)
        sys.stdout = stdout
        sys.modules['__main__'] = saved_main
        asyncio.set_event_loop_policy(None)
        program.forget_modules()
    if run.aborted and exception != run.aborted:
        exception = run.aborted
    return {
        'stdout': run.out.getvalue(),
        'exception': exception,
        'schedule': [step.record() for step in run.steps],
    }, run


def install_twisted_reactor(run):
    """Twisted runs on the controlled loop through its asyncio reactor, installed afresh for
    every run, with each delayed call its own loop callback (the stock reactor runs all due
    calls in one callback, which would leave nothing to choose between)."""
    sys.modules.pop('twisted.internet.reactor', None)
    from twisted.internet import asyncioreactor, base, main
    from twisted.python import log

    class ControlledReactor(asyncioreactor.AsyncioSelectorReactor):
        def seconds(self):
            return self._asyncioEventloop.time()

        def callLater(self, delay, f, *args, **kwargs):
            call = base.DelayedCall(
                self.seconds() + delay, f, args, kwargs, self._cancelCallLater, self._moveCallLaterSooner, seconds=self.seconds
            )
            self._asyncioEventloop.call_later(delay, self._run_delayed, call)
            return call

        def _cancelCallLater(self, call):
            pass  # a cancelled call is skipped when its loop callback comes

        def _moveCallLaterSooner(self, call):
            self._asyncioEventloop.call_at(call.getTime(), self._run_delayed, call)

        def _run_delayed(self, call):
            if call.cancelled or call.called or call.getTime() > self.seconds():
                return  # cancelled, already run, or reset to later (its new callback will run it)
            call.called = 1
            try:
                call.func(*call.args, **call.kw)
            except BaseException:
                log.deferr()
            self.runUntilCurrent()  # no timed calls left there: it fires "shutdown" after stop()

    loop = ControlledLoop(run)
    asyncio.set_event_loop(loop)
    reactor = ControlledReactor(eventloop=loop)
    main.installReactor(reactor)


class Program:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.folder = os.path.dirname(self.path)
        with open(self.path, 'rb') as handle:
            source = handle.read()
        self.code = compile(source, self.path, 'exec')
        self.uses_twisted = b'twisted' in source
        sys.path.insert(0, self.folder)
        self.preloaded = set(sys.modules)

    def forget_modules(self):
        """Modules of the program's own folder are imported afresh by the next run, so their state starts over."""
        for name, module in list(sys.modules.items()):
            if name in self.preloaded:
                continue
            path = getattr(module, '__file__', None) or ''
            if path.startswith(self.folder + os.sep):
                del sys.modules[name]


# --- Strategies ---


def independent(a, b):
    for key, mode in a.items():
        other = b.get(key)
        if other is not None and (mode == 'w' or other == 'w'):
            return False
    return True


class Node:
    """A choice point of the depth-first search, kept across runs."""

    def __init__(self, options, sleep, deviations):
        self.options = options  # keys in ready-queue order
        self.sleep = sleep  # key -> footprint of steps not to try here
        self.deviations = deviations  # deviations from FIFO order before this node
        self.done = {}  # key -> footprint of the steps tried here
        self.chosen = None


class DepthFirst:
    """Stateless depth-first search over schedules with sleep sets and a deviation bound."""

    def __init__(self, reduce, bound):
        self.reduce = reduce
        self.bound = bound
        self.stack = []
        self.prefix = []
        self.depth = 0
        self.blocked = False

    def start(self):
        self.depth = 0
        self.blocked = False

    def choose(self, run, options):
        keys = [key for key, _, _ in options]
        depth = self.depth
        if depth < len(self.prefix):
            node = self.stack[depth]
            want = self.prefix[depth]
            if want not in keys:
                raise Divergence('step %d wants %s, ready: %s (is the program deterministic?)' % (depth + 1, want, ', '.join(keys)))
        else:
            parent = self.stack[depth - 1] if depth > 0 else None
            sleep = {}
            if parent is not None and self.reduce:
                ran = parent.done[parent.chosen]
                for key, footprint in list(parent.sleep.items()) + list(parent.done.items()):
                    if key != parent.chosen and independent(footprint, ran):
                        sleep[key] = footprint
            deviations = 0 if parent is None else parent.deviations + (parent.options.index(parent.chosen) > 0)
            node = Node(keys, sleep, deviations)
            self.stack.append(node)
            awake = [k for k in keys if k not in sleep]
            if not awake:
                self.blocked = True
                run.aborted = 'sleep-set blocked'
                raise RunAborted(run.aborted)
            want = awake[0]
        node.chosen = want
        self.depth += 1
        return keys.index(want)

    def after(self, run, step):
        node = self.stack[self.depth - 1]
        node.done[step.key] = step.footprint

    def backtrack(self):
        """Sets the prefix of the next run; False when the space is exhausted."""
        del self.stack[self.depth:]
        while self.stack:
            node = self.stack[-1]
            for index, key in enumerate(node.options):
                if key in node.done or key in node.sleep:
                    continue
                if self.bound is not None and node.deviations + (index > 0) > self.bound:
                    continue
                self.prefix = [n.chosen for n in self.stack[:-1]] + [key]
                return True
            self.stack.pop()
        return False


class RandomPriorities:
    """PCT-style: a random priority per task, lowered at a few random change points."""

    def __init__(self, seed, length):
        self.rng = random.Random(seed)
        self.priority = {}
        self.changes = set(self.rng.randrange(max(length, 1)) for _ in range(2))
        self.depth = 0

    def choose(self, run, options):
        for key, _, _ in options:
            if key not in self.priority:
                self.priority[key] = self.rng.random()
        index = max(range(len(options)), key=lambda i: self.priority[options[i][0]])
        if self.depth in self.changes:
            self.priority[options[index][0]] = -self.rng.random()
        self.depth += 1
        return index

    def after(self, run, step):
        pass


class Replay:
    def __init__(self, schedule):
        self.schedule = schedule
        self.depth = 0

    def choose(self, run, options):
        if self.depth >= len(self.schedule):
            raise Divergence('the schedule ends after %d steps but the program goes on' % len(self.schedule))
        entry = self.schedule[self.depth]
        want = entry.get('key', entry['task'])
        self.depth += 1
        for index, (key, _, _) in enumerate(options):
            if key == want:
                return index
        raise Divergence('step %d wants %s, ready: %s' % (self.depth, want, ', '.join(o[1] for o in options)))

    def after(self, run, step):
        pass


class Plan:
    """Follows a plan of roles: [{"role": "A", "function": "Account.withdraw", "until": 13, "write": true}, ...].

    A role binds to the first ready task of its function not bound to another role;
    it is chosen until it has run the `until` line (null: to its end, and while it sleeps on a
    timer virtual time moves on rather than another task; with "write", until it has written shared
    state on that line: `x = await f()` runs its line before the await and writes after), then
    the plan moves on.
    After the plan, asyncio's FIFO order."""

    def __init__(self, plan):
        self.plan = plan
        self.position = 0
        self.bound = {}

    def choose(self, run, options):
        while self.position < len(self.plan):
            goal = self.plan[self.position]
            role = goal['role']
            owner = self.bound.get(role)
            if owner is None:
                taken = set(self.bound.values())
                for _, label, function in options:
                    if function == goal['function'] and label not in taken:
                        owner = self.bound[role] = label
                        break
            for index, (_, label, _) in enumerate(options):
                if label == owner:
                    return index
            if goal['until'] is None and owner is not None and run.can_wait and not run.finished(owner):
                return None  # the serial run: nobody else runs while its task sleeps
            break
        others = set(self.bound.values())
        for index, (_, label, _) in enumerate(options):
            if label not in others:
                return index
        return 0

    def after(self, run, step):
        if self.position < len(self.plan):
            goal = self.plan[self.position]
            if goal['until'] is None:
                reached = False  # the role runs whenever it is ready, to its end
            elif goal.get('write'):
                reached = goal['until'] in step.wrote_lines
            else:
                reached = any(line == goal['until'] for _, line in step.lines)
            if step.label == self.bound.get(goal['role']) and reached:
                self.position += 1


# --- Main ---


def records():
    try:
        return os.fdopen(3, 'w', encoding='utf-8')
    except OSError:
        return sys.__stdout__


def main(argv):
    parser = argparse.ArgumentParser(prog='explore.py')
    parser.add_argument('program')
    parser.add_argument('--entry')
    parser.add_argument('--runs', type=int, default=200)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--bound', type=int, default=None)
    parser.add_argument('--no-reduction', action='store_true')
    parser.add_argument('--replay')
    parser.add_argument('--plans')
    args = parser.parse_args(argv)
    out = records()
    # The runs abandoned on purpose (a blocked search branch, a step limit) leave pending tasks behind.
    logging.getLogger('asyncio').disabled = True
    warnings.simplefilter('ignore')

    def emit(record):
        out.write(json.dumps(record) + '\n')
        out.flush()

    if sys.version_info < (3, 8):
        emit({'type': 'error', 'code': 'python-too-old', 'message': 'Python 3.8 or newer is needed'})
        return 2
    try:
        program = Program(args.program)
    except (OSError, SyntaxError, ValueError) as error:
        emit({'type': 'error', 'code': 'unreadable', 'message': '%s: %s' % (args.program, error)})
        return 2
    tracer = Tracer(program.folder, program.path)

    def one(strategy, **extra):
        record, run = execute(program, args.entry, strategy, tracer)
        record.update(extra)
        return record, run

    if args.replay is not None:
        record, _ = one(Replay(json.loads(args.replay)))
        emit(dict(record, type='run'))
        emit({'type': 'done', 'runs': 1, 'exhausted': True})
        return 0
    if args.plans is not None:
        for index, plan in enumerate(json.loads(args.plans)):
            record, _ = one(Plan(plan), plan=index)
            emit(dict(record, type='run'))
        emit({'type': 'done', 'runs': len(json.loads(args.plans)), 'exhausted': True})
        return 0

    search = DepthFirst(not args.no_reduction, args.bound)
    runs = blocked = 0
    exhausted = endless = False
    depth_budget = max(1, (args.runs + 1) // 2)
    longest = 1
    while runs < depth_budget:
        search.start()
        record, run = one(search)
        if search.blocked:
            blocked += 1
        else:
            runs += 1
            longest = max(longest, len(run.steps))
            emit(dict(record, type='run'))
            if run.aborted:
                endless = True
                break  # a run that never ends: more runs would only repeat it
        if not search.backtrack():
            exhausted = True
            break
    if not exhausted and not endless:
        while runs < args.runs:
            record, run = one(RandomPriorities(args.seed * 1000003 + runs, longest))
            runs += 1
            emit(dict(record, type='run'))
    emit({'type': 'done', 'runs': runs, 'exhausted': exhausted, 'blocked': blocked})
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
