"""Building text with early exits and a loop, with a comment kept beside the code."""


def shout(word):
    return word.upper() + "!"


def banner(words):
    if not words:
        return "(nothing)"
    parts = []
    for word in words:
        parts.append(shout(word))  # each word on its own
    return " ".join(parts)


def main():
    print(banner(["hi", "there"]))
    print(banner([]))


main()
