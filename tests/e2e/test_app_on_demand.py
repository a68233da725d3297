"""The app loads when the page needs it (issue #19; ``render/scripts.py``): a reader who
only reads gets the first HTML and nothing else; the comments coming near, the search
box's focus or a button only the app serves bring it, and it takes over from there."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_first_view import ARTICLE, TAKE_OVER_MS, wait_until

EMBED_ARTICLE = "/article/news-creators-trust-journalism"  # seeded with one embed
APP_SCRIPT = re.compile(r"/assets/.+\.js$")


def record_app_requests(page: Page) -> list[str]:
    """Every request for the app's JavaScript or its websocket, in order."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if APP_SCRIPT.search(r.url) or "/_event" in r.url else None)
    page.on("websocket", lambda ws: seen.append(ws.url))
    return seen


def test_a_reader_who_only_reads_fetches_no_javascript(new_page):
    page = new_page(375, 800, wait_for_app=False)
    app = record_app_requests(page)
    page.goto(ARTICLE, wait_until="networkidle")
    view = page.locator("#first-view")
    expect(view.get_by_role("heading", name="Key Trends & Concerns")).to_be_visible()
    page.mouse.wheel(0, 1200)  # reading on, in the article's body: the comments are still far below
    page.wait_for_function("scrollY >= 1000")
    page.wait_for_load_state("networkidle")
    # The section link is a plain link: the next page is its own first HTML.
    view.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="Politics").click()
    expect(page).to_have_url(re.compile(r"/category/politics$"))
    expect(page.locator("#first-view").get_by_role("heading", level=1)).to_have_text("Politics")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("performance.getEntriesByType('navigation')[0].name").endswith("/category/politics")
    assert app == []


def test_the_comments_coming_near_bring_the_app_with_its_form(new_page):
    page = new_page(1280, 900, wait_for_app=False)
    app = record_app_requests(page)
    page.goto(ARTICLE, wait_until="networkidle")
    assert app == []
    page.locator("#first-view .comments-section").scroll_into_view_if_needed()
    expect(page.locator("#first-view")).to_have_count(0, timeout=TAKE_OVER_MS)
    form = page.get_by_role("form", name="Leave a comment")
    form.get_by_label("Comment").fill("Live, once the app is here.")
    expect(form.get_by_label("Comment")).to_have_value("Live, once the app is here.")
    assert any("/_event" in url for url in app)


def test_focusing_the_search_box_brings_the_app_and_keeps_what_was_typed(new_page):
    page = new_page(375, 800, wait_for_app=False)
    app = record_app_requests(page)
    held = []  # the app's websocket waits here until the reader has typed
    page.route_web_socket(re.compile(r"/_event"), lambda ws: held.append(ws))
    page.goto("/search?q=inflation", wait_until="networkidle")
    assert app == []
    box = page.locator("#first-view").get_by_label("Search articles")
    box.click()  # the focus asks for the app
    box.press("End")
    box.type(" peso")  # typed while the app loads: carried over to the app's box, with the focus
    wait_until(page, lambda: held, "the app to open its websocket")
    held[-1].connect_to_server()
    expect(page.locator("#first-view")).to_have_count(0, timeout=TAKE_OVER_MS)
    live = page.get_by_label("Search articles")
    expect(live).to_be_focused()
    expect(live).to_have_value("inflation peso")
    live.press("End")
    live.type("s")  # results as you type, from the app
    expect(page).to_have_url(re.compile(r"q=inflation(\+|%20)pesos"), timeout=TAKE_OVER_MS)


def test_an_embed_loaded_before_the_app_is_loaded_by_the_app(new_page):
    page = new_page(1280, 900, wait_for_app=False)
    page.goto(EMBED_ARTICLE, wait_until="networkidle")
    load = page.locator("#first-view .embed-load").first
    src = load.locator("xpath=ancestor::*[@data-embed-src]").get_attribute("data-embed-src")
    load.click()  # only the app serves it: the click is kept and pressed again once the app is here
    expect(page.locator("#first-view")).to_have_count(0, timeout=TAKE_OVER_MS)
    expect(page.locator(f'iframe.embed-frame[src="{src}"]')).to_have_count(1, timeout=TAKE_OVER_MS)
