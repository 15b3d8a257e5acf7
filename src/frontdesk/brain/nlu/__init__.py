"""Deterministic natural-language understanding: intents and entities without an LLM."""

from frontdesk.brain.nlu.understand import Understanding, understand

__all__ = ["Understanding", "understand"]
