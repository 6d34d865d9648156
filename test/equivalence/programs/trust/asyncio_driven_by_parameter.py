# A simulation that steps its processes by hand: spawn() checks it was given a
# generator and run() drives it with send(). A native coroutine would be
# turned away there, so the process is refused, naming where it is handed over.
# to: async
# expect-refused: worker=driven-by-hand, step=needs-callers
# expect-converted: (none)
import asyncio
import inspect


class Simulation:
    def __init__(self):
        self.processes = []

    def spawn(self, process):
        if not inspect.isgenerator(process):
            print("refusing", process)
            return
        self.processes.append(process)

    def run(self):
        while self.processes:
            process = self.processes.pop(0)
            try:
                process.send(None)
                self.processes.append(process)
            except StopIteration as stop:
                print("finished with", stop.value)


@asyncio.coroutine
def step(i):
    return i * 10


@asyncio.coroutine
def worker(n):
    total = 0
    for i in range(n):
        total += yield from step(i)
    return total


def main():
    sim = Simulation()
    sim.spawn(worker(3))
    sim.run()


main()
