"""Article page speed and weight on the production build, in Debian's Chromium.

Prints the median (and spread) time from navigation start until the article
headline is visible (in the server's first view) and, once the app is asked for
(as the comments coming near would), until it has taken over (the first view
removed, the app showing the article), over cold browser contexts; and the bytes
transferred for one cold load by kind (JS, CSS, fonts with each file named, HTML,
images): for a reader who only reads (the app loads only when the page needs it)
and once the app is there.

    python benchmarks/article_page.py [--runs 9] [--url http://127.0.0.1:8000] [--path /ur/article/<slug>]

Without --url it builds and starts the app on a fresh seeded SQLite database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/harness.py lives beside the package, not in it

from tests.harness import CHROMIUM, CHROMIUM_ARGS, WANT_APP, RunningApp, app_env, prepare_database  # noqa: E402

ARTICLE = "/article/civil-servants-social-media-pakistan"


KINDS = ("script", "stylesheet", "font", "document", "image")
FIRST_VIEW_KINDS = ("document", "stylesheet", "font", "image")


def transferred(requests: list) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes by kind, and by font file, of the finished requests."""
    weights: dict[str, int] = {}
    fonts: dict[str, int] = {}
    for req in requests:
        kind, size = req.resource_type, max(req.sizes()["responseBodySize"], 0)  # -1: from the cache
        key = kind if kind in KINDS else "other"
        weights[key] = weights.get(key, 0) + size
        if kind == "font":
            fonts[req.url.rsplit("/", 1)[-1]] = size
    return weights, fonts


# Bytes fetched before the first contentful paint, and after it (the web fonts, for the next pages).
AROUND_PAINT_JS = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0].startTime;
  const all = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
  const sum = list => list.reduce((total, e) => total + e.transferSize, 0);
  return [sum(all.filter(e => e.startTime < paint)), sum(all.filter(e => e.startTime >= paint))];
}"""


def measure(base: str, runs: int, path: str = ARTICLE) -> None:
    """A reader who reads (the page as served: the app loads only when the page needs it), then
    the same reader asking for the app (``artisan:app``, as the comments coming near would)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Warm the server (first request compiles nothing, but opens the DB, etc.).
        warm = browser.new_page()
        warm.goto(base + path)
        warm.get_by_role("heading", level=1).wait_for()
        warm.close()

        timings: list[float] = []
        takeovers: list[float] = []
        reading: dict[str, int] = {}
        with_app: dict[str, int] = {}
        fonts: dict[str, int] = {}
        around_paint: list[int] = [0, 0]
        returning: dict[str, int] = {}
        for run in range(runs):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            responses: list = []
            # A function of its own (Playwright cannot wrap a list's bound append).
            page.on("requestfinished", lambda request, seen=responses: seen.append(request))
            start = time.perf_counter()
            page.goto(base + path, wait_until="commit")
            page.locator("main h1.headline").wait_for(state="visible")
            timings.append((time.perf_counter() - start) * 1000)
            if run == 0:
                page.wait_for_load_state("networkidle")
                reading, fonts = transferred(responses)
                page.wait_for_function("() => localStorage.getItem('artisan-fonts')")  # artisan_app/render/fonts.py
                around_paint = page.evaluate(AROUND_PAINT_JS)
            asked = time.perf_counter()
            page.wait_for_function(WANT_APP, polling=50)
            takeovers.append((time.perf_counter() - asked) * 1000)
            if run == 0:
                page.wait_for_load_state("networkidle")
                with_app, _ = transferred(responses)
                # The same reader's next page (the front page): the site's faces come from the cache.
                responses.clear()
                page.goto(base + "/", wait_until="networkidle")
                returning, _ = transferred(responses)
            ctx.close()
        browser.close()

    print(f"article page: {path}")
    print(f"runs: {runs} cold contexts, Chromium headless, 1280x900")
    print(f"headline visible: median {statistics.median(timings):.0f} ms (min {min(timings):.0f}, max {max(timings):.0f})")
    print(
        f"app asked for -> took over: median {statistics.median(takeovers):.0f} ms "
        f"(min {min(takeovers):.0f}, max {max(takeovers):.0f})"
    )
    for title, weights in (("a reader who reads (no app)", reading), ("once the app is asked for", with_app)):
        print(f"{title}:")
        for kind in (*KINDS, "other"):
            print(f"{kind:>10}: {weights.get(kind, 0) / 1024:8.1f} KiB transferred")
        print(f"     total: {sum(weights.values()) / 1024:8.1f} KiB transferred")
    for name, size in sorted(fonts.items()):
        print(f"{'':>10}  font {name}: {size / 1024:.1f} KiB")
    first_view = sum(reading.get(kind, 0) for kind in FIRST_VIEW_KINDS)
    print(f"first view (HTML + CSS + fonts + images): {first_view / 1024:8.1f} KiB transferred")
    print(
        f"  of which before the first paint: {around_paint[0] / 1024:.1f} KiB; after it: {around_paint[1] / 1024:.1f} KiB "
        "(the web fonts, fetched for the next pages)"
    )
    parts = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(returning.items()) if size)
    print(
        f"the same reader's next page, the front page (CSS and fonts from the cache): "
        f"{sum(returning.values()) / 1024:.1f} KiB transferred ({parts})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--url", help="measure an already running app instead of starting one")
    parser.add_argument("--path", default=ARTICLE, help=f"the page measured (default {ARTICLE})")
    args = parser.parse_args()
    if args.url:
        measure(args.url.rstrip("/"), args.runs, args.path)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = app_env(ARTISAN_DB_URL=f"sqlite:///{Path(tmp) / 'bench.db'}")
        prepare_database(env)
        with RunningApp(env, Path(tmp) / "reflex.log") as app:
            measure(app.url, args.runs, args.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
