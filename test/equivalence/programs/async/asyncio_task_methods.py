"""A 3.4-era job runner that asks asyncio about its tasks through the Task
class methods Python 3.9 removed. Where asyncio.current_task() and
asyncio.all_tasks() answer the same, converting respells them; where a
finished task or a stopped loop would change the answer, they stay."""
# expect-refused: census

import asyncio

finished = []


@asyncio.coroutine
def job(name, log):
    me = asyncio.Task.current_task()
    log.append((name, me is not None, me is asyncio.Task.current_task(me.get_loop())))
    yield from asyncio.sleep(0.01)
    return name


@asyncio.coroutine
def sleeper():
    yield from asyncio.sleep(10)


@asyncio.coroutine
def census():
    # Finished tasks count here on 3.8, not with asyncio.all_tasks(): refused.
    return len(asyncio.Task.all_tasks())


@asyncio.coroutine
def supervise(log):
    done = asyncio.ensure_future(job("early", log))
    finished.append(done)
    yield from done
    sleepers = [asyncio.ensure_future(sleeper()) for _ in range(2)]
    yield from asyncio.sleep(0)
    pending = [t for t in asyncio.Task.all_tasks() if not t.done()]
    log.append(("pending", len(pending), done in pending))
    log.append(("census", (yield from census())))
    return sleepers


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
log = []
print(asyncio.Task.current_task(loop))
sleepers = loop.run_until_complete(supervise(log))
for t in asyncio.Task.all_tasks(loop):
    t.cancel()
loop.run_until_complete(asyncio.sleep(0))
print([s.cancelled() for s in sleepers])
print(asyncio.Task.current_task())
print(log)
loop.close()
