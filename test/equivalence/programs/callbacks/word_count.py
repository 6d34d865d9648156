"""Counting words with a tokenizer that takes its continuation by keyword, the way many callback APIs do."""


def tokenize(text, lower=True, callback=None):
    words = text.split()
    callback([w.lower() if lower else w for w in words])


def count_words(text, on_done):
    tokenize(text, callback=lambda words: on_done(len(words)))


def top_word(text, on_done):
    def counted(words):
        counts = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        best = max(sorted(counts), key=counts.get)
        on_done(best, counts[best])

    tokenize(text, lower=True, callback=counted)


count_words("the cat and the hat", print)
top_word("The cat and the hat and the bat", lambda word, n: print(f"{word!r} x{n}"))
