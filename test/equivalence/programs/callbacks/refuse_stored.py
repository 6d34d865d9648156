"""An event bus that stores continuations to call later: they are callbacks, not continuations, so nothing converts."""
subscribers = []


def subscribe(topic, on_message):
    subscribers.append((topic, on_message))


def publish(topic, message):
    for wanted, on_message in subscribers:
        if wanted == topic:
            on_message(message)


subscribe("news", print)
subscribe("news", lambda m: print("again:", m))
publish("news", "hello")
