"""The comment thread, paged by top-level comments with their replies
(``services/comments/thread.py``), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from artisan_app.models import Comment, CommentStatus
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments.thread import thread_page
from tests.factories import BASE_TIME, make_article, make_author, make_category

_seq = iter(range(10**9))


@pytest.fixture
def article(any_session: Session):
    a = make_article(any_session, category=make_category(any_session), author=make_author(any_session), slug="busy")
    any_session.commit()
    return a


def add(
    session: Session,
    article,
    minute: float,
    *,
    parent: Comment | None = None,
    status=CommentStatus.approved,
    owner: str = "",
    name: str = "",
) -> Comment:
    n = next(_seq)
    c = Comment(
        article_id=article.id,
        parent_id=parent.id if parent else None,
        depth=min(parent.depth + 1, svc.MAX_DEPTH) if parent else 0,
        name=name or f"C{n}",
        email="x@example.com",
        email_normalized="x@example.com",
        body=f"comment {n}",
        status=status.value,
        owner_key=svc.owner_key(owner),
        fingerprint=f"fp-{n}",
        created_at=BASE_TIME + timedelta(minutes=minute),
    )
    session.add(c)
    session.flush()
    return c


def every_page(session: Session, article, **kw) -> list[list[str]]:
    pages, after = [], 0
    while True:
        page = thread_page(session, article.id, after_id=after, **kw)
        pages.append([c.name for c in page.comments])
        if not page.has_more:
            return pages
        after = page.last_root_id


def test_every_approved_comment_is_reachable_beyond_five_hundred(any_session: Session, article):
    for i in range(1203):
        add(any_session, article, i, name=f"n{i}")
    any_session.commit()
    pages = every_page(any_session, article, roots=100)
    assert len(pages) == 13
    assert [name for page in pages for name in page] == [f"n{i}" for i in range(1203)]
    assert thread_page(any_session, article.id).approved_count == 1203


def test_replies_come_with_their_parent_even_when_written_much_later(any_session: Session, article):
    a = add(any_session, article, 1, name="A")
    add(any_session, article, 2, name="B")
    add(any_session, article, 3, name="C")
    a1 = add(any_session, article, 100, parent=a, name="A1")  # after every other top-level comment
    add(any_session, article, 101, parent=a1, name="A1a")
    deep = a1
    for i in range(6):  # deeper than the display depth: continues flat, still reachable
        deep = add(any_session, article, 102 + i, parent=deep, name=f"deep{i}")
    any_session.commit()
    assert every_page(any_session, article, roots=2) == [
        ["A", "A1", "A1a", "deep0", "deep1", "deep2", "deep3", "deep4", "deep5", "B"],
        ["C"],
    ]


def test_newest_first_keeps_replies_oldest_first_under_their_parent(any_session: Session, article):
    a = add(any_session, article, 1, name="A")
    add(any_session, article, 2, name="B")
    add(any_session, article, 3, parent=a, name="A1")
    add(any_session, article, 4, parent=a, name="A2")
    add(any_session, article, 5, name="C")
    any_session.commit()
    assert every_page(any_session, article, roots=2, newest_first=True) == [["C", "B"], ["A", "A1", "A2"]]


def test_a_reply_whose_parent_is_hidden_is_shown_as_top_level(any_session: Session, article):
    held = add(any_session, article, 1, name="held", status=CommentStatus.pending)
    add(any_session, article, 2, parent=held, name="orphan")
    trashed = add(any_session, article, 3, name="trashed", status=CommentStatus.trash)
    add(any_session, article, 4, parent=trashed, name="orphan2")
    any_session.commit()
    assert every_page(any_session, article) == [["orphan", "orphan2"]]


def test_held_comments_only_for_their_author(any_session: Session, article):
    a = add(any_session, article, 1, name="A")
    add(any_session, article, 2, parent=a, name="mine", status=CommentStatus.pending, owner="reader-1")
    add(any_session, article, 3, name="mine too", status=CommentStatus.pending, owner="reader-1")
    any_session.commit()
    assert every_page(any_session, article) == [["A"]]
    page = thread_page(any_session, article.id, reader_id="reader-1")
    assert [(c.name, c.awaiting) for c in page.comments] == [("A", False), ("mine", True), ("mine too", True)]
    assert page.approved_count == 1


def test_a_comment_arriving_between_pages_neither_repeats_nor_skips(any_session: Session, article):
    for i in range(4):
        add(any_session, article, i, name=f"n{i}")
    any_session.commit()
    first = thread_page(any_session, article.id, roots=2)
    add(any_session, article, 0.5, name="late-but-early")  # sorts inside the first page
    add(any_session, article, 10, name="new")
    any_session.commit()
    second = thread_page(any_session, article.id, roots=10, after_id=first.last_root_id)
    assert [c.name for c in first.comments] == ["n0", "n1"]
    assert [c.name for c in second.comments] == ["n2", "n3", "new"]


@pytest.mark.parametrize("bad", [-1, 0, "x", None, 10**12])
def test_malformed_arguments_are_harmless(any_session: Session, article, bad):
    add(any_session, article, 1, name="A")
    any_session.commit()
    assert [c.name for c in thread_page(any_session, article.id, after_id=bad).comments] == ["A"]
    assert thread_page(any_session, bad, after_id=0).comments == []
