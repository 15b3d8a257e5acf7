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


LAYERS: list[set[str]] = [
    {"config", "logs", "resilience", "audio", "spoken",
     "twilio_http"},                # leaves: import nothing of ours
    {"knowledge"},                  # business profiles
    {"brain"},                      # the dialogue, behind ports
    {"storage", "llm", "speech"},   # adapters the brain's ports and the voice use
    {"conversations", "jobs", "auth"},  # a turn; jobs: run later; auth: accounts and keys
    {"voice", "followup"},          # one call's pipeline; reminders, staff alerts, webhooks
    {"telephony", "webrtc"},        # the transports a call arrives on
    {"api"},                        # HTTP
    {"app"},                        # the composition root
    {"evals"},                      # tools that build through the root
    {"cli", "__main__"},
]
"""Bottom to top. A package imports only from layers below its own, never from a sibling of its
layer (siblings stay independent) and never upward."""


def _package(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def _module_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports, wherever the import statement is (top level,
    inside a function, under TYPE_CHECKING): a hidden import is still a dependency."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
            found |= submodules or ({node.module} & modules.keys())
    return found


def test_every_package_is_in_a_layer() -> None:
    layered = set().union(*LAYERS)
    packages = {_package(p) for p in SRC.rglob("*.py")} - {"__init__"}
    assert packages - layered == set(), "add the new package to LAYERS"


def test_no_upward_or_sideways_imports() -> None:
    """The composition root (``app``) is the only place that knows every part; nothing below
    it imports it, and no layer reaches up or across."""
    rank = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    modules = _modules()
    offenders = []
    for name, path in modules.items():
        package = _package(path)
        if package == "__init__":
            continue
        for target in _module_imports(path, modules):
            other = _package(modules[target])
            if other in (package, "__init__"):
                continue
            if rank[other] >= rank[package]:
                offenders.append(f"{name} -> {target}")
    assert offenders == []


def test_no_import_circles_between_modules() -> None:
    modules = _modules()
    graph = {name: _module_imports(path, modules) - {name} for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert circles == []
