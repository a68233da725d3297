"""The documentation stays true to the code: every setting in the configuration table, every
page in the navigation, every picture made by the screenshot script, a short README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


def test_every_setting_is_in_the_configuration_table():
    read = set(re.findall(r"ARTISAN_[A-Z_]*[A-Z]", (ROOT / "artisan_app" / "core" / "settings.py").read_text()))
    table = (DOCS / "operations" / "configuration.md").read_text()
    documented = re.findall(r"^\| `(ARTISAN_[A-Z_]+)`", table, re.M)
    assert len(documented) == len(set(documented)), "a variable is listed twice"
    assert read == set(documented)


def test_every_page_is_in_the_navigation_once():
    nav = _nav_pages(yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"])
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(nav) == pages


def test_every_picture_is_used_and_made_by_the_screenshot_script():
    script = ast.parse((ROOT / "scripts" / "screenshots.py").read_text())
    made = {
        node.value
        for node in ast.walk(script)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"[\w-]+\.png", node.value)
    }
    text = "".join(p.read_text() for p in DOCS.rglob("*.md")) + (ROOT / "README.md").read_text()
    used = set(re.findall(r"images/([\w-]+\.png)", text))
    on_disk = {p.name for p in (DOCS / "images").iterdir()}
    assert used == on_disk == made


def test_the_readme_is_short_and_links_into_the_docs():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) < 200
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link
