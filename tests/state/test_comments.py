"""CommentState: the draft, submitting, errors, and what reaches the browser."""

from __future__ import annotations

import json

import pytest
import reflex as rx
from reflex.utils import format
from sqlmodel import Session, select

from artisan_app.models import Comment
from artisan_app.services.comments import submission as svc
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from tests.factories import make_article, make_author, make_category, moderate_as_editor
from tests.state.conftest import visit


@pytest.fixture
def stories(any_session: Session):
    cat, author = make_category(any_session), make_author(any_session)
    make_article(any_session, category=cat, author=author, slug="one", hours=1)
    make_article(any_session, category=cat, author=author, slug="two", hours=2)
    any_session.commit()
    return any_session


async def open_article(root: rx.State, slug: str, **router) -> CommentState:
    visit(root, f"/article/{slug}", "/article/[slug]", **router)
    await (await root.get_state(ArticleState)).load_article()
    state = await root.get_state(CommentState)
    await state.load_comments()
    return state


def fill(state: CommentState, **values: str) -> None:
    for field, value in values.items():
        state.set_field(field, value)


def old_form(state: CommentState) -> None:
    state._form_opened_at -= 60  # the reader took a minute to write


def serialised(root: rx.State) -> str:
    return format.json_dumps(root.dict())


async def test_empty_submit_shows_each_error_and_keeps_the_fields(stories, root):
    state = await open_article(root, "one")
    fill(state, name="Ann", website="ftp://nope")
    old_form(state)
    await state.submit({"name": "Ann", "email": "", "website": "ftp://nope", "body": "  ", "company": ""})
    assert set(state.errors) == {"email", "website", "body"}
    assert state.name == "Ann" and state.website == "ftp://nope"
    assert state.notice_ok is False
    assert stories.exec(select(Comment)).all() == []


async def test_valid_comment_awaits_moderation_and_only_its_author_sees_it(stories, root):
    state = await open_article(root, "one")
    old_form(state)
    await state.submit({"name": "Ann", "email": "ann@example.com", "website": "", "body": "Well argued.", "company": ""})
    assert state.errors == {}
    assert "awaiting moderation" in state.notice
    assert state.body == "" and state.name == "Ann"  # identity kept for next time
    assert [(c.body, c.awaiting) for c in state.comments] == [("Well argued.", True)]
    assert state.approved_count == 0

    other = await open_article(rx.State(_reflex_internal_init=True), "one", token="tab-2", ip="10.0.0.2")
    assert other.comments == []


async def test_email_never_reaches_another_reader_or_the_thread(stories, root):
    state = await open_article(root, "one")
    old_form(state)
    await state.submit(
        {"name": "Ann", "email": "ann.secret@example.com", "website": "https://ann.example", "body": "Hello", "company": ""}
    )
    moderate_as_editor(stories, comment_ids=[c.id for c in stories.exec(select(Comment)).all()], action="approve")
    stories.commit()

    other_root = rx.State(_reflex_internal_init=True)
    other = await open_article(other_root, "one", token="tab-2", ip="10.0.0.2")
    assert [c.body for c in other.comments] == ["Hello"]
    assert "ann.secret@example.com" not in serialised(other_root)
    # The author's own tab gets the thread without the address either (only their own draft has it).
    state._refresh()
    assert "ann.secret" not in json.dumps([c.__dict__ for c in state.comments])


def browser_storage(who: dict, drafts: dict) -> str:
    """Local storage as ``components.reader.comments.DRAFT_KEEPER_JS`` writes it on every keystroke."""
    return json.dumps({"who": who, "drafts": {slug: {"body": body} for slug, body in drafts.items()}})


async def test_the_draft_comes_back_from_the_browser_on_every_article_load(stories, root):
    state = await open_article(root, "one")
    spec = await state.load_comments()
    # The page asks the browser for its newest stored drafts...
    assert any("localStorage.getItem" in str(e) and "artisan_comment_drafts" in str(e) for e in spec)
    # ...which it typed into local storage, keystroke by keystroke, even if the
    # debounced copy never reached the server before the reader left.
    state.restore_draft(
        browser_storage(
            {"name": "Ann", "email": "ann@example.com"}, {"one": "Half a thought about one", "two": "Something on two"}
        )
    )
    assert (state.name, state.email, state.body) == ("Ann", "ann@example.com", "Half a thought about one")

    state = await open_article(root, "two")
    state.restore_draft(browser_storage({"name": "Ann"}, {"one": "Half a thought about one", "two": "Something on two"}))
    assert state.body == "Something on two"


async def test_what_the_reader_types_meanwhile_wins_over_the_stored_copy(stories, root):
    state = await open_article(root, "one")
    state.set_field("body", "Typed just now")
    state.restore_draft(browser_storage({"name": "Ann"}, {"one": "Older copy"}))
    assert state.body == "Typed just now" and state.name == "Ann"


async def test_the_server_never_writes_the_stored_drafts_while_the_reader_types(stories, root):
    state = await open_article(root, "one")
    before = state.saved_drafts
    fill(state, name="Ann", email="ann@example.com", body="Half a thought")
    assert state.saved_drafts == before  # the browser's own copy is newer; never overwrite it


@pytest.mark.parametrize("garbage", ["not json", "[]", '{"who": 5, "drafts": {"one": 7}}', "x" * 300_000])
async def test_tampered_local_storage_is_ignored(stories, root, garbage):
    state = await root.get_state(CommentState)
    state.saved_drafts = garbage
    state = await open_article(root, "one")
    assert state.body == "" and state.name == ""
    for payload in (garbage, 123, None, ["x"]):
        state.restore_draft(payload)
        assert state.body == "" and state.name == ""


async def test_too_fast_and_honeypot_are_refused_with_text_kept(stories, root):
    state = await open_article(root, "one")
    await state.submit({"name": "Bot", "email": "bot@example.com", "website": "", "body": "Buy now", "company": ""})
    assert state.notice == svc.REFUSED_MESSAGE and state.body == "Buy now"
    old_form(state)
    await state.submit({"name": "Bot", "email": "bot@example.com", "website": "", "body": "Buy now", "company": "Acme"})
    assert state.notice == svc.REFUSED_MESSAGE and state.body == "Buy now"
    assert stories.exec(select(Comment)).all() == []


async def test_reply_to_an_approved_comment(stories, root):
    state = await open_article(root, "one")
    old_form(state)
    await state.submit({"name": "Ann", "email": "ann@example.com", "website": "", "body": "Root", "company": ""})
    root_id = stories.exec(select(Comment.id)).one()
    moderate_as_editor(stories, comment_ids=[root_id], action="approve")
    stories.commit()
    state._refresh()
    state.start_reply(root_id)
    assert state.reply_to == root_id and state.reply_to_name == "Ann"
    await state.submit({"name": "Ann", "email": "ann@example.com", "website": "", "body": "Reply", "company": ""})
    assert [(c.body, c.depth) for c in state.comments] == [("Root", 0), ("Reply", 1)]
    assert state.approved_count == 2 and state.reply_to == 0


async def test_handlers_ignore_malformed_payloads(stories, root):
    state = await open_article(root, "one")
    state.set_field("_article_id", "5")
    state.set_field("name", 42)
    state.start_reply(999_999)
    await state.submit("not a dict")
    assert state._article_id != 5 and state.name == "" and state.reply_to == 0
    assert stories.exec(select(Comment)).all() == []


async def test_unknown_article_has_no_form_target(stories, root):
    state = await open_article(root, "nope")
    await state.submit({"name": "Ann", "email": "ann@example.com", "body": "hi"})
    assert state._article_id == 0 and stories.exec(select(Comment)).all() == []


@pytest.mark.parametrize(
    "code, notice", [("held", svc.AWAITING_MESSAGE), ("published", svc.PUBLISHED_MESSAGE), ("invalid", ""), ("<b>x</b>", "")]
)
async def test_back_from_the_first_views_plain_form_the_app_says_the_comment_was_posted(stories, root, code, notice):
    """``/article/x?comment=held`` (``web/endpoints/comments.py``): the app, taking over, keeps the thanks; a
    failure's message comes only with the posting browser's kept values (the first view's)."""
    state = await open_article(root, f"one?comment={code}")
    assert state.notice == notice
    assert state.notice_ok is True
