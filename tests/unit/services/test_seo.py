"""Crawler-readable HTML: the builder (title, description, Open Graph, JSON-LD,
body text, escaping) and the web/http_app.py routes that serve it in the SPA shell."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import timedelta

import pytest
from lxml import html as lxml_html
from sqlmodel import Session
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import ArticleStatus
from artisan_app.render.scripts import FONTS_JS, THEME_BOOT_JS
from artisan_app.services.articles import queries
from artisan_app.services.articles.views import CategoryLink
from artisan_app.services.site import seo
from artisan_app.web import http_app
from artisan_app.web import shell as web_shell
from tests.factories import BASE_TIME, make_article, make_author, make_category, sections
from tests.page_shells import SHELL

SITE = "https://news.example"
NOW = BASE_TIME + timedelta(days=30)
EVIL = '</script><script>alert("x")</script> & <b>bold</b> \u2028'


def parse(document: str):
    return lxml_html.document_fromstring(document)


def meta(tree, key: str) -> list[str]:
    return tree.xpath(f'//head/meta[@name="{key}" or @property="{key}"]/@content')


def json_ld(tree) -> dict:
    scripts = tree.xpath('//head/script[@type="application/ld+json"]/text()')
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def story(session: Session):
    s = session
    pol = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann Writer", slug="ann")
    body = sections(
        ("First trend", ["Opening paragraph.", "Second <i>paragraph</i>."]),
        ("Second trend", ["More."]),
        quote=("A quoted line.", "A columnist"),
    )
    make_article(
        s,
        category=pol,
        author=ann,
        slug="story",
        hours=1,
        headline="The Story of the Day",
        body=body,
        excerpt="What happened, and why it matters.",
        tags=["elections", "pakistan"],
    )
    make_article(
        s, category=pol, author=ann, slug="evil", hours=2, headline=EVIL, excerpt=EVIL, body=sections((EVIL, [EVIL])), tags=["x"]
    )
    make_article(s, category=pol, author=ann, slug="draft", status=ArticleStatus.draft, headline="Secret draft")
    s.commit()
    return s


# ---------------------------------------------------------------- the builder


def test_article_document_has_title_description_canonical_og_twitter(story: Session):
    detail = queries.get_article(story, "story", now=NOW)
    tree = parse(web_shell.render(SHELL, seo.article_meta(detail, site_url=SITE)))
    assert tree.xpath("//head/title/text()") == ["The Story of the Day | Artisan Times"]
    assert meta(tree, "description") == ["What happened, and why it matters."]
    assert tree.xpath('//head/link[@rel="canonical"]/@href') == [SITE + "/article/story"]
    assert meta(tree, "og:type") == ["article"]
    assert meta(tree, "og:title") == ["The Story of the Day"]
    assert meta(tree, "og:description") == ["What happened, and why it matters."]
    assert meta(tree, "og:url") == [SITE + "/article/story"]
    assert meta(tree, "og:image") == [SITE + "/og-default.png"]
    assert meta(tree, "og:image:width") == ["1200"] and meta(tree, "og:image:height") == ["630"]
    assert meta(tree, "article:published_time") == [detail.card.published_iso]
    assert meta(tree, "article:section") == ["Politics"]
    assert meta(tree, "article:tag") == ["elections", "pakistan"]
    assert meta(tree, "twitter:card") == ["summary_large_image"]
    assert meta(tree, "twitter:title") == ["The Story of the Day"]
    assert meta(tree, "twitter:image") == [SITE + "/og-default.png"]


def test_json_ld_is_a_valid_news_article(story: Session):
    detail = queries.get_article(story, "story", now=NOW)
    data = json_ld(parse(web_shell.render(SHELL, seo.article_meta(detail, site_url=SITE))))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "The Story of the Day"
    assert data["author"] == [{"@type": "Person", "name": "Ann Writer", "url": SITE + "/author/ann"}]
    assert data["datePublished"] == detail.card.published_iso
    assert data["dateModified"] == detail.updated_iso
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Artisan Times"
    assert data["publisher"]["logo"]["url"] == SITE + "/logo.png"
    assert data["image"] == [SITE + "/og-default.png"]
    assert data["mainEntityOfPage"]["@id"] == SITE + "/article/story"
    assert data["articleSection"] == "Politics"


def test_shell_keeps_its_boot_tags_and_loses_duplicate_head_tags(story: Session):
    detail = queries.get_article(story, "story", now=NOW)
    document = web_shell.render(SHELL, seo.article_meta(detail, site_url=SITE))
    for kept in (
        '<meta charSet="utf-8"/>',
        '<link rel="modulepreload" href="/assets/manifest-89a71668.js"/>',
        "<script>window.theme = 1;</script>",
        '{"isSpaMode":true}',
        'import("/assets/entry.client-BIZoJNQ2.js")',
    ):
        assert kept in document
    assert "Stale title" not in document and "Stale description" not in document and "favicon.ico" not in document
    tree = parse(document)
    assert len(tree.xpath("//title")) == 1 and len(meta(tree, "description")) == 1
    # Our tags come right after the charset declaration, first in <head>.
    assert document.index("<title>") == document.index('<meta charSet="utf-8"/>') + len('<meta charSet="utf-8"/>')


def test_headline_with_script_tags_is_escaped_everywhere(story: Session):
    detail = queries.get_article(story, "evil", now=NOW)
    document = web_shell.render(SHELL, seo.article_meta(detail, site_url=SITE))
    assert '<script>alert("x")' not in document
    assert "</script><script>" not in document.replace('</script><script type="application/ld+json">', "").replace(
        "</script><script>" + THEME_BOOT_JS, ""
    ).replace("</script><script>" + FONTS_JS, "")
    tree = parse(document)
    assert tree.xpath("//head/title/text()") == [EVIL + " | Artisan Times"]
    assert meta(tree, "og:title") == [EVIL]
    data = json_ld(tree)
    assert data["headline"] == EVIL  # the JSON still decodes to the original text
    ld = document[document.index('<script type="application/ld+json">') :]
    ld = ld[: ld.index("</script>")]
    assert "<" not in ld[len('<script type="application/ld+json">') :] and "\u2028" not in ld
    # Exactly the scripts of the shell plus the JSON-LD, the theme and the fonts: nothing injected.
    assert len(tree.xpath("//script")) == SHELL.count("<script") + 3
    assert tree.xpath("//head/script[not(@type)]/text()")[-2:] == [THEME_BOOT_JS, FONTS_JS]


def test_description_is_clipped_on_a_word():
    assert seo.clip("word " * 100, 40) == "word word word word word word word word…"
    assert seo.clip("  short\n text ") == "short text"


def test_listing_and_not_found_documents():
    cat = seo.category_meta(CategoryLink(name="Politics", slug="politics", description="Power & policy."), site_url=SITE)
    tree = parse(web_shell.render(SHELL, cat))
    assert tree.xpath("//head/title/text()") == ["Politics | Artisan Times"]
    assert meta(tree, "description") == ["Power & policy."]
    assert meta(tree, "og:type") == ["website"]
    assert json_ld(tree)["@type"] == "CollectionPage"
    missing = parse(web_shell.render(SHELL, seo.not_found_meta(path="/article/nope", site_url=SITE, what="Article")))
    assert missing.xpath("//head/title/text()") == ["Article not found | Artisan Times"]
    assert meta(missing, "robots") == ["noindex"]


# ---------------------------------------------------------------- the routes


@pytest.fixture
def client(story, monkeypatch, tmp_path) -> TestClient:
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell))


def test_article_route_serves_the_shell_with_crawler_tags(client: TestClient):
    res = client.get("/article/story")
    assert res.status_code == 200
    assert res.headers["content-type"] == "text/html; charset=utf-8"
    # Browsers revalidate every time (a 304 when unchanged); a CDN may keep it briefly (web/page_cache.py).
    assert res.headers["cache-control"].startswith("public, max-age=0, s-maxage=")
    tree = parse(res.text)
    assert tree.xpath("//head/title/text()") == ["The Story of the Day | Artisan Times"]
    assert json_ld(tree)["@type"] == "NewsArticle"
    assert 'import("/assets/entry.client-BIZoJNQ2.js")' in res.text
    assert client.head("/article/story").status_code == 200


def test_article_route_puts_the_first_view_first_in_the_body(client: TestClient):
    """Crawlers and browsers get the article's text in the HTML itself."""
    document = client.get("/article/story").text
    tree = parse(document)
    (view,) = tree.xpath("//body/*[1][@id='first-view']")
    text = view.text_content()
    for expected in (
        "The Story of the Day",
        "What happened, and why it matters.",
        "1. First trend",
        "Opening paragraph.",
        "Second <i>paragraph</i>.",
        "2. Second trend",
        "A quoted line.",
        "— A columnist",
        "Ann Writer",
        "#elections",
    ):
        assert expected in text
    # Nothing but elements between the first view and the app's own nodes (React hydrates <body>).
    assert re.search(r'<body>.*?</div><script>.*?</script><section aria-label="Notifications', document, re.DOTALL)


def test_pages_are_gzipped_for_browsers_that_accept_it(client: TestClient):
    res = client.get("/article/story", headers={"Accept-Encoding": "gzip"})
    assert res.headers["content-encoding"] == "gzip" and "The Story of the Day" in res.text
    plain = client.get("/article/story", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and "The Story of the Day" in plain.text


def test_front_page_route(client: TestClient):
    res = client.get("/")
    assert res.status_code == 200
    tree = parse(res.text)
    assert tree.xpath("//head/title/text()") == ["Artisan Times — Beyond the Headlines"]
    assert tree.xpath('//head/link[@rel="canonical"]/@href') == [SITE + "/"]
    assert json_ld(tree)["@type"] == "WebSite"
    assert tree.xpath("//*[@id='first-view']//article[@class='lead-story']//h2/a/text()") == [EVIL]
    assert "Secret draft" not in res.text


@pytest.mark.parametrize("path", ["/article/nope", "/article/draft"])
def test_unknown_or_unpublished_articles_are_404_but_still_boot_the_app(client: TestClient, path: str):
    res = client.get(path)
    assert res.status_code == 404
    tree = parse(res.text)
    assert tree.xpath("//head/title/text()") == ["Article not found | Artisan Times"]
    assert "Secret draft" not in res.text
    assert 'import("/assets/entry.client-BIZoJNQ2.js")' in res.text


def test_listing_routes(client: TestClient):
    for path, title in (("/category/politics", "Politics"), ("/author/ann", "Ann Writer"), ("/tag/elections", "elections")):
        res = client.get(path)
        assert res.status_code == 200, path
        tree = parse(res.text)
        assert tree.xpath("//head/title/text()") == [f"{title} | Artisan Times"], path
        assert meta(tree, "og:url") == [SITE + path]
        assert "The Story of the Day" in res.text  # the latest stories, as links
        assert "Secret draft" not in res.text
    for path in ("/category/nope", "/author/nope", "/tag/nope"):
        assert client.get(path).status_code == 404, path
    # A section with no live story is served but not indexed.
    assert meta(parse(client.get("/category/politics").text), "robots") == []


def test_every_page_advertises_the_site_feed_and_sections_their_own(client: TestClient):
    """Feed readers discover the feeds from the page: the site's everywhere, the
    section's on its page and on its articles; the shell's own link is not doubled."""
    site = ("Artisan Times", "/feed.xml")
    politics = ("Politics | Artisan Times", "/category/politics/feed.xml")
    for path, expected in (
        ("/", [site]),
        ("/article/story", [site, politics]),
        ("/category/politics", [site, politics]),
        ("/author/ann", [site]),
        ("/tag/elections", [site]),
        ("/search", [site]),
        ("/article/nope", [site]),
    ):
        links = parse(client.get(path).text).xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]')
        assert [(link.get("title"), link.get("href")) for link in links] == expected, path


def test_empty_listing_is_noindex(client: TestClient, story: Session):
    make_category(story, "Empty", slug="empty")
    story.commit()
    res = client.get("/category/empty")
    assert res.status_code == 200
    assert meta(parse(res.text), "robots") == ["noindex"]


def test_app_module_passes_the_api_to_reflex():
    import artisan_app.artisan_app as app_module

    transformer, *around = app_module.app.api_transformer  # then the hardening middleware
    paths = {getattr(r, "path", None) for r in transformer.routes}
    assert {"/feed.xml", "/category/{slug}/feed.xml", "/sitemap.xml", "/robots.txt", "/article/{slug}"} <= paths


def test_routes_win_over_the_app_reflex_mounts_beneath(client: TestClient):
    """Reflex calls ``api_transformer.mount("", its_app)``: our paths first, the rest falls through."""
    from starlette.responses import PlainTextResponse

    async def frontend(scope, receive, send):
        await PlainTextResponse("reflex")(scope, receive, send)

    client.app.mount("", frontend)
    assert client.get("/article/story").text.startswith("<!DOCTYPE html>")
    assert client.get("/feed.xml").headers["content-type"].startswith("application/atom+xml")
    assert 'id="first-view"' in client.get("/").text
    assert meta(parse(client.get("/search?q=x").text), "robots") == ["noindex, follow"]
    for path in ("/search/", "/article/story/extra", "/_event", "/styles.css", "/og-default.png"):
        assert client.get(path).text == "reflex", path
