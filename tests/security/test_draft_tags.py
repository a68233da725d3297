"""Item 7 (and the tag length of item 8) of issue #12: a topic only drafts use
is not public anywhere, half-typed tags leave nothing behind, and a tag over
80 characters is refused with a clear message (not a PostgreSQL error)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from artisan_app.models import Role, Tag
from artisan_app.services.articles import catalog
from artisan_app.services.editorial import forms, saving
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.site import feeds
from artisan_app.state.reader.listings import ListingState
from artisan_app.web import http_app
from artisan_app.web.registry import sitemap_sources
from tests.factories import make_article, make_author, make_category, make_user
from tests.state.conftest import visit

SECRET = "Minister resigns"


@pytest.fixture
def desk(any_session: Session):
    cat, author = make_category(any_session, "Politics", slug="politics"), make_author(any_session, "Vic", slug="vic")
    make_article(any_session, category=cat, author=author, slug="old-story", hours=1, tags=["elections"])
    editor = make_user(any_session, Role.editor, name="Eve Editor")
    any_session.commit()
    return editor


def _draft(session, editor, tags: str, article_id: int = 0, version: int = 0):
    form = forms.ArticleForm(
        id=article_id, version=version, headline="Embargoed", category_slug="politics", author_slug="vic", tags=tags
    )
    result = saving.save_article(session, user=editor, form=form, note="Autosave")
    session.commit()
    return result


def _tag_slugs(session) -> set[str]:
    session.expire_all()
    return set(session.exec(select(Tag.slug)).all())


async def test_a_tag_only_drafts_use_is_not_found_anywhere(any_session, desk, tmp_path, root):
    _draft(any_session, desk, f"elections, {SECRET}")
    assert catalog.get_tag(any_session, "minister-resigns") is None
    assert catalog.get_tag(any_session, "elections").name == "elections"
    client = TestClient(http_app.build_api(shell_path=tmp_path / "missing.html"))
    page = client.get("/tag/minister-resigns")
    assert page.status_code == 404 and SECRET not in page.text and "minister resigns" not in page.text.lower()
    assert client.get("/tag/elections").status_code == 200
    visit(root, "/tag/minister-resigns", "/tag/[slug]")
    state = await root.get_state(ListingState)
    await state.load_listing()
    assert not state.found and "Topic not found" in state.header_html and SECRET not in state.header_html
    assert "/tag/minister-resigns" not in {e.path for e in feeds.sitemap_entries(any_session, sitemap_sources())}


def test_half_typed_tags_leave_nothing_behind(any_session, desk):
    saved = _draft(any_session, desk, "Ele")
    for typed in ("Elec", "Electi", "Election law"):
        saved = _draft(any_session, desk, typed, saved.article_id, saved.version)
    assert _tag_slugs(any_session) == {"elections", "election-law"}
    saved = _draft(any_session, desk, "", saved.article_id, saved.version)
    assert _tag_slugs(any_session) == {"elections"}  # still used by a live story


def test_a_tag_over_80_characters_is_refused_clearly(any_session, desk):
    """The draft saves the rest (issue #13: one bad field never blocks the others) and
    names the tags field; no tag is made from the field, short or long."""
    long_tag = "Very " * 20
    result = _draft(any_session, desk, f"elections, {long_tag}")
    assert "80 characters or fewer" in result.skipped["tags"]
    assert _tag_slugs(any_session) == {"elections"}
    assert ed.load_form(any_session, user=desk, article_id=result.article_id).headline == "Embargoed"
