# Module-level state shared by app.py and bump.py: one visit counter.
counter = 0
