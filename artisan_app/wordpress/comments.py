"""A post's comments: name, email (kept, never shown), website, date, status and the reply tree."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from artisan_app.models import Article, Comment, CommentStatus, WordPressItem
from artisan_app.services.comments import submission as comment_rules
from artisan_app.services.common.text import clean_text
from artisan_app.wordpress.common import convert_text, digest, label
from artisan_app.wordpress.wxr import WxrItem

if TYPE_CHECKING:
    from artisan_app.wordpress.context import Context

COMMENT_STATUS = {
    "1": CommentStatus.approved,
    "0": CommentStatus.pending,
    "spam": CommentStatus.spam,
    "trash": CommentStatus.trash,
    "post-trashed": CommentStatus.trash,
}


@lru_cache(maxsize=16384)  # commenters come back; bounded all the same
def _email(raw: str) -> tuple[str, str]:
    email = clean_text(raw)[:254]
    try:
        return email, validate_email(email, check_deliverability=False).normalized.casefold()
    except (EmailNotValidError, Exception):  # noqa: BLE001
        return email, email.casefold()


def _website(raw: str) -> str:
    url = clean_text(raw)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname and len(url) <= 200 else ""


_ITEMS = WordPressItem.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
_COMMENTS = Comment.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
# Built once (the import asks it for every post): the comments' mappings, and whether each comment is still here.
_MAPPINGS = (
    core_select(_ITEMS.c.id, _ITEMS.c.wp_id, _ITEMS.c.local_id, _ITEMS.c.digest, _COMMENTS.c.id.label("alive"))
    .join(_COMMENTS, _COMMENTS.c.id == _ITEMS.c.local_id, isouter=True)
    .where(_ITEMS.c.kind == "comment", _ITEMS.c.wp_id.in_(bindparam("ids", expanding=True)))
)


def _tree(real: list) -> dict[int, int]:
    """WordPress comment id → its parent's id among ``real`` (0 for a top-level one), parents first.

    A parent missing from the export makes a top-level comment; comments that no
    top-level one leads to (a cycle in a hostile export, and the replies under it)
    are imported flat. Linear: every comment is visited once, level by level from
    the top (each level in id order).
    """
    ids = sorted({c.id for c in real})
    known = set(ids)
    parent_of = {c.id: c.parent for c in real}
    children: dict[int, list[int]] = {}
    level: list[int] = []
    for wp in ids:
        parent = parent_of[wp]
        if parent in known and parent != wp:
            children.setdefault(parent, []).append(wp)
        else:
            level.append(wp)
    order: dict[int, int] = dict.fromkeys(level, 0)
    while level:
        below = sorted(child for wp in level for child in children.get(wp, ()))
        for child in below:
            order[child] = parent_of[child]
        level = below
    unreached = [wp for wp in ids if wp not in order]
    order.update(dict.fromkeys(unreached, 0))
    return order


def import_comments(session: Session, item: WxrItem, article: Article, ctx: Context, *, new_article: bool = False) -> int:
    """New comments go in with one multi-row INSERT (their reply links set after it); changed ones are updated.

    Unchanged comments cost one query for the whole post (their mappings' digests). Returns how many
    comments were written.
    """
    real = [c for c in item.comments if c.type in ("", "comment")]
    if len(real) != len(item.comments):
        skipped = len(item.comments) - len(real)
        ctx.report.add("notes", label(item), "comments", f"{skipped} pingback(s)/trackback(s) not imported")
    if not real:
        return 0
    tree = _tree(real)
    by_id = {c.id: c for c in real}
    wanted = {c.id: digest(c.author, c.email, c.url, c.date_gmt, c.content, c.approved, c.parent) for c in real}
    found = session.connection().execute(_MAPPINGS, {"ids": list(tree)}).all()
    maps = {m.wp_id: m for m in found}
    alive = {m.wp_id for m in found if m.alive is not None}  # mapped, and the comment is still here
    todo = [wp for wp in tree if wp not in alive or maps[wp].digest != wanted[wp]]
    if not todo:
        return 0  # the same comments as last time
    stale = [maps[wp].local_id for wp in todo if wp in alive]
    rows = {c.id: c for c in session.exec(select(Comment).where(col(Comment.id).in_(stale)))} if stale else {}
    existing = {wp: rows[maps[wp].local_id] for wp in todo if wp in alive}
    fingerprints = (
        set() if new_article else set(session.exec(select(Comment.fingerprint).where(Comment.article_id == article.id)))
    )
    depth: dict[int, int] = {}
    for wp, parent in tree.items():
        depth[wp] = min(depth[parent] + 1, comment_rules.MAX_DEPTH) if parent else 0
    placed = {wp: maps[wp].local_id for wp in alive}  # WordPress id → Comment.id
    new_rows = []
    for wp in todo:
        row = existing.get(wp)
        values = _comment_values(by_id[wp], article, ctx, depth[wp], fingerprints, row)
        if row is None:
            new_rows.append((wp, values))
            continue
        for key, value in values.items():
            setattr(row, key, value)
        ctx.report.comments_updated += 1
    if new_rows:
        _insert(session, new_rows, tree, maps, placed, wanted, ctx)
    for wp, row in existing.items():  # every comment is placed now: link the updated ones to their parents
        row.parent_id = placed.get(tree[wp])
        session.add(row)
    remapped = [{"b_id": maps[wp].id, "b_local": placed[wp], "b_digest": wanted[wp]} for wp in todo if wp in maps]
    if remapped:  # changed comments, and mapped ones deleted here (made again)
        session.execute(
            update(_ITEMS)
            .where(_ITEMS.c.id == bindparam("b_id"))
            .values(local_id=bindparam("b_local"), digest=bindparam("b_digest"), imported_at=ctx.now),
            remapped,
        )
    return len(todo)


def _insert(session: Session, new_rows, tree, maps, placed, wanted, ctx: Context) -> None:
    """One multi-row INSERT for the post's new comments, then their reply links and mappings."""
    session.flush()
    table = _COMMENTS
    returned = session.execute(insert(table).returning(table.c.id, table.c.fingerprint), [v for _, v in new_rows]).all()
    by_fingerprint = dict((fp, local) for local, fp in returned)  # unique per article
    for wp, values in new_rows:
        placed[wp] = by_fingerprint[values["fingerprint"]]
    links = [{"b_id": placed[wp], "b_parent": placed[tree[wp]]} for wp, _ in new_rows if tree[wp]]
    if links:
        session.execute(update(table).where(table.c.id == bindparam("b_id")).values(parent_id=bindparam("b_parent")), links)
    mappings = [
        {"kind": "comment", "wp_id": wp, "guid": "", "local_id": placed[wp], "digest": wanted[wp], "imported_at": ctx.now}
        for wp, _ in new_rows
        if wp not in maps
    ]
    if mappings:
        session.execute(insert(_ITEMS), mappings)
    ctx.report.comments_imported += len(new_rows)


def _comment_values(c, article, ctx, depth: int, fingerprints, row: Comment | None) -> dict:
    """The columns of WordPress comment ``c`` as stored here (``parent_id`` is set by the caller)."""
    email, normalized = _email(c.email)
    body = convert_text(c.content)[: comment_rules.MAX_BODY] or "(empty)"
    status = COMMENT_STATUS.get(c.approved, CommentStatus.pending)
    if row is not None:
        fingerprints.discard(row.fingerprint)
    fp = comment_rules.fingerprint(article.id, normalized, body)
    if fp in fingerprints:  # WordPress kept two identical comments: keep both
        fp = hashlib.sha256(f"wordpress-comment:{c.id}".encode()).hexdigest()
    fingerprints.add(fp)
    created = c.date_gmt or article.published_at or ctx.now
    return {
        "article_id": article.id,
        "parent_id": None,
        "depth": depth,
        "name": clean_text(convert_text(c.author))[: comment_rules.MAX_NAME] or "Anonymous",  # tags stripped, as WordPress does
        "email": email,
        "email_normalized": normalized,
        "website": _website(c.url),
        "body": body,
        "status": status.value,
        "held_reason": "imported" if status is CommentStatus.pending else "",
        "owner_key": "",
        "fingerprint": fp,
        "created_at": created,
        "approved_at": created if status is CommentStatus.approved else None,
    }
