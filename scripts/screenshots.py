"""Take Chromium screenshots of a running Artisan Times.

Usage: python scripts/screenshots.py [--app] http://localhost:8000 [out_dir] [path ...]
       python scripts/screenshots.py --newsroom http://localhost:3000 [out_dir]

The pages as a reader sees them on arrival (light/dark, 375/1280 px; the server's first
view: the app loads only when the page needs it); with ``--app``, once the app has taken over.

``--newsroom`` makes the documentation's pictures (``make docs-screenshots``, into
``docs/images``): the front page, then the newsroom's pages and the editor's panels as the
local demo editor sees them, so it needs a development build with the seed content
(``make run``, where the demo editor exists).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/harness.py lives beside the package, not in it

from artisan_app.services.accounts.auth import DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD  # noqa: E402
from tests.harness import CHROMIUM, CHROMIUM_ARGS, wait_for_app  # noqa: E402

# (file name, newsroom path) captured as the browser window shows them.
NEWSROOM_PAGES = [
    ("newsroom-articles.png", "/editor"),
    ("newsroom-comments.png", "/editor/comments"),
    ("newsroom-newsletter.png", "/editor/newsletter"),
    ("newsroom-trash.png", "/editor/trash"),
]
# (file name, heading of an editor panel) captured from the first article of the list.
EDITOR_PANELS = [
    ("editor-publishing.png", "Publishing"),
    ("editor-review.png", "Review"),
    ("editor-checks.png", "Content checks"),
    ("editor-byline.png", "Byline"),
    ("editor-corrections.png", "Corrections and updates"),
    ("editor-translations.png", "Language and translations"),
]


def newsroom(base: str, out: Path) -> int:
    """The documentation's pictures, signed in as the local demo editor."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light").new_page()
        page.set_viewport_size({"width": 1280, "height": 1400})  # the lead story and the first cards
        page.goto(base + "/")
        page.wait_for_selector("main h1", timeout=60_000)
        page.wait_for_load_state("networkidle")
        _shot(page, out / "reader-front.png")
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base + "/editor")
        page.wait_for_url("**/editor/login", timeout=60_000)
        _shot(page, out / "newsroom-sign-in.png")
        form = page.get_by_role("form", name="Sign in")
        form.get_by_label("Email").fill(DEMO_EDITOR_EMAIL)
        form.get_by_label("Password").fill(DEMO_EDITOR_PASSWORD)
        form.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", level=1, name="Articles").wait_for(timeout=60_000)
        for name, path in NEWSROOM_PAGES:
            page.goto(base + path)
            page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            _shot(page, out / name)
        page.goto(base + "/editor")
        page.get_by_role("heading", level=1, name="Articles").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        first = page.evaluate("""() => [...document.querySelectorAll('main a')]
            .find(a => /\\/editor\\/article\\/\\d+$/.test(a.href) && !/[\\u0600-\\u06ff]/.test(a.textContent)).href""")
        page.goto(first)
        page.get_by_label("Headline").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        _shot(page, out / "editor-article.png")
        for name, heading in EDITOR_PANELS:
            panel = page.get_by_role("heading", level=2, name=heading, exact=True).locator("xpath=..")
            panel.scroll_into_view_if_needed()
            panel.screenshot(path=str(out / name), animations="disabled")
            print(out / name)
        browser.close()
    return 0


def _shot(page, path: Path) -> None:
    page.screenshot(path=str(path), animations="disabled")
    print(path)


def main() -> int:
    args = sys.argv[1:]
    with_app = "--app" in args
    for_docs = "--newsroom" in args
    args = [a for a in args if a not in ("--app", "--newsroom")]
    base = args[0].rstrip("/")
    out = Path(args[1] if len(args) > 1 else "docs/images" if for_docs else "screenshots")
    if for_docs:
        out.mkdir(parents=True, exist_ok=True)
        return newsroom(base, out)
    paths = args[2:] or ["/", "/article/civil-servants-social-media-pakistan"]
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for width in (375, 1280):
                ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = ctx.new_page()
                for path in paths:
                    page.goto(base + path)
                    page.wait_for_selector("main h1", timeout=30_000)
                    if with_app:  # the app, asked for as the comments coming near would
                        wait_for_app(page, timeout=30_000)
                    page.wait_for_load_state("networkidle")
                    name = (path.strip("/").replace("/", "_") or "front") + f"-{width}-{scheme}.png"
                    page.screenshot(path=str(out / name), full_page=True)
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    print(out / name, "horizontal overflow px:", overflow)
                ctx.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
