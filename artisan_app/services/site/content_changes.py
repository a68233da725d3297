"""Which database writes change what a reader sees: the signal behind the cached pages.

The cached first HTML of the public pages (``web/page_cache.py``) is valid for
one *generation* of the published content. Rather than trusting every service
that writes (publish, save, unpublish, trash, feature, approve a comment,
import, purge, corrections, ...) to remember a call, one SQLAlchemy session
listener, installed by ``install()``, looks at every flush and marks the
session when a write touches public content; before that session commits, it
bumps the one-row ``ContentGeneration`` counter in the same transaction, so
every process (web workers, the job worker, scripts, tests) agrees on it with
no shared memory; after the commit, registered callbacks run. A rollback
forgets the mark and the bump.

Public content is every table except ``PRIVATE_TABLES`` (accounts, sessions,
revisions, editing presence, review notes and status history, newsletter bookkeeping,
import bookkeeping;
a redirect counts: it changes what an address answers), with two refinements so routine private writes leave the cache
alone: an article counts only if it is, or was, published (a draft's autosave
does not); a comment only if it is, or was, approved (a held comment, which
only its author sees, in the app's state, never in the first HTML, does not).
Tables added later count as public until named here: stale is worse than slow.

``next_publication`` gives the moment a scheduled article goes live, when the
published content changes with no write at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event, func, inspect, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlmodel import Session as SQLModelSession
from sqlmodel import col, select

from artisan_app.models import (
    Article,
    ArticleAuthor,
    ArticleStatus,
    ArticleTag,
    Block,
    Comment,
    CommentStatus,
    ContentGeneration,
    Section,
)

PRIVATE_TABLES = frozenset(
    {
        "contentgeneration",
        "user",
        "usersession",
        "articlerevision",
        "editingpresence",
        "subscriber",
        "subscribercategory",
        "newsletter",
        "delivery",
        "outboxmessage",
        "wordpressitem",
        "reviewnote",
        "statuschange",  # the newsroom's review notes and status history
    }
)
_FLAG = "artisan_public_content_changed"
SEEN_KEY = "artisan_generation_seen"  # (transaction, generation) read by page_data in this session
GENERATION_ROW = 1
_callbacks: list[Callable[[], None]] = []
_install_lock = threading.Lock()
_installed = False


def _was_or_is(obj: object, attr: str, value: str, *, new: bool) -> bool:
    history = inspect(obj).attrs[attr].history
    values = [getattr(obj, attr)] if new else [*history.added, *history.unchanged, *history.deleted]
    return any(str(getattr(v, "value", v)) == value for v in values)


def _article_of(session: Session, obj: object) -> Article | None:
    """The article a body part or tag link belongs to (from the identity map when loaded)."""
    if isinstance(obj, Block):
        obj = session.get(Section, obj.section_id) if obj.section_id else None
    article_id = getattr(obj, "article_id", None)
    return session.get(Article, article_id) if article_id else None


def is_public_change(obj: object, *, new: bool = False, session: Session | None = None) -> bool:
    """Does inserting/updating/deleting ``obj`` change what readers can see?"""
    table = getattr(obj, "__tablename__", None)
    if not table or table in PRIVATE_TABLES:
        return False
    if isinstance(obj, Article):
        return _was_or_is(obj, "status", ArticleStatus.published.value, new=new)
    if isinstance(obj, Comment):
        return _was_or_is(obj, "status", CommentStatus.approved.value, new=new)
    if session is not None and isinstance(obj, (Section, Block, ArticleTag, ArticleAuthor)):
        # A draft's body, tags and byline are its own business; an unknown article counts.
        article = _article_of(session, obj)
        return article is None or _was_or_is(article, "status", ArticleStatus.published.value, new=False)
    return True


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    if session.info.get(_FLAG):
        return
    with session.no_autoflush:
        changed = (
            any(is_public_change(obj, new=True, session=session) for obj in session.new)
            or any(is_public_change(obj, session=session) for obj in session.deleted)
            or any(session.is_modified(obj) and is_public_change(obj, session=session) for obj in session.dirty)
        )
    if changed:
        session.info[_FLAG] = True


# Bulk statements on an article's body or tag links come with a save of the article
# row itself (``services.editorial.saving``), which the flush judges: they need no flag of their own.
BODY_TABLES = frozenset({"section", "block", "articletag", "articleauthor"})


def _bulk_statement(state: ORMExecuteState) -> None:
    # ``session.execute(update(...)/delete(...))`` bypasses the flush: judge by table.
    if not (state.is_update or state.is_delete):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table is None or table not in PRIVATE_TABLES | BODY_TABLES:
        state.session.info[_FLAG] = True


def _before_commit(session: Session) -> None:
    session.flush()  # judge the last writes too, then bump inside the same transaction
    if session.info.get(_FLAG):
        bump_generation(session)


def bump_generation(session: Session) -> None:
    """Start a new generation of the published content (in the caller's transaction)."""
    session.info.pop(SEEN_KEY, None)
    bump = update(ContentGeneration).where(col(ContentGeneration.id) == GENERATION_ROW).values(value=ContentGeneration.value + 1)
    if session.execute(bump).rowcount:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
        return
    # No row yet (a database made by ``create_all``): create it, whoever is first.
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        session.add(ContentGeneration(id=GENERATION_ROW, value=1))
        return
    first = (sqlite_insert if dialect == "sqlite" else postgresql_insert)(ContentGeneration)
    session.execute(first.values(id=GENERATION_ROW, value=0).on_conflict_do_nothing())
    session.execute(bump)


GENERATION_QUERY = select(ContentGeneration.value).where(ContentGeneration.id == GENERATION_ROW)


def current_generation(session: Session) -> int:
    """The current generation of the published content (0 before the first change). A Core query
    on the session's connection: a third of the ORM's cost, and it is read on every page visit."""
    return session.connection().execute(GENERATION_QUERY).scalar() or 0


def _after_commit(session: Session) -> None:
    if session.info.pop(_FLAG, False):
        notify()


def _after_rollback(session: Session) -> None:
    session.info.pop(_FLAG, None)


def notify() -> None:
    """Tell every listener that public content changed (also for writes made outside SQLAlchemy)."""
    for callback in list(_callbacks):
        callback()


def on_change(callback: Callable[[], None]) -> None:
    """Run ``callback()`` after each commit that changed public content."""
    install()
    if callback not in _callbacks:
        _callbacks.append(callback)


def install() -> None:
    """Listen to every session (idempotent)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _bulk_statement)
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
        _installed = True


def next_publication(session: SQLModelSession, *, now: datetime) -> datetime | None:
    """When the next scheduled article goes live (``None``: none is scheduled)."""
    return session.exec(
        select(func.min(Article.published_at)).where(
            col(Article.status) == ArticleStatus.published.value, col(Article.published_at) > now
        )
    ).first()
