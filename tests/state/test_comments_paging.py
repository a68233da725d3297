"""CommentState pages the thread: every approved comment is reachable with
"Load more", oldest or newest first, replies with their parents."""

from __future__ import annotations

from datetime import timedelta

import pytest
import reflex as rx
from sqlmodel import Session

from artisan_app.models import Comment, CommentStatus
from artisan_app.services.comments import thread
from artisan_app.state.reader.comments import CommentState
from tests.factories import BASE_TIME, make_article, make_author, make_category
from tests.state.test_comments import open_article

TOTAL = 620  # beyond the old cap of 500


@pytest.fixture
def busy(session: Session):
    article = make_article(session, category=make_category(session), author=make_author(session), slug="one")
    session.flush()
    rows = [
        Comment(
            article_id=article.id,
            name=f"n{i}",
            email="x@example.com",
            email_normalized="x@example.com",
            body=f"comment {i}",
            status=CommentStatus.approved.value,
            fingerprint=f"fp{i}",
            created_at=BASE_TIME + timedelta(minutes=i),
        )
        for i in range(TOTAL)
    ]
    session.add_all(rows)
    session.flush()
    session.add(
        Comment(
            article_id=article.id,
            parent_id=rows[0].id,
            depth=1,
            name="reply to n0",
            email="y@example.com",
            email_normalized="y@example.com",
            body="late reply",
            status=CommentStatus.approved.value,
            fingerprint="fp-reply",
            created_at=BASE_TIME + timedelta(days=30),
        )
    )
    session.commit()
    return session


async def test_every_approved_comment_is_reachable_with_load_more(busy, root: rx.State):
    state = await open_article(root, "one")
    assert len(state.comments) == thread.PAGE_ROOTS + 1  # the first page, with n0's reply
    assert state.comments[1].name == "reply to n0"  # with its parent, not at the end
    assert state.has_more_comments and state.approved_count == TOTAL + 1
    while state.has_more_comments:
        await state.load_more_comments()
    names = [c.name for c in state.comments]
    assert len(names) == TOTAL + 1 and len(set(names)) == TOTAL + 1
    assert names[-1] == f"n{TOTAL - 1}"


async def test_newest_first_and_back(busy, root: rx.State):
    state = await open_article(root, "one")
    await state.set_thread_order("newest")
    assert [c.name for c in state.comments[:2]] == [f"n{TOTAL - 1}", f"n{TOTAL - 2}"]
    await state.load_more_comments()
    assert len(state.comments) == 2 * thread.PAGE_ROOTS
    await state.set_thread_order("sideways")  # ignored
    assert state.thread_order == "newest"
    await state.set_thread_order("oldest")
    assert state.comments[0].name == "n0" and len(state.comments) == thread.PAGE_ROOTS + 1


async def test_a_refresh_keeps_every_page_the_reader_opened(busy, root: rx.State):
    state = await open_article(root, "one")
    await state.load_more_comments()
    await state.load_more_comments()
    shown = len(state.comments)
    state._refresh()  # as the live watcher does when the thread changes
    assert len(state.comments) == shown


async def test_another_article_starts_again_at_the_first_page(busy, root: rx.State):
    state = await open_article(root, "one")
    await state.load_more_comments()
    state = await open_article(root, "one")
    assert len(state.comments) == thread.PAGE_ROOTS + 1
    assert isinstance(state, CommentState)
