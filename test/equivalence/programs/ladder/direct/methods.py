"""Class methods that call each other and a module function."""


def clamp(value, low, high):
    if value < low:
        return low
    if value > high:
        return high
    return value


class Thermostat:
    def __init__(self, low, high):
        self.low = low
        self.high = high

    def setting(self, wanted):
        return clamp(wanted, self.low, self.high)

    def report(self, wanted):
        chosen = self.setting(wanted)
        return "wanted " + str(wanted) + ", set " + str(chosen)


def main():
    home = Thermostat(16, 24)
    for wanted in [10, 20, 30]:
        print(home.report(wanted))


main()
