"""Corrections and updates in the open: dated notes appended to a published article.

Append-only: there is no function that edits or deletes one, and saving the
article never touches them (they are not part of the editor's form). Adding one
moves the article's ``updated_at`` (``dateModified`` in JSON-LD, the feed entry's
``updated``) and adds a revision, so it sits in the revision history too.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from artisan_app.models import Article, Correction, Role, utcnow
from artisan_app.services.articles import is_live
from artisan_app.services.auth import PermissionDenied, StaffUser, require
from artisan_app.services.editor_forms import EditValidationError
from artisan_app.services.ids import as_id
from artisan_app.services.text import clean_text, date_label, iso
from artisan_app.services.views import CorrectionItem, CorrectionView

KINDS = {"correction": "Correction", "update": "Update"}
MARKERS = {"correction": "Corrected", "update": "Updated"}
TEXT_LIMIT = 2000


def view_of(row: Correction) -> CorrectionView:
    return CorrectionView(kind_label=KINDS.get(row.kind, "Correction"), date_label=date_label(row.created_at),
                          iso=iso(row.created_at), text=row.text)


def corrections_of(session: Session, article_id: int) -> list[CorrectionView]:
    """Oldest first, as they read at the end of the article."""
    rows = session.exec(select(Correction).where(Correction.article_id == article_id)
                        .order_by(Correction.created_at, Correction.id)).all()
    return [view_of(r) for r in rows]


def marker(session: Session, article_id: int) -> str:
    """The short line under the headline: "Corrected 12 September 2025" (the latest one), or ""."""
    row = session.exec(select(Correction).where(Correction.article_id == article_id)
                       .order_by(Correction.created_at.desc(), Correction.id.desc())).first()
    return f"{MARKERS.get(row.kind, 'Corrected')} {date_label(row.created_at)}" if row else ""


def marker_of(views: list[CorrectionView]) -> str:
    """As ``marker``, from the article's corrections already read (oldest first)."""
    if not views:
        return ""
    latest = views[-1]
    return f"{'Updated' if latest.kind_label == 'Update' else 'Corrected'} {latest.date_label}"


def add_correction(session: Session, *, user: StaffUser | None, article_id: int, kind: str, text: object,
                   now: datetime | None = None) -> Correction:
    """An editor appends a correction or an update to a live article."""
    from artisan_app.services.editor_saving import add_revision  # local: editor_saving imports much

    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None or session.exec(select(Article.id).where(Article.id == article.id, is_live(now))).first() is None:
        raise PermissionDenied("Corrections go on live articles only.")
    if kind not in KINDS:
        raise EditValidationError({"correction": "Choose a correction or an update."})
    body = clean_text(text, multiline=True)
    if not body:
        raise EditValidationError({"correction": "Say what was wrong and what is right now."})
    if len(body) > TEXT_LIMIT:
        raise EditValidationError({"correction": f"Keep it to {TEXT_LIMIT:,} characters or fewer."})
    row = Correction(article_id=article.id, kind=kind, text=body, user_id=user.id, user_name=user.name, created_at=now)
    session.add(row)
    article.updated_at = now
    session.add(article)
    session.flush()
    add_revision(session, article, user, f"{KINDS[kind]} added", now)
    return row


def recent_corrections(session: Session, *, limit: int = 50, now: datetime | None = None) -> list[CorrectionItem]:
    """The /corrections page: newest first, on live articles only."""
    now = now or utcnow()
    rows = session.exec(
        select(Correction, Article).join(Article, Article.id == Correction.article_id).where(is_live(now))
        .order_by(Correction.created_at.desc(), Correction.id.desc()).limit(max(1, min(limit, 200)))
    ).all()
    return [CorrectionItem(correction=view_of(c), slug=a.slug, headline=a.headline) for c, a in rows]
