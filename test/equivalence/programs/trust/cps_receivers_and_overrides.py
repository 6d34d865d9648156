# A method is converted only with every call that may reach it. A call on a
# receiver the module types (`self`, `Box(...)`, a name bound to `Box(...)`,
# a parameter annotated `Box`) is its call; an untyped receiver is only when
# nothing else can have a method of that name (a dict has `get`, so
# `table.get` may be the dict's). An override and the method it overrides
# take a continuation together or not at all.
# to: cps
# args: --with-callers
# expect-refused: Box.get=receiver-unknown, Report.render=overridden, Loud.render=used-as-value
# expect-converted: Box.area, Box.scaled, Fancy.render, Plain.render, Plain.show, Report.show, lookup, main, size, twice


class Box:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def area(self):
        return self.v * self.v

    def scaled(self, k):
        return self.v * k


def lookup(table):
    return table.get("k")


def size(box: Box):
    return box.area()


def twice(thing):
    return thing.scaled(2)


class Plain:
    def render(self, text):
        return text

    def show(self, text):
        return "[" + self.render(text) + "]"


class Fancy(Plain):
    def render(self, text):
        return text.upper()


class Report:
    def render(self, text):
        return "report " + text

    def show(self, text):
        return self.render(text)


class Loud(Report):
    def render(self, text):
        return text + "!"


def main():
    print(lookup({"k": 1}))
    print(size(Box(3)), twice(Box(4)))
    print(Plain().show("a"), Fancy().show("b"))
    print(Report().show("c"), Loud().show("d"))
    shout = Loud().render
    print(shout("e"))


main()
