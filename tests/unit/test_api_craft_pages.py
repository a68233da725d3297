"""Issue #18 on the server-rendered first view: the byline with every author, the correction
marker and corrections at the end of the article, and the /corrections page."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import Article, Role
from artisan_app.services.articles import coauthors
from artisan_app.services.editorial import corrections
from artisan_app.web import http_app
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user
from tests.page_shells import SHELL
from tests.unit.services.test_seo import SITE, parse

LATER = BASE_TIME - timedelta(hours=1)


@pytest.fixture
def client(session: Session, monkeypatch, tmp_path) -> TestClient:
    pol = make_category(session, "Politics", slug="politics")
    ann, bob = make_author(session, "Ann Writer", slug="ann"), make_author(session, "Bob Reporter", slug="bob")
    make_article(session, category=pol, author=ann, slug="story", hours=-5, headline="The Story")
    make_article(session, category=pol, author=bob, slug="plain", hours=-6, headline="Plain")
    editor = make_user(session, Role.editor, name="Eve")
    story_id = session.exec(select(Article.id).where(Article.slug == "story")).one()
    coauthors.set_authors(session, user=editor, article_id=story_id, author_slugs=["ann", "bob"])
    corrections.add_correction(
        session,
        user=editor,
        article_id=story_id,
        kind="correction",
        text="An earlier version misspelt the minister’s name.",
        now=LATER,
    )
    session.commit()
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE))
    shell = tmp_path / "__spa-fallback.html"
    shell.write_text(SHELL, "utf-8")
    return TestClient(http_app.build_api(shell_path=shell))


def test_the_first_view_has_both_authors_the_marker_and_the_correction(client: TestClient):
    tree = parse(client.get("/article/story").text)
    (view,) = tree.xpath("//*[@id='first-view']")
    (byline,) = view.xpath(".//p[@class='byline']")
    assert byline.text_content().startswith("By Ann Writer and Bob Reporter · ")
    assert byline.xpath("./a[@class='byline-author']/@href") == ["/author/ann", "/author/bob"]
    assert view.xpath(".//p[@class='correction-marker']/a/text()") == ["Corrected 1 January 2026"]
    (item,) = view.xpath(".//section[@class='corrections']//li")
    assert item.text_content() == "Correction, 1 January 2026: An earlier version misspelt the minister’s name."
    plain = parse(client.get("/article/plain").text)
    assert plain.xpath("//p[@class='byline']/a[@class='byline-author']/text()") == ["Bob Reporter"]
    assert plain.xpath("//*[@class='correction-marker']") == []


def test_the_corrections_page_lists_them_with_links(client: TestClient):
    res = client.get("/corrections")
    assert res.status_code == 200
    tree = parse(res.text)
    assert tree.xpath("//head/title/text()") == ["Corrections | Artisan Times"]
    (view,) = tree.xpath("//*[@id='first-view']")
    assert view.xpath(".//li[@class='correction']//a/@href") == ["/article/story"]
    assert "misspelt" in view.text_content()
    assert "/corrections" in client.get("/sitemap.xml").text
    # The second author's page lists the co-authored story.
    assert "The Story" in parse(client.get("/author/bob").text).xpath("//*[@id='first-view']")[0].text_content()
