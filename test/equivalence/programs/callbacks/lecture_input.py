"""The lecture's asynchronous input, written again: input_async answers from a ready queue, long_running hands its result on."""
from collections import deque

ready = deque()
typed = deque(["42", "hello"])


def input_async(callback):
    # Answers on a later turn of the loop, as a terminal would.
    ready.append(lambda: callback(typed.popleft()))


def get_data():
    return "sensor data"


def long_running(cont):
    result = get_data()
    cont(result)


def ask_number(cont):
    input_async(lambda text: cont(int(text)))


def ask_twice(cont):
    def got_number(n):
        def got_word(word):
            long_running(lambda data: cont(f"{word} x{n}, then {data}"))

        input_async(got_word)

    ask_number(got_number)


def callback(result):
    """Called later when result is ready."""
    print(result)


ask_twice(callback)
print("doing something else while waiting for input")
while ready:
    ready.popleft()()
