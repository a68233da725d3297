"""The site's faces in Chromium (issue #19, ``artisan_app/render/fonts.py``): a first visit paints in
the system's faces and fetches none before that paint; the faces are then fetched into the cache,
and the next page is set in them from its first paint, taken from the cache."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.test_first_view import ARTICLE
from tests.harness import WANT_APP, wait_for_app

FONT_TIMINGS_JS = """() => performance.getEntriesByType('resource').filter(e => e.name.includes('/fonts/'))
  .map(e => ({name: e.name.split('/fonts/')[1], start: e.startTime, transfer: e.transferSize}))"""
FIRST_PAINT_JS = "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"
STORED_JS = "() => localStorage.getItem('artisan-fonts') || ''"
HEADLINE_FACE_JS = "() => getComputedStyle(document.querySelector('main h1')).fontFamily"


def cached_sets(page: Page, *sets: str) -> None:
    """Wait until the fonts script notes ``sets`` as fetched into the cache."""
    stored = "(localStorage.getItem('artisan-fonts') || '').split(' ')"
    page.wait_for_function(f"() => {list(sets)!r}.every(s => {stored}.includes(s))", timeout=20_000)


def test_a_first_visit_paints_before_any_face_and_the_next_page_has_them_from_the_cache(new_page):
    page = new_page(375, 800, wait_for_app=False)
    page.goto(ARTICLE, wait_until="load")
    expect(page.locator("html")).not_to_have_attribute("data-fonts", "latin")
    assert page.evaluate(HEADLINE_FACE_JS).startswith("Georgia")  # the system's serif
    cached_sets(page, "latin")
    first_paint = page.evaluate(FIRST_PAINT_JS)
    fonts = page.evaluate(FONT_TIMINGS_JS)
    assert {f["name"] for f in fonts} == {
        "source-serif-4-latin-wght-normal.woff2",
        "inter-latin-wght-normal.woff2",
        "source-serif-4-latin-400-italic.woff2",
    }  # never the Urdu face here
    assert all(f["start"] > first_paint for f in fonts), (first_paint, fonts)

    # The next page (a plain link): the site's faces from its first paint, out of the cache.
    page.locator("#first-view").get_by_role("navigation", name="Sections", exact=True).get_by_role(
        "link", name="Politics"
    ).click()
    page.wait_for_url("**/category/politics")
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("data-fonts", "latin")
    assert page.evaluate(HEADLINE_FACE_JS).startswith('"Source Serif 4"')
    assert page.evaluate("() => document.fonts.check('700 32px \"Source Serif 4\"')")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    used = page.evaluate(FONT_TIMINGS_JS)
    assert used and all(f["transfer"] == 0 for f in used), used  # from the browser's cache


def test_the_app_arriving_on_a_first_visit_does_not_switch_faces_under_the_reader(new_page):
    page = new_page(1280, 900, wait_for_app=False)
    page.goto(ARTICLE, wait_until="load")
    cached_sets(page, "latin")
    page.evaluate(WANT_APP)
    wait_for_app(page, 60_000)
    expect(page.get_by_role("form", name="Leave a comment")).to_be_visible()
    assert page.get_attribute("html", "data-fonts") is None
    assert page.evaluate(HEADLINE_FACE_JS).startswith("Georgia")


def test_an_urdu_page_caches_the_nastaliq_face_too(new_page):
    page = new_page(375, 800, wait_for_app=False)
    page.goto("/ur/", wait_until="load")
    # Even a first visit shows Urdu letters: the system's Urdu face, or on a system with none (like this
    # machine) the small Naskh face the stack names last; Nastaliq only after the first paint.
    page.wait_for_function("() => [...document.fonts].some(f => f.family.includes('Artisan Naskh') && f.status === 'loaded')")
    cached_sets(page, "latin", "ur")
    first_paint = page.evaluate(FIRST_PAINT_JS)
    fonts = {f["name"]: f["start"] for f in page.evaluate(FONT_TIMINGS_JS)}
    assert fonts["noto-nastaliq-urdu-400.woff2"] > first_paint, (first_paint, fonts)
    page.goto("/ur/category/politics", wait_until="load")
    expect(page.locator("html")).to_have_attribute("data-fonts", "latin ur")
    family = page.get_by_role("heading", level=1).evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Artisan Nastaliq"')


# Marks the fonts script's idle callback (``warm`` in fonts.FONTS_JS) as having run: after it,
# any face it was going to fetch has been asked for.
WARM_WATCH_JS = """(() => {
  const later = window.requestIdleCallback ? window.requestIdleCallback.bind(window) : null;
  if (!later) return;
  window.requestIdleCallback = (callback, options) => later((deadline) => {
    try { return callback(deadline); } finally { if (callback && callback.name === "warm") window.__fontsWarmRan = true; }
  }, options);
})();"""


def test_a_reader_saving_data_keeps_the_system_faces(new_page):
    page = new_page(375, 800, wait_for_app=False)
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/fonts/" in r.url else None)
    page.add_init_script(WARM_WATCH_JS)
    page.goto(ARTICLE, wait_until="load")
    page.wait_for_function("() => window.__fontsWarmRan === true")  # the moment the faces would be fetched
    page.wait_for_load_state("networkidle")
    assert fetched == [] and page.evaluate(STORED_JS) == ""
