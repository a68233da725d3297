"""Redirects never take over the site's own pages and never loop: the rules, and what a browser gets over HTTP."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from reflex_base.constants import Endpoint
from sqlmodel import Session, select
from starlette.routing import Route
from starlette.testclient import TestClient

from artisan_app.models import Article, Redirect, Role, Tag
from artisan_app.services.site import paths, redirects
from artisan_app.services.site.redirects import RedirectError
from artisan_app.web import registry
from artisan_app.web.http_app import api_routes, build_api
from artisan_app.web.shell import ShellCache
from artisan_app.wordpress.importer import import_export
from tests.factories import make_user
from tests.unit.wxr_factory import Post, write

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OWN_PAGES = ("/ur/", "/newsletter", "/corrections", "/media", "/newsletter/confirm")


def _concrete(pattern: str) -> str:
    return re.sub(r"\[\w+\]|\{\w+(:\w+)?\}", "some-slug", pattern if pattern.startswith("/") else "/" + pattern)


def _served_paths() -> list[str]:
    """Every address the app serves: the registry's pages, the HTTP routes, Reflex's endpoints, static files."""
    pages = [_concrete(p.pattern) for p in registry.PAGES]
    http = [_concrete(r.path) for r in api_routes(ShellCache(paths.ASSETS / "none.html")) if isinstance(r, Route)]
    reflex = ["/" + e.value.strip("/") for e in Endpoint if e.value]
    static = ["/" + f.name for f in paths.ASSETS.iterdir()]
    return sorted(set(pages + http + reflex + static))


def test_every_served_address_is_the_sites_own_or_a_page_named_by_a_slug(session: Session):
    slug_pages = [p for p in _served_paths() if paths.reserved(p) is None]
    # The only addresses a redirect may ever claim: old slugs of pages named by one, while nothing has that slug.
    assert slug_pages and all(re.fullmatch(r"(/ur)?/(article|category|author|tag)/some-slug", p) for p in slug_pages), slug_pages
    for path in slug_pages:
        assert paths.own_page(session, path) is None
    session.add(Tag(name="Some slug", slug="some-slug"))
    session.add(Article(headline="Some slug", slug="some-slug", excerpt=""))
    session.flush()
    assert paths.own_page(session, "/tag/some-slug") == paths.LIVE
    assert paths.own_page(session, "/ur/article/some-slug") == paths.LIVE


@pytest.mark.parametrize(
    "old",
    [
        *OWN_PAGES,
        "/ur/anything",
        "/editor/import",
        "/_upload",
        "/favicon.ico",
        "/healthz",
        "/category/x/feed.xml",
        "/sitemap.xml",
        "/",
    ],
)
def test_no_redirect_may_claim_one_of_the_sites_own_addresses(session: Session, old):
    with pytest.raises(RedirectError, match="own addresses"):
        redirects.add(session, old, "/article/elsewhere")


def test_old_slugs_and_old_permalinks_may_redirect_but_live_pages_not(session: Session):
    assert redirects.add(session, "/2019/05/old-post", "/article/new", source="wordpress")
    assert redirects.add(session, "/tag/old-name", "/tag/new-name", source="wordpress")
    session.add(Tag(name="Politics", slug="politics"))
    session.flush()
    with pytest.raises(RedirectError, match="live page"):
        redirects.add(session, "/tag/politics", "/tag/elections", source="wordpress")


@pytest.mark.parametrize("target", ["/promo?utm_source=mail", "/promo/", "/promo?", "{site}/promo?x=1"])
def test_a_redirect_to_its_own_address_with_any_query_is_refused(session: Session, target):
    with pytest.raises(RedirectError, match="back to itself"):
        redirects.add(session, "/promo", target.format(site=redirects.settings.site_url))


def test_a_loop_through_a_chain_is_refused(session: Session):
    redirects.add(session, "/a", "/b?from=a")
    redirects.add(session, "/b", "/c")
    with pytest.raises(RedirectError, match="back to itself"):
        redirects.add(session, "/c", "/a?utm_source=mail")
    assert redirects.add(session, "/d", "https://elsewhere.example/a")  # another site: no loop here


def _client():
    return TestClient(build_api(), follow_redirects=False)


def test_looping_rows_from_an_old_database_are_not_served(session: Session, engine):
    session.add(Redirect(old_path="/promo", new_path="/promo?utm_source=mail"))
    session.add(Redirect(old_path="/x", new_path="/y?ref=x"))
    session.add(Redirect(old_path="/y", new_path="/x"))
    session.add(Redirect(old_path="/newsletter", new_path="/article/elsewhere"))
    session.commit()
    client = _client()
    for path in ("/promo", "/promo?utm_source=mail", "/x", "/y", "/newsletter"):
        assert client.get(path).status_code != 301, path


def test_an_export_cannot_turn_the_sites_pages_into_redirects_over_http(session: Session, engine, tmp_path):
    session.add(Tag(name="Politics", slug="politics"))
    session.commit()
    export = write(
        tmp_path / "hostile.xml",
        [
            Post(1, "newsletter", link="https://old.example/ur/", old_slugs=["corrections"]),
            Post(2, "media", link="https://old.example/newsletter/confirm/"),
            Post(3, "an-honest-post", link="https://old.example/2024/03/05/an-honest-post/"),
        ],
        tags=[("politics", "Elections")],
    )
    report = import_export(engine, export, upload_dir=tmp_path / "up", now=NOW)
    refused = {(e.post, e.detail.split(" ")[0]) for e in report.refused}
    for path in ("/ur", "/newsletter", "/corrections", "/media", "/newsletter/confirm", "/tag/politics"):
        assert any(old == path for _, old in refused), (path, refused)
    assert ("redirects refused", report.counts["refused"]) in report.summary() and report.counts["refused"] >= 6
    assert any(line.startswith("Refused redirects") for line in report.lines())
    client = _client()
    for path in (*OWN_PAGES, "/tag/politics"):
        assert client.get(path).status_code != 301, path
    # An honest old permalink redirects, cached briefly until an admin confirms it.
    response = client.get("/2024/03/05/an-honest-post/")
    assert (response.status_code, response.headers["location"]) == (301, "/article/an-honest-post")
    assert response.headers["cache-control"] == "public, max-age=60"
    admin = make_user(session, Role.admin)
    assert redirects.unconfirmed_count(session, user=admin) >= 3
    assert redirects.confirm(session, user=admin) >= 3
    session.commit()
    response = _client().get("/2024/03/05/an-honest-post/")
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert session.exec(select(Redirect).where(Redirect.confirmed == False)).all() == []  # noqa: E712
