"""Business profiles and other knowledge the agent answers from."""
