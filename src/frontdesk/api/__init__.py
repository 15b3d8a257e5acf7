"""FastAPI application: REST, WebSocket events."""

from frontdesk.api.main import create_app

__all__ = ["create_app"]
