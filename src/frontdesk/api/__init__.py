"""The HTTP API; ``frontdesk.app.create_app`` builds the server around it."""

from frontdesk.api.main import create_api

__all__ = ["create_api"]
