"""The layers stay one-way: the brain imports no audio, HTTP or SQL code."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "frontdesk"
FORBIDDEN_IN_BRAIN = ("sqlalchemy", "fastapi", "starlette", "httpx", "frontdesk.storage",
                      "frontdesk.api", "frontdesk.conversations", "frontdesk.app",
                      "pipecat", "numpy", "frontdesk.llm", "redis", "twilio", "aiortc")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


ALLOWED_IN_BRAIN = {"brain/nlu/classifier.py": ("numpy",)}
"""The act classifier's arithmetic is numpy (text features, not audio)."""


def test_brain_depends_only_on_ports() -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(
            n for n in _imports(path) if n.startswith(FORBIDDEN_IN_BRAIN)
            and not n.startswith(ALLOWED_IN_BRAIN.get(str(path.relative_to(SRC)), ("-",))))
        for path in (SRC / "brain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_storage_does_not_import_the_api() -> None:
    for path in (SRC / "storage").rglob("*.py"):
        assert not any(n.startswith("frontdesk.api") for n in _imports(path)), path


def test_transports_and_the_model_stay_outside_the_conversation_core() -> None:
    """Telephony, browser calls and the language model plug in from outside: the brain and the
    conversation service never import them (the brain reaches the model through its port)."""
    outer = ("frontdesk.telephony", "frontdesk.webrtc", "frontdesk.llm", "frontdesk.voice")
    for package in ("brain", "conversations", "storage", "knowledge"):
        for path in (SRC / package).rglob("*.py"):
            assert not any(n.startswith(outer) for n in _imports(path)), path
