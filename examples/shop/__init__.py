"""A small Twisted shop in two modules: orders.py waits on stock.py's coroutines."""
