"""The README's run command (``reflex run``, development server) serves the whole
site at the URL it prints: feeds, sitemap, robots.txt, /healthz and the pages'
first HTML with their meta tags come through the dev server's proxy
(``artisan_app/web/dev/proxy.py``), and the app still runs in the browser.

Runs before the browser tests (which start the production build): the dev
server compiles into the same ``.web`` and clears ``.states``.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

import httpx
import pytest

from tests.harness import DevApp, app_env, prepare_database

SEED_ARTICLE = "/article/civil-servants-social-media-pakistan"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("dev-server")
    # The comment flow's posts all come from 127.0.0.1: a roomier comment rate limit.
    env = app_env(ARTISAN_DB_URL=f"sqlite:///{tmp / 'dev.db'}", ARTISAN_COMMENT_RATE_LIMIT="200/minute")
    prepare_database(env)
    app = DevApp(env, tmp / "reflex.log")
    try:
        app.wait_ready()
        yield app.url
    finally:
        app.stop()


def test_the_run_url_answers_the_site_feed_as_atom(dev_url):
    response = httpx.get(dev_url + "/feed.xml", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    titles = [e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(response.content).iter(f"{ATOM}entry")]
    assert any("Civil Servants" in t for t in titles)


def test_the_run_url_answers_a_category_feed_sitemap_robots_and_health(dev_url):
    feed = httpx.get(dev_url + "/category/social-media/feed.xml", timeout=30)
    assert feed.headers["content-type"].startswith("application/atom+xml")
    sitemap = httpx.get(dev_url + "/sitemap.xml", timeout=30)
    assert sitemap.headers["content-type"].startswith("application/xml")
    assert SEED_ARTICLE in sitemap.text
    assert "Sitemap:" in httpx.get(dev_url + "/robots.txt", timeout=30).text
    assert httpx.get(dev_url + "/healthz", timeout=30).json()["status"] == "ok"


def test_an_article_at_the_run_url_has_its_meta_tags_first_view_and_feeds(dev_url):
    html = httpx.get(dev_url + SEED_ARTICLE, timeout=30).text
    assert '<meta property="og:title" content="Civil Servants’ Social Media Use in Pakistan' in html
    assert '"@type":"NewsArticle"' in html
    assert 'id="first-view"' in html and "From Faceless Bureaucracy to Personal Branding" in html
    assert '<link rel="alternate" type="application/atom+xml" title="Artisan Times" href="/feed.xml"/>' in html
    assert 'href="/category/social-media/feed.xml"' in html
    # Still the dev server's own shell: the app boots from Vite's modules.
    assert "/@vite/client" in html or "/app/root" in html


def test_every_edition_and_the_newsletter_page_get_their_first_view_at_the_run_url(dev_url):
    """The proxy's pages are the route registry's: the Urdu edition's too (issue #17), and /newsletter."""
    for path, text in (
        ("/ur/", 'lang="ur"'),
        ("/ur/article/kitab-melon-mein-naujawan", 'dir="rtl"'),
        ("/newsletter", 'action="/newsletter/subscribe"'),
    ):
        html = httpx.get(dev_url + path, timeout=60).text
        assert 'id="first-view"' in html and text in html, path
    assert httpx.get(dev_url + "/ur/feed.xml", timeout=30).headers["content-type"].startswith("application/atom+xml")
    confirm = httpx.get(dev_url + "/newsletter/confirm?token=x", timeout=60)  # a token page: the app's own
    assert confirm.status_code == 200 and 'id="first-view"' not in confirm.text


def test_the_app_itself_is_still_served_by_the_dev_server(dev_url):
    """Paths outside the proxy (the app's modules, the newsroom) stay Vite's."""
    newsroom = httpx.get(dev_url + "/editor", timeout=60)
    assert newsroom.status_code == 200 and 'id="first-view"' not in newsroom.text
    assert httpx.get(dev_url + "/@vite/client", timeout=60).status_code == 200


def test_the_app_boots_at_the_run_url_under_its_security_headers(dev_url):
    """In Chromium: the first view, then the app takes over and links stay in-app, with no
    console error (a CSP that blocked the dev server's own scripts would show here)."""
    from playwright.sync_api import sync_playwright

    from tests.harness import CHROMIUM, CHROMIUM_ARGS

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = page.goto(dev_url + SEED_ARTICLE)
            assert "content-security-policy" in response.headers
            page.wait_for_function("() => !document.getElementById('first-view')", timeout=120_000)
            page.evaluate("window.__stayed = true")
            page.get_by_role("link", name="Social Media").first.click()
            page.wait_for_url("**/category/social-media", timeout=60_000)
            assert page.evaluate("window.__stayed === true")  # an in-app navigation, no page load
        finally:
            browser.close()
    assert errors == []


def test_the_comment_flow_at_the_run_url_is_the_production_one(dev_url):
    """As ``tests/e2e/test_comments.py`` on the production build: errors next to their fields, a
    ``javascript:`` website refused with the typed text kept, "awaiting moderation" for its author,
    hostile markup as text, and a draft typed 0.3 s before leaving still there on return."""
    import re
    import time

    from playwright.sync_api import expect, sync_playwright

    from artisan_app.services.comments import submission as svc
    from tests.harness import CHROMIUM, CHROMIUM_ARGS, wait_for_app

    wait = 60_000  # the dev server compiles modules on first use
    hostile = '<img src=x onerror="window.__pwned = 1"> <script>window.__pwned = 2</script>'
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(wait)
            page.goto(dev_url + SEED_ARTICLE)
            wait_for_app(page, timeout=120_000)
            form = page.get_by_role("main").get_by_role("form", name="Leave a comment")
            box = {label: form.get_by_role("textbox", name=label) for label in ("Name", "Email", "Website", "Comment")}
            post = form.get_by_role("button", name="Post comment")

            box["Comment"].fill("Nothing else filled in yet.")
            post.click()
            expect(box["Name"]).to_have_accessible_description("Please enter your name.", timeout=wait)
            expect(box["Email"]).to_have_accessible_description("Please enter your email address.", timeout=wait)
            expect(box["Email"]).to_have_attribute("aria-invalid", "true")

            box["Name"].fill("Dev Reader")
            box["Email"].fill("dev.reader@example.com")
            box["Website"].fill("javascript:alert(1)")
            box["Comment"].fill(hostile)
            time.sleep(svc.MIN_SECONDS_TO_SUBMIT + 0.5)
            post.click()
            expect(box["Website"]).to_have_accessible_description(
                "Website must be a web address starting with http:// or https://.", timeout=wait
            )
            expect(box["Website"]).to_have_value("javascript:alert(1)")
            expect(box["Comment"]).to_have_value(hostile)

            box["Website"].fill("https://dev.example")
            post.click()
            expect(page.get_by_role("main").get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible(
                timeout=wait
            )
            mine = page.get_by_role("article", name="Comment by Dev Reader")
            expect(mine).to_contain_text("Your comment is awaiting moderation.", timeout=wait)
            expect(mine.locator(".comment-body")).to_have_text(hostile)
            assert mine.locator(".comment-body img, .comment-body script").count() == 0
            assert page.evaluate("window.__pwned") is None

            # A draft typed 0.3 s before leaving for another story is there on return.
            box["Comment"].fill("Typed just before following a link")
            page.wait_for_timeout(300)
            page.get_by_role("region", name="You may also like").get_by_role("article").first.get_by_role("link").last.click()
            expect(page).not_to_have_url(re.compile("civil-servants"), timeout=wait)
            page.go_back()
            expect(box["Comment"]).to_have_value("Typed just before following a link", timeout=wait)
        finally:
            browser.close()


def test_the_first_views_comment_form_posts_through_the_run_url(dev_url):
    """Without JavaScript, at the dev URL: the plain form's POST reaches the backend (the dev
    server's proxy forwards ``/comments/post``) and comes back to the article's first view."""
    import re
    import time

    from playwright.sync_api import expect, sync_playwright

    from artisan_app.services.comments import submission as svc
    from tests.harness import CHROMIUM, CHROMIUM_ARGS

    cross_site = httpx.post(
        dev_url + "/comments/post", headers={"Origin": "https://evil.example"}, data={"article": "1", "name": "x"}, timeout=30
    )
    assert cross_site.status_code == 403  # the backend's answer, through the proxy
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(java_script_enabled=False)
            page.set_default_timeout(60_000)
            page.goto(dev_url + SEED_ARTICLE)
            form = page.get_by_role("form", name="Leave a comment")
            form.get_by_role("textbox", name="Name").fill("Plain Dev")
            form.get_by_role("textbox", name="Email").fill("plain.dev@example.com")
            form.get_by_role("textbox", name="Comment").fill("Posted at the dev URL without JavaScript.")
            time.sleep(svc.MIN_SECONDS_TO_SUBMIT + 0.5)
            form.get_by_role("button", name="Post comment").click()
            expect(page).to_have_url(re.compile(r"\?comment=held#first-view-leave-comment$"), timeout=60_000)
            expect(page.get_by_role("region", name="Leave a comment").get_by_role("status")).to_have_text(
                "Thanks! Your comment is awaiting moderation.", timeout=60_000
            )
        finally:
            browser.close()
