"""A post's comments: name, email (kept, never shown), website, date, status and the reply tree."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import insert
from sqlmodel import Session, col, select

from artisan_app.models import Article, Comment, CommentStatus, WordPressItem
from artisan_app.services import comments as comment_rules
from artisan_app.services.text import clean_text
from artisan_app.wordpress.common import convert_text, digest, label
from artisan_app.wordpress.wxr import WxrItem

if TYPE_CHECKING:
    from artisan_app.wordpress.posts import Context

COMMENT_STATUS = {"1": CommentStatus.approved, "0": CommentStatus.pending, "spam": CommentStatus.spam,
                  "trash": CommentStatus.trash, "post-trashed": CommentStatus.trash}


@lru_cache(maxsize=4096)
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


def import_comments(session: Session, item: WxrItem, article: Article, ctx: Context) -> None:
    """New comments go in with one multi-row INSERT per level of the reply tree; changed ones are updated."""
    real = [c for c in item.comments if c.type in ("", "comment")]
    if len(real) != len(item.comments):
        ctx.report.add(
            "notes", label(item), "comments", f"{len(item.comments) - len(real)} pingback(s)/trackback(s) not imported"
        )
    if not real:
        return
    ids = [c.id for c in real]
    maps = {
        m.wp_id: m
        for m in session.exec(
            select(WordPressItem).where(col(WordPressItem.kind) == "comment", col(WordPressItem.wp_id).in_(ids))
        ).all()
    }
    rows = (
        {c.id: c for c in session.exec(select(Comment).where(col(Comment.id).in_([m.local_id for m in maps.values()]))).all()}
        if maps
        else {}
    )
    fingerprints = set(session.exec(select(Comment.fingerprint).where(Comment.article_id == article.id)).all())
    existing = {wp: rows[m.local_id] for wp, m in maps.items() if m.local_id in rows}
    placed: dict[int, tuple[int, int]] = {wp: (row.id, row.depth) for wp, row in existing.items()}  # wp id → (id, depth)
    pending, known = sorted(real, key=lambda c: c.id), set(ids)
    while pending:  # in waves: parents before their replies
        waiting = {c.id for c in pending}
        wave = [c for c in pending if not c.parent or c.parent not in known or (c.parent in placed and c.parent not in waiting)]
        if not wave:  # a cycle in a hostile export: import the rest flat
            for c in pending:
                c.parent = 0
            continue
        new_rows, new_wp = [], []
        for c in wave:
            wanted = digest(c.author, c.email, c.url, c.date_gmt, c.content, c.approved, c.parent)
            mapping = maps.get(c.id)
            if mapping is not None and mapping.digest == wanted and c.id in existing:
                continue
            values = _comment_values(c, article, ctx, placed, fingerprints, existing.get(c.id))
            if c.id in existing:
                row = existing[c.id]
                for key, value in values.items():
                    setattr(row, key, value)
                session.add(row)
                placed[c.id] = (row.id, row.depth)
                if mapping is not None:
                    mapping.digest, mapping.imported_at = wanted, ctx.now
                    session.add(mapping)
                ctx.report.comments_updated += 1
            else:
                new_rows.append(values)
                new_wp.append((c.id, wanted, values["depth"]))
        if new_rows:
            session.flush()
            table = Comment.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
            new_ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), new_rows).scalars().all()
            session.execute(
                insert(WordPressItem.__table__),  # type: ignore[attr-defined]  # set by SQLModel on table models
                [
                    {"kind": "comment", "wp_id": wp, "guid": "", "local_id": local, "digest": wanted, "imported_at": ctx.now}
                    for (wp, wanted, _), local in zip(new_wp, new_ids, strict=True)
                ],
            )
            for (wp, _, depth), local in zip(new_wp, new_ids, strict=True):
                placed[wp] = (local, depth)
            ctx.report.comments_imported += len(new_rows)
        waved = {c.id for c in wave}
        pending = [c for c in pending if c.id not in waved]


def _comment_values(c, article, ctx, placed, fingerprints, row: Comment | None) -> dict:
    """The columns of WordPress comment ``c`` as stored here."""
    parent = placed.get(c.parent)
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
        "parent_id": parent[0] if parent else None,
        "depth": min(parent[1] + 1, comment_rules.MAX_DEPTH) if parent else 0,
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
