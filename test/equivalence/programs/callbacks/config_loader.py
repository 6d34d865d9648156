"""Loading settings with a success and an error continuation: the errback becomes a raise, the handler a try/except."""


class ConfigError(Exception):
    pass


SOURCES = {"app.ini": "port=8080\nworkers=4", "broken.ini": "port", "empty.ini": ""}


def read_source(name, callback, errback):
    if name not in SOURCES:
        errback(ConfigError(f"{name} not found"))
    else:
        callback(SOURCES[name])


def parse_settings(text, callback, errback):
    settings = {}
    for line in text.splitlines():
        if "=" not in line:
            errback(ConfigError(f"bad line {line!r}"))
            return
        key, value = line.split("=", 1)
        settings[key] = value
    callback(settings)


def load_config(name, callback, errback):
    read_source(name, lambda text: parse_settings(text, callback, errback), errback)


def describe(name, on_result):
    def loaded(settings):
        on_result(f"{name}: {len(settings)} settings {sorted(settings)}")

    def failed(error):
        on_result(f"{name}: failed ({error})")

    load_config(name, loaded, failed)


for source in ["app.ini", "broken.ini", "missing.ini", "empty.ini"]:
    describe(source, print)
