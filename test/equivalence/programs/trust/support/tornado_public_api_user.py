from tornado import ioloop

import tornado_public_api as feeds


async def main():
    future = feeds.fetch("news")
    print("called")
    future.add_done_callback(lambda f: print("done", f.result()))
    print(await future)


ioloop.IOLoop.current().run_sync(main)
