"""An article's comment thread, one page at a time.

A page is a number of *top-level* comments (oldest or newest first) together
with every reply beneath them, so replies always stay with their parents and
"Load more" brings the next top-level comments with their whole reply trees.
Every approved comment is reachable, however many there are: a visible reply
whose parent is not visible (held, trashed) counts as top-level.

Visible means approved, or held and written by this reader (``owner_key``).
Pages continue after the last top-level comment shown (keyset on
``(created_at, id)``), so comments arriving meanwhile never shift a page.

Also here: ``CommentView`` (what a reader sees of a comment: never an email), the
approved count and the version the live thread watches for changes. Submitting a
comment is ``services/comments/submission.py``; moderating one is ``services/comments/moderation.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import humanize
from sqlalchemy import ColumnElement, and_, exists, func, or_
from sqlalchemy.orm import aliased
from sqlalchemy.orm.util import AliasedClass
from sqlmodel import Session, col, select

from artisan_app.models import Comment, CommentStatus, utcnow
from artisan_app.services.comments.submission import owner_key
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import exact_label, iso

PAGE_ROOTS = 30  # top-level comments per page
MAX_ROOTS = 1000  # at most this many top-level comments in one request (a refresh of everything shown)


@dataclass(frozen=True)
class CommentView:
    """One comment as a reader sees it: no email, ever."""

    id: int
    parent_id: int
    depth: int
    name: str
    website: str
    body: str
    created_iso: str
    created_label: str  # exact: "25 August 2025, 09:30 UTC"
    relative_label: str  # "2 hours ago"
    awaiting: bool = False  # held, shown only to its author
    staff: bool = False  # written by the newsroom: shown with a "Staff" badge


@dataclass(frozen=True)
class CommentThread:
    comments: list[CommentView] = field(default_factory=list)
    approved_count: int = 0


@dataclass(frozen=True)
class ThreadPage:
    comments: list[CommentView] = field(default_factory=list)  # depth-first: each comment, then its replies
    roots: int = 0  # top-level comments on this page
    last_root_id: int = 0  # continue after this one
    has_more: bool = False
    approved_count: int = 0


def _visible(model: type[Comment] | AliasedClass[Comment], key: str) -> ColumnElement[bool]:
    approved = col(model.status) == CommentStatus.approved.value
    if not key:
        return approved
    return approved | ((col(model.status) == CommentStatus.pending.value) & (col(model.owner_key) == key))


def thread_page(
    session: Session,
    article_id: int,
    *,
    reader_id: str = "",
    newest_first: bool = False,
    after_id: int = 0,
    roots: int = PAGE_ROOTS,
    now: datetime | None = None,
) -> ThreadPage:
    """``roots`` top-level comments after ``after_id`` (0: from the start), with their replies."""
    now = now or utcnow()
    if not as_id(article_id):
        return ThreadPage()
    key = owner_key(reader_id) if isinstance(reader_id, str) else ""
    roots = max(1, min(int(roots), MAX_ROOTS))
    parent = aliased(Comment)
    is_root = or_(
        col(Comment.parent_id).is_(None),
        ~exists().where(col(parent.id) == col(Comment.parent_id), _visible(parent, key)),
    )
    query = select(Comment.id, Comment.created_at).where(Comment.article_id == article_id, _visible(Comment, key), is_root)
    after = session.get(Comment, after_id) if as_id(after_id) else None
    if after is not None and after.article_id == article_id:
        if newest_first:
            query = query.where(
                or_(
                    col(Comment.created_at) < after.created_at,
                    and_(col(Comment.created_at) == after.created_at, col(Comment.id) < after.id),
                )
            )
        else:
            query = query.where(
                or_(
                    col(Comment.created_at) > after.created_at,
                    and_(col(Comment.created_at) == after.created_at, col(Comment.id) > after.id),
                )
            )
    order = (
        (col(Comment.created_at).desc(), col(Comment.id).desc()) if newest_first else (col(Comment.created_at), col(Comment.id))
    )
    root_rows = session.exec(query.order_by(*order).limit(roots + 1)).all()
    has_more = len(root_rows) > roots
    root_ids = [row[0] for row in root_rows[:roots]]
    if not root_ids:
        return ThreadPage(approved_count=approved_count(session, article_id))

    # Every visible reply beneath those roots, however deep.
    tree = select(col(Comment.id)).where(col(Comment.id).in_(root_ids)).cte("tree", recursive=True)
    child = aliased(Comment)
    tree = tree.union_all(
        # By parent only (its index); a reply is always in its parent's article.
        select(child.id).where(child.parent_id == tree.c.id, _visible(child, key))
    )
    rows = session.exec(select(Comment).where(col(Comment.id).in_(select(tree.c.id)))).all()

    children: dict[int, list[Comment]] = {}
    by_id = {c.id: c for c in rows}
    for c in sorted(rows, key=lambda c: (c.created_at, c.id)):
        if c.id not in root_ids and c.parent_id in by_id:
            children.setdefault(c.parent_id, []).append(c)
    ordered: list[Comment] = []
    stack = [by_id[i] for i in reversed(root_ids) if i in by_id]
    while stack:
        c = stack.pop()
        ordered.append(c)
        stack.extend(reversed(children.get(c.id, [])))
    views = [view_of(c, now, awaiting=c.status == CommentStatus.pending.value) for c in ordered]
    return ThreadPage(
        comments=views,
        roots=len(root_ids),
        last_root_id=root_ids[-1],
        has_more=has_more,
        approved_count=approved_count(session, article_id),
    )


# --- the whole thread at once, and its version ---------------------------------


def relative_label(moment: datetime, now: datetime) -> str:
    return humanize.naturaltime(now - moment) if moment <= now else "just now"


def view_of(c: Comment, now: datetime, *, awaiting: bool) -> CommentView:
    return CommentView(
        id=c.id,
        parent_id=c.parent_id or 0,
        depth=c.depth,
        name=c.name,
        website=c.website,
        body=c.body,
        created_iso=iso(c.created_at),
        created_label=exact_label(c.created_at),
        relative_label=relative_label(c.created_at, now),
        awaiting=awaiting,
        staff=bool(c.by_staff),
    )


def held_comment(session: Session, article_id: int, comment_id: int, *, now: datetime | None = None) -> CommentView | None:
    """The held comment ``comment_id`` on the article, for the browser that has just posted it
    (named by a signed value, ``web/endpoints/comments.py``); ``None`` once it is no longer held."""
    c = session.get(Comment, comment_id) if as_id(comment_id) else None
    if c is None or c.article_id != article_id or c.status != CommentStatus.pending.value:
        return None
    return view_of(c, now or utcnow(), awaiting=True)


def has_held(session: Session, article_id: int, reader_id: str) -> bool:
    """Whether this reader has a held comment on the article (which only they see in the thread)."""
    key = owner_key(reader_id) if isinstance(reader_id, str) else ""
    if not key or not as_id(article_id):
        return False
    held = (
        select(Comment.id)
        .where(Comment.owner_key == key, Comment.article_id == article_id, Comment.status == CommentStatus.pending.value)
        .limit(1)
    )
    return session.exec(held).first() is not None


def approved_count(session: Session, article_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(Comment)
        .where(Comment.article_id == article_id, Comment.status == CommentStatus.approved.value)
    ).one()


def comments_version(session: Session, article_id: int) -> str:
    """Changes whenever the set of approved comments changes (cheap, indexed)."""
    return comments_versions(session, [article_id])[article_id]


def comments_versions(session: Session, article_ids: Sequence[int]) -> dict[int, str]:
    """``comments_version`` of several articles in one query."""
    rows = session.exec(
        select(Comment.article_id, func.count(), func.max(Comment.approved_at), func.max(Comment.id))
        .where(col(Comment.article_id).in_(list(article_ids)), col(Comment.status) == CommentStatus.approved.value)
        .group_by(col(Comment.article_id))
    ).all()
    found = {
        article_id: f"{count}:{iso(last) if isinstance(last, datetime) else last}:{newest}"
        for article_id, count, last, newest in rows
    }
    return {article_id: found.get(article_id, "0:None:None") for article_id in article_ids}


def _threaded(rows: list[Comment]) -> list[Comment]:
    """Depth-first order: each comment followed by its replies, oldest first."""
    children: dict[int, list[Comment]] = {}
    ids = {c.id for c in rows}
    roots: list[Comment] = []
    for c in sorted(rows, key=lambda c: (c.created_at, c.id)):
        if c.parent_id and c.parent_id in ids:
            children.setdefault(c.parent_id, []).append(c)
        else:
            roots.append(c)
    out: list[Comment] = []
    stack = list(reversed(roots))
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(reversed(children.get(c.id, [])))
    return out


def article_comments(
    session: Session, article_id: int, *, reader_id: str = "", now: datetime | None = None, limit: int = 500
) -> CommentThread:
    """Approved comments, plus the reader's own held ones, threaded."""
    now = now or utcnow()
    visible = Comment.status == CommentStatus.approved.value
    key = owner_key(reader_id)
    if key:
        visible = visible | ((Comment.status == CommentStatus.pending.value) & (Comment.owner_key == key))
    rows = session.exec(
        select(Comment)
        .where(col(Comment.article_id) == article_id, visible)
        .order_by(col(Comment.created_at), col(Comment.id))
        .limit(limit)
    ).all()
    views = [view_of(c, now, awaiting=c.status == CommentStatus.pending.value) for c in _threaded(list(rows))]
    return CommentThread(comments=views, approved_count=approved_count(session, article_id))
