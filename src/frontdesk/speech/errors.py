"""Typed speech errors: each says what failed and whether trying again can help."""

from __future__ import annotations

from typing import Literal

Category = Literal["timeout", "unavailable", "rate_limited", "bad_input", "auth", "internal"]


class SpeechError(Exception):
    def __init__(self, message: str, *, engine: str, category: Category, retryable: bool) -> None:
        super().__init__(message)
        self.engine = engine
        self.category = category
        self.retryable = retryable

    def __str__(self) -> str:
        return f"{self.engine}: {self.args[0]} ({self.category}, retryable={self.retryable})"
