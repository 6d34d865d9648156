"""Signing a user in: named continuations nested three deep, each closing over what came before, with early exits."""
USERS = {"ana": "pw1", "ben": "pw2"}
PROFILES = {"ana": {"name": "Ana", "team": "red"}, "ben": {"name": "Ben", "team": None}}
TEAMS = {"red": ["ana", "cy"]}


def check_password(user, password, on_done):
    on_done(USERS.get(user) == password)


def load_profile(user, on_done):
    on_done(PROFILES.get(user))


def load_team(team, on_done):
    on_done(TEAMS.get(team, []))


def sign_in(user, password, on_done):
    def checked(ok):
        if not ok:
            on_done(f"{user}: wrong password")
            return

        def profiled(profile):
            if profile["team"] is None:
                return on_done(f"welcome {profile['name']} (no team)")

            def teamed(members):
                others = [m for m in members if m != user]
                on_done(f"welcome {profile['name']}, team {profile['team']} with {', '.join(others)}")

            load_team(profile["team"], teamed)

        load_profile(user, profiled)

    check_password(user, password, checked)


sign_in("ana", "pw1", print)
sign_in("ben", "pw2", print)
sign_in("ana", "nope", print)
