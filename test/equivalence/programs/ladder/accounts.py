"""Methods calling methods, a while loop with continue and break, early returns."""


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def fee(self, amount):
        if amount > 100:
            return 2
        return 1

    def withdraw(self, amount):
        # Refuse early when the money is not there.
        if amount + self.fee(amount) > self.balance:
            return False
        self.balance -= amount + self.fee(amount)
        return True

    def deposit(self, amount):
        self.balance += amount
        return self.balance


def pay_all(account, bills):
    paid = []
    i = 0
    while i < len(bills):
        bill = bills[i]
        i += 1
        if bill <= 0:
            continue
        if not account.withdraw(bill):
            print("stopped at", bill)
            break
        paid.append(bill)
    return paid


def main():
    acct = Account("ada", 300)
    print("balance", acct.deposit(50))
    print("paid", pay_all(acct, [20, -5, 150, 90, 400, 10]))
    print("left", acct.balance)


main()
