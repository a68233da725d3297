"""Every package the code imports is declared in pyproject.toml: the app's in the
dependencies, the tests' and tools' in the dependencies or the test extras."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _declared(group: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9._-]+", r).group().lower().replace("_", "-") for r in group}  # type: ignore[union-attr]


def _imports(files: list[Path]) -> dict[str, set[str]]:
    """Top-level names imported from outside the standard library and the tree, by file."""
    # the tree's own: the package, tests, benchmarks and the scripts (imported by path by a few tests)
    local = {"artisan_app", "tests", "benchmarks", "scripts", "rxconfig", "__future__"}
    local |= {p.stem for p in (ROOT / "scripts").glob("*.py")}
    local.add("blank")  # the blank Reflex app benchmarks/readers_load.py writes to a temporary folder
    found: dict[str, set[str]] = {}
    for path in files:
        siblings = {p.stem for p in path.parent.glob("*.py")} | {p.name for p in path.parent.iterdir() if p.is_dir()}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in local and top not in siblings:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def _undeclared(files: list[Path], declared: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    return {
        top: where
        for top, where in _imports(files).items()
        if not {d.lower().replace("_", "-") for d in owners.get(top, [])} & declared
    }


def test_every_import_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    app = _declared(project["dependencies"])
    tools = app | _declared(project["optional-dependencies"]["test"])
    package = sorted((ROOT / "artisan_app").rglob("*.py"))
    others = [
        *sorted((ROOT / "tests").rglob("*.py")),
        *sorted((ROOT / "benchmarks").glob("*.py")),
        *sorted((ROOT / "scripts").glob("*.py")),
        *sorted((ROOT / "alembic").rglob("*.py")),
        ROOT / "rxconfig.py",
    ]
    assert _undeclared(package, app) == {}
    assert _undeclared(others, tools) == {}
