"""Moving money between accounts: continuations passed by keyword, closures over earlier results, an error path."""


class Declined(Exception):
    pass


BALANCES = {"alice": 100, "bob": 20, "carol": 0}


def balance_of(account, on_done, on_error):
    if account not in BALANCES:
        on_error(Declined(f"no account {account}"))
        return
    on_done(BALANCES[account])


def withdraw(account, amount, on_done, on_error):
    def got(balance):
        if balance < amount:
            on_error(Declined(f"{account} has only {balance}"))
        else:
            BALANCES[account] = balance - amount
            on_done(balance - amount)

    balance_of(account, got, on_error)


def deposit(account, amount, on_done, on_error):
    balance_of(account, on_done=lambda balance: (BALANCES.__setitem__(account, balance + amount), on_done(balance + amount)), on_error=on_error)


def transfer(source, target, amount, on_result):
    def withdrawn(left):
        deposit(target, amount, on_done=lambda now: on_result(f"moved {amount}: {source} {left}, {target} {now}"), on_error=lambda e: on_result(f"deposit failed: {e}"))

    withdraw(source, amount, withdrawn, lambda error: on_result(f"refused: {error}"))


transfer("alice", "bob", 30, print)
transfer("bob", "carol", 80, print)
transfer("alice", "dave", 10, print)
print(BALANCES)
