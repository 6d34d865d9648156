"""A progress reporter that calls its continuation twice: a generator can return only once, so the refactor refuses."""


def progress(total, on_update):
    on_update(0)
    on_update(total)


def watch(total, on_done):
    progress(total, lambda p: on_done(f"{p}/{total}"))


watch(10, print)
