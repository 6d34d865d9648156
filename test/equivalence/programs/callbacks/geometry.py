"""Shapes whose continuations take several values: a bounding box hands on four numbers, a split two."""


def split_point(p, cont):
    cont(p[0], p[1])


def bounds(points, cont):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cont(min(xs), min(ys), max(xs), max(ys))


def area_of_bounds(points, cont):
    bounds(points, lambda x0, y0, x1, y1: cont((x1 - x0) * (y1 - y0)))


def centre(points, cont):
    def got(x0, y0, x1, y1):
        cont((x0 + x1) / 2, (y0 + y1) / 2)

    bounds(points, got)


def describe(points, cont):
    area_of_bounds(points, lambda area: centre(points, lambda cx, cy: cont(f"area {area}, centre ({cx}, {cy})")))


triangle = [(0, 0), (4, 0), (2, 3)]
split_point((7, 9), print)
bounds(triangle, print)
centre(triangle, lambda x, y: print("centre", x, y))
describe(triangle, print)
