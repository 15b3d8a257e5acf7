"""The one settings tree of Frontdesk.

Built once (``Settings()``) by the CLI or the test harness and passed to whatever needs it; no
other module reads the environment. Nested sections use ``__`` in variable names, e.g.
``FRONTDESK_ESCALATION__MIN_WAIT_S=1``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseModel):
    """Where the HTTP server listens."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)


class BrainSettings(BaseModel):
    """Conversation policy knobs."""

    qualification_threshold: float = Field(default=0.7, ge=0.0, le=1.0)
    max_reply_words: int = Field(default=150, ge=10)
    max_message_chars: int = Field(default=2000, ge=100)
    """Longer caller messages are truncated before understanding (a speech turn is never this long)."""


class EscalationSettings(BaseModel):
    """The simulated human-availability check behind "let me talk to a person"."""

    min_wait_s: float = Field(default=5.0, ge=0.0)
    max_wait_s: float = Field(default=25.0, ge=0.0)
    human_available: Literal["random", "always", "never"] = "random"
    available_probability: float = Field(default=0.6, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> EscalationSettings:
        if self.max_wait_s < self.min_wait_s:
            raise ValueError("escalation.max_wait_s must be >= escalation.min_wait_s")
        return self


class Settings(BaseSettings):
    """Everything configurable, with embedded defaults that need no network and no LLM."""

    model_config = SettingsConfigDict(
        env_prefix="FRONTDESK_", env_nested_delimiter="__", extra="ignore"
    )

    env: Literal["dev", "test", "production"] = "dev"
    data_dir: Path = Path("data")
    database_url: str | None = None
    """SQLAlchemy async URL; defaults to a SQLite file in ``data_dir``."""
    profiles_dir: Path | None = None
    """Extra business profile YAML files (the two demo profiles always ship)."""
    log_level: str = "INFO"

    server: ServerSettings = ServerSettings()
    brain: BrainSettings = BrainSettings()
    escalation: EscalationSettings = EscalationSettings()

    @property
    def resolved_database_url(self) -> str:
        """The database URL in use: the configured one or ``sqlite+aiosqlite`` under data_dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'frontdesk.db').resolve()}"
