"""A live server inside the test's event loop (see :mod:`frontdesk.evals.server`)."""

from frontdesk.evals.server import LiveServer, free_port

__all__ = ["LiveServer", "free_port"]
