"""Take Chromium screenshots of a running Artisan Times (light/dark, 375/1280 px).

Usage: python scripts/screenshots.py [--app] http://localhost:8000 [out_dir] [path ...]

The pages as a reader sees them on arrival (the server's first view: the app loads only
when the page needs it); with ``--app``, once the app has taken over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/harness.py lives beside the package, not in it

from tests.harness import CHROMIUM, CHROMIUM_ARGS, wait_for_app  # noqa: E402


def main() -> int:
    args = sys.argv[1:]
    with_app = "--app" in args
    args = [a for a in args if a != "--app"]
    base = args[0].rstrip("/")
    out = Path(args[1] if len(args) > 1 else "screenshots")
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
