"""No lost comments: 200 readers post at once, each from their own Reflex session,
against a real SQLite file (WAL) and against PostgreSQL."""

from __future__ import annotations

import asyncio
import contextvars
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import reflex as rx
from sqlmodel import Session, select

from artisan_app.models import Comment
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from tests.factories import make_article, make_author, make_category
from tests.state.conftest import visit

READERS = 200


def _text(i: int) -> str:
    # Unicode, line breaks and markup-looking text must survive byte for byte.
    return f"Comment #{i} — naïve café ☕ <b>not bold</b>\nsecond line {i * 7919}"


def _post(i: int) -> str:
    root = rx.State(_reflex_internal_init=True)
    visit(root, "/article/busy", "/article/[slug]", token=f"tab-{i}", ip=f"10.{i // 250}.{i % 250}.1")

    async def run() -> str:
        await (await root.get_state(ArticleState)).load_article()
        state = await root.get_state(CommentState)
        await state.load_comments()
        state._form_opened_at -= 60
        await state.submit(
            {"name": f"Reader {i}", "email": f"reader{i}@example.com", "website": "", "body": _text(i), "company": ""}
        )
        return state.notice

    return asyncio.run(run())


def test_two_hundred_concurrent_comments_are_all_stored_once(shared_engine):
    with Session(shared_engine) as s:
        make_article(s, category=make_category(s), author=make_author(s), slug="busy")
        s.commit()

    with ThreadPoolExecutor(max_workers=24) as pool:
        # Each task runs in a copy of this context (Reflex's registration context lives there).
        futures = [pool.submit(contextvars.copy_context().run, _post, i) for i in range(READERS)]
        notices = [f.result() for f in futures]

    assert Counter(notices) == {"Thanks! Your comment is awaiting moderation.": READERS}
    with Session(shared_engine) as s:
        rows = s.exec(select(Comment.name, Comment.body)).all()
    assert len(rows) == READERS
    assert sorted(rows) == sorted((f"Reader {i}", _text(i)) for i in range(READERS))
