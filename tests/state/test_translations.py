"""The editor's language panel (issue #17) driven as the browser drives it: language, "Add
translation" and the newsroom list's translation badge, checked against the server-side session."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from artisan_app.models import Article, ArticleStatus, Role
from artisan_app.state.editor.translations import ArticleLanguageState
from artisan_app.state.newsroom.article_list import NewsroomState
from tests.factories import make_article, make_author, make_category, make_user
from tests.state.conftest import visit
from tests.state.test_editor import open_editor, sign_in


@pytest.fixture
def desk(any_session: Session):
    s = any_session
    cat = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann", slug="ann")
    make_user(s, Role.editor, name="Eve Editor", email="eve@artisan.test")
    make_user(s, Role.author, name="Bob", email="bob@artisan.test", author=make_author(s, "Bob", slug="bob"))
    draft = make_article(s, category=cat, author=ann, slug="a-draft", headline="A draft", status=ArticleStatus.draft)
    live = make_article(s, category=cat, author=ann, slug="live", headline="Live story", hours=-5)
    s.commit()
    return {"s": s, "draft": draft.id, "live": live.id}


async def test_editor_adds_a_translation_and_the_list_shows_it(desk, root):
    await sign_in(root, "eve@artisan.test")
    await open_editor(root, desk["live"])
    panel = await root.get_state(ArticleLanguageState)
    await panel.load_language()
    assert (panel.language, panel.direction, panel.translation_language, panel.versions) == ("en", "ltr", "ur", [])
    result = await panel.add_translation()
    s = desk["s"]
    s.expire_all()
    urdu = s.exec(select(Article).where(Article.language == "ur")).one()
    assert panel.error == "" and f"/editor/article/{urdu.id}" in str(result)
    assert urdu.status == "draft" and urdu.translation_group == s.get(Article, desk["live"]).translation_group

    await open_editor(root, urdu.id)
    await panel.load_language()
    assert (panel.language, panel.direction) == ("ur", "rtl")  # the form's fields read right to left
    assert [(v.id, v.language, v.headline) for v in panel.versions] == [(desk["live"], "en", "Live story")]

    visit(root, "/editor")
    newsroom = await root.get_state(NewsroomState)
    await newsroom.load_list()
    rows = {r.id: r for r in newsroom.rows}
    assert rows[desk["live"]].translations == "اردو" and rows[urdu.id].translations == "English"
    assert rows[urdu.id].language == "ur" and rows[desk["draft"]].translations == ""


async def test_language_of_a_draft_changes_but_a_published_one_stays(desk, root):
    await sign_in(root, "eve@artisan.test")
    await open_editor(root, desk["draft"])
    panel = await root.get_state(ArticleLanguageState)
    await panel.set_language("ur")
    assert panel.language == "ur" and panel.direction == "rtl"
    await panel.set_language("<script>")
    assert panel.error.startswith("Choose one of") and panel.language == "ur"
    await open_editor(root, desk["live"])
    await panel.set_language("ur")
    assert "stays in its edition" in panel.error and panel.language == "en"


async def test_nobody_else_adds_translations_or_changes_languages(desk, root):
    panel = await root.get_state(ArticleLanguageState)
    await open_editor(root, desk["live"])  # anonymous
    await panel.add_translation()
    await panel.set_language("ur")
    await sign_in(root, "bob@artisan.test")  # an author, not on this byline
    await open_editor(root, desk["draft"])
    await panel.add_translation()
    await panel.set_language("ur")
    s = desk["s"]
    s.expire_all()
    assert s.exec(select(Article.language).distinct()).all() == ["en"]
    assert s.exec(select(Article).where(Article.translation_group.is_not(None))).all() == []
