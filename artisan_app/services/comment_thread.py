"""An article's comment thread, one page at a time.

A page is a number of *top-level* comments (oldest or newest first) together
with every reply beneath them, so replies always stay with their parents and
"Load more" brings the next top-level comments with their whole reply trees.
Every approved comment is reachable, however many there are: a visible reply
whose parent is not visible (held, trashed) counts as top-level.

Visible means approved, or held and written by this reader (``owner_key``).
Pages continue after the last top-level comment shown (keyset on
``(created_at, id)``), so comments arriving meanwhile never shift a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, exists, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from artisan_app.models import Comment, CommentStatus, utcnow
from artisan_app.services.comments import CommentView, _view, approved_count, owner_key
from artisan_app.services.ids import as_id

PAGE_ROOTS = 30  # top-level comments per page
MAX_ROOTS = 1000  # at most this many top-level comments in one request (a refresh of everything shown)


@dataclass(frozen=True)
class ThreadPage:
    comments: list[CommentView] = field(default_factory=list)  # depth-first: each comment, then its replies
    roots: int = 0  # top-level comments on this page
    last_root_id: int = 0  # continue after this one
    has_more: bool = False
    approved_count: int = 0


def _visible(model, key: str):
    approved = model.status == CommentStatus.approved.value
    if not key:
        return approved
    return approved | ((model.status == CommentStatus.pending.value) & (model.owner_key == key))


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
        ~exists().where(parent.id == col(col(Comment.parent_id)), _visible(parent, key)),
    )
    query = select(Comment.id, Comment.created_at).where(Comment.article_id == article_id, _visible(Comment, key), is_root)
    after = session.get(Comment, after_id) if as_id(after_id) else None
    if after is not None and after.article_id == article_id:
        if newest_first:
            query = query.where(or_(col(Comment.created_at) < after.created_at,
                                    and_(col(Comment.created_at) == after.created_at, col(Comment.id) < after.id)))
        else:
            query = query.where(or_(col(Comment.created_at) > after.created_at,
                                    and_(col(Comment.created_at) == after.created_at, col(Comment.id) > after.id)))
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
    views = [_view(c, now, awaiting=c.status == CommentStatus.pending.value) for c in ordered]
    return ThreadPage(
        comments=views,
        roots=len(root_ids),
        last_root_id=root_ids[-1],
        has_more=has_more,
        approved_count=approved_count(session, article_id),
    )
