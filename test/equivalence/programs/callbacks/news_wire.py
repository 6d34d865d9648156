"""A news desk reads its wire through the class, passing the wire by hand
(`Wire.fetch(wire, ...)`). `fetch` calls back once, from the desk's own ready
queue, so `headline` converts; `stream` calls back for every story, so
`digest`, which as a generator would see only the first, is refused."""
ready = []


def call_soon(fn, *args):
    ready.append((fn, args))


def run():
    while ready:
        fn, args = ready.pop(0)
        fn(*args)


class Wire:
    def __init__(self, stories):
        self.stories = stories

    def fetch(self, index, on_story):
        call_soon(on_story, self.stories[index])

    def stream(self, on_story):
        for story in self.stories:
            on_story(story)


def headline(wire, index, on_done):
    Wire.fetch(wire, index, lambda story: on_done(story.upper()))


def front_page(wire, on_done):
    headline(wire, 0, lambda first: headline(wire, 2, lambda second: on_done(first + " / " + second)))


def digest(wire, on_done):
    Wire.stream(wire, lambda story: on_done("digest: " + story))


wire = Wire(["rain tomorrow", "market up", "team wins"])
front_page(wire, print)
digest(wire, print)
run()
