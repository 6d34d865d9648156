"""A user directory whose leaves search a list and call back on the match:
`find_user` calls back and returns inside its loop, `find_first_older` calls
back and breaks out of it, so each calls back once and `age_of` and `older`
convert; `each_older` calls back for every match, so `first_of_older`, which
as a generator would see only the first, is refused."""
from collections import deque

ready = deque()
USERS = [("ada", 36), ("bob", 41), ("cy", 29), ("dee", 52)]


def find_user(name, callback):
    for user, age in USERS:
        if user == name:
            ready.append(lambda: callback(age))
            return
    ready.append(lambda: callback(None))


def find_first_older(limit, callback):
    for user, age in USERS:
        if age > limit:
            callback(user)
            break


def each_older(limit, callback):
    for user, age in USERS:
        if age > limit:
            ready.append(lambda user=user: callback(user))


def age_of(name, on_done):
    find_user(name, lambda age: on_done(name + " is " + str(age)))


def older(limit, on_done):
    find_first_older(limit, lambda user: on_done("first older than " + str(limit) + ": " + user))


def first_of_older(limit, on_done):
    each_older(limit, lambda user: on_done("older than " + str(limit) + ": " + user))


age_of("bob", print)
age_of("zed", print)
older(30, print)
first_of_older(40, print)
while ready:
    ready.popleft()()
