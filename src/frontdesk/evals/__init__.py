"""Simulated conversations that check the agent the way a caller would judge it."""
