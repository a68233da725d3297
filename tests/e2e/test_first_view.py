"""The first view in Chromium: the server's HTML shows the page before the app
has loaded, looks exactly like the app, and hands over without a jump."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.harness import wait_for_app

ARTICLE = "/article/civil-servants-social-media-pakistan"
HEADLINE = "Civil Servants’ Social Media Use in Pakistan"
TAKE_OVER_MS = 60_000  # the app taking over on a loaded machine (expect() defaults to 5 s)

# Position (in the document) and height of the visible elements matching a selector.
BOXES_JS = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent).slice(0, 8).map(e => {
  const r = e.getBoundingClientRect();
  return [e.textContent.trim().slice(0, 40), Math.round(r.top + window.scrollY), Math.round(r.height)];
})"""
LAYOUT_SHIFT_JS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 500);
})"""


def without_the_app(page: Page) -> Page:
    """The app's websocket never connects: all the reader has is the first view."""
    page.route_web_socket(re.compile(r"/_event"), lambda ws: ws.close())
    return page


@pytest.mark.parametrize(
    "path, selector",
    [
        (ARTICLE, "main h1, main .standfirst, main .trend-heading, main .body-text, main .pull-quote"),
        ("/", "main .lead-title, main .card-title, main .chip"),
        ("/category/politics", "main .page-title, main .card-title"),
        # Issue #18: a byline with two authors; a correction's marker and note (seed content).
        ("/article/ai-data-centres-power-grid-strain", "main h1, main .byline-author, main .trend-heading"),
        ("/article/argentina-inflation-peso-households", "main h1, main .correction-marker, main .corrections li"),
        ("/corrections", "main .page-title, main .correction"),
        # Issue #19: the newsletter's sign-up page.
        ("/newsletter", "main .page-title, main .page-intro, main .newsletter-pitch, main .newsletter-email"),
    ],
)
@pytest.mark.parametrize("width", [375, 1280])
def test_first_view_matches_the_app_and_hands_over_without_a_shift(new_page, path: str, selector: str, width: int):
    first = without_the_app(new_page(width, 800, wait_for_app=False))
    first.goto(path)
    expect(first.locator("#first-view")).to_be_visible()
    expected = first.evaluate(BOXES_JS, selector)
    assert len(expected) >= 2

    app = new_page(width, 800, wait_for_app=False)
    app.goto(path)
    wait_for_app(app)  # handed over...
    expect(app.locator("main#main")).to_be_visible()  # ...to the app, with its data
    expect(app.locator("main#main > .skeleton")).to_have_count(0)
    # Same text in the same place (rounding of fractional positions aside: one pixel).
    got = app.evaluate(BOXES_JS, selector)
    assert [text for text, _, _ in got] == [text for text, _, _ in expected]
    pairs = zip(got, expected, strict=True)
    assert all(abs(a - b) <= 1 and abs(h - g) <= 1 for (_, a, h), (_, b, g) in pairs), (got, expected)
    assert app.evaluate(LAYOUT_SHIFT_JS) < 0.01


def test_without_the_app_the_first_view_is_a_working_page(new_page):
    page = without_the_app(new_page(375, 800, wait_for_app=False))
    page.goto(ARTICLE)
    view = page.locator("#first-view")
    expect(view.get_by_role("heading", level=1)).to_contain_text(HEADLINE)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)  # the app's own nodes stay hidden
    expect(view.get_by_role("heading", name="Key Trends & Concerns")).to_be_visible()
    expect(view.get_by_role("heading", name="About Author")).to_be_visible()
    # The theme toggle works before the app has loaded.
    theme = page.evaluate("document.documentElement.dataset.theme || ''")
    view.get_by_role("button", name="Switch between light and dark theme").click()
    assert page.evaluate("document.documentElement.dataset.theme") not in ("", theme)
    # Links are plain links: the section page arrives with its own first view.
    view.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="Politics").click()
    expect(page).to_have_url(re.compile(r"/category/politics$"))
    expect(page.locator("#first-view").get_by_role("heading", level=1)).to_have_text("Politics")


def test_searching_from_the_first_view_is_a_plain_search_url(new_page):
    page = without_the_app(new_page(375, 800, wait_for_app=False))
    page.goto("/")
    box = page.locator("#first-view").get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill("inflation")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=inflation$"))


def wait_until(page: Page, condition, what: str, timeout: float = TAKE_OVER_MS) -> None:
    """Let Playwright dispatch events (route handlers run meanwhile) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout / 1000:.0f} s waiting for {what}")
        page.wait_for_timeout(50)


def test_a_filter_pressed_before_the_app_takes_over_is_applied_by_the_app(new_page):
    page = new_page(375, 800, wait_for_app=False)
    held = []  # the app's websocket waits here until the reader has pressed the chip
    page.route_web_socket(re.compile(r"/_event"), lambda ws: held.append(ws))
    page.goto("/")
    view = page.locator("#first-view")
    chip = view.get_by_role("button", name="Technology")
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")  # feedback at once
    expect(view.get_by_role("button", name="All sections")).to_have_attribute("aria-pressed", "false")
    # The app boots after the first paint and opens its websocket: however long that
    # takes on a busy machine, wait for it (and connect the newest, should it have retried).
    wait_until(page, lambda: held, "the app to open its websocket")
    held[-1].connect_to_server()
    # Hydrate, load the front page, hand over, press the chip again, load the section:
    # several round trips, each slower under load than expect()'s 5 s default.
    expect(view).to_have_count(0, timeout=TAKE_OVER_MS)
    app_chip = page.get_by_role("main").get_by_role("button", name="Technology")
    expect(app_chip).to_have_attribute("aria-pressed", "true", timeout=TAKE_OVER_MS)
    labels = page.get_by_role("region", name="Latest").locator(".category-label")
    expect(labels.first).to_have_text("Technology", timeout=TAKE_OVER_MS)
    expect(labels).to_have_text(["Technology"] * labels.count())


# ---------------------------------------------------------------- one definition: the same <main> with and without the app


def normalised_main(page: Page) -> dict:
    """What a reader (or a screen reader) gets from <main>: text, link targets, headings,
    landmarks with their names, images with their alt text. Ids differ (the first view's
    carry a prefix), so in-page anchors are compared without it."""
    return page.evaluate("""() => {
      const main = document.querySelector('#first-view main') || document.querySelector('main#main');
      const copy = main.cloneNode(true);
      const squash = s => (s || '').replace(/\\s+/g, ' ').trim();
      const named = e => {
        if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
        const by = e.getAttribute('aria-labelledby');
        const label = by && copy.querySelector('[id="' + by + '"]');
        return label ? squash(label.textContent) : '';
      };
      return {
        // Every character in order; whitespace is layout (a template's line breaks between
        // elements, React's separate text nodes), so it is left out.
        text: copy.textContent.replace(/\\s+/g, ''),
        links: [...copy.querySelectorAll('a[href]')].map(a => a.getAttribute('href').replace('#first-view-', '#')),
        headings: [...copy.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => h.tagName + ' ' + squash(h.textContent)),
        landmarks: [...copy.querySelectorAll('nav,aside,form[role=search],section[aria-label],section[aria-labelledby]')]
          .map(e => e.tagName + ' ' + named(e)),
        images: [...copy.querySelectorAll('img')].map(i => [i.getAttribute('src'), i.getAttribute('alt')]),
        pictures: [...copy.querySelectorAll('source')].map(s => s.getAttribute('srcset')),
        // The comment form's fields: name, label, required.
        fields: [...copy.querySelectorAll('.comment-form input:not([type=hidden]), .comment-form textarea')].map(f =>
          [f.name, f.labels && f.labels[0] ? squash(f.labels[0].textContent) : '', f.required]),
      };
    }""")


PAGE_KINDS = {
    "front": "/",
    "article": ARTICLE,
    "category": "/category/politics",
    "author": "/author/hannah-okafor",
    "tag": "/tag/inflation",
    "search": "/search?q=pakistan",
    "not-found article": "/article/no-such-story",
    "unknown path": "/no/such/page",
    "newsletter": "/newsletter",
    "newsletter, after a sign-up": "/newsletter?subscribed=1",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_kind_is_the_same_without_javascript_and_in_the_app(new_page, kind: str, width: int):
    path = PAGE_KINDS[kind]
    plain = new_page(width, 800, wait_for_app=False, java_script_enabled=False)
    plain.goto(path)
    expect(plain.locator("main")).to_have_count(1)
    without_js = normalised_main(plain)
    assert without_js["text"] and without_js["headings"], f"{path}: no content without JavaScript"

    app = new_page(width, 800, wait_for_app=False)
    app.goto(path)
    wait_for_app(app, timeout=TAKE_OVER_MS)
    expect(app.locator("main#main > .skeleton")).to_have_count(0, timeout=TAKE_OVER_MS)
    assert normalised_main(app) == without_js


def test_following_links_in_the_rendered_markup_stays_in_the_app(page):
    page.goto("/")
    page.evaluate("window.__sameDocument = true")
    lead = page.locator("main article.lead-story h2 a")
    headline = lead.inner_text()
    lead.click()
    expect(page).to_have_url(re.compile(r"/article/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)
    page.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="Politics").click()
    expect(page).to_have_url(re.compile(r"/category/politics$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Politics")
    page.locator("main .card-meta a.byline-author").first.click()
    expect(page).to_have_url(re.compile(r"/author/"))
    box = page.get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill("pakistan")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=pakistan$"))
    expect(page.locator("main .search-result").first).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "a full page load happened"
    # The theme toggle, now part of the rendered masthead, works in the app too.
    theme = page.evaluate("document.documentElement.dataset.theme || ''")
    page.get_by_role("button", name="Switch between light and dark theme").click()
    assert page.evaluate("document.documentElement.dataset.theme") not in ("", theme)


@pytest.mark.parametrize("path", ["/", ARTICLE, "/category/politics", "/search?q=pakistan", "/no/such/page"])
def test_the_production_build_loads_the_app_only_when_wanted(app_url, path: str):
    """The real build's shell, as served: the first view first in <body>, no module fetched
    ahead of the page's need for the app (the boot script's imports wait for it)."""
    import httpx

    answer = httpx.get(app_url + path, timeout=30)
    document = answer.text
    assert answer.status_code == (404 if path == "/no/such/page" else 200)
    assert 'rel="modulepreload"' not in document
    body = document[document.index("<body") :]
    assert body.index('id="first-view"') < body.index('<script type="module"')
    assert "await import(" in document and 'window.addEventListener("artisan:app", start);' in document
