"""Conversation service: runs brain turns, persists them, publishes events."""
