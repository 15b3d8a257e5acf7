"""Frontdesk: a local-first AI phone agent for small businesses."""

__version__ = "0.1.0"
