"""Corrections and updates in the open: dated notes appended to a published article.

Reading them (the article page, the /corrections page). Adding one is the
editor's (``services.editorial.corrections.add_correction``): append-only, there is no
function that edits or deletes one.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, Correction, utcnow
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.views import CorrectionItem, CorrectionView
from artisan_app.services.common.text import date_label, iso

KINDS = {"correction": "Correction", "update": "Update"}
MARKERS = {"correction": "Corrected", "update": "Updated"}
TEXT_LIMIT = 2000


def view_of(row: Correction) -> CorrectionView:
    return CorrectionView(
        kind_label=KINDS.get(row.kind, "Correction"),
        date_label=date_label(row.created_at),
        iso=iso(row.created_at),
        text=row.text,
    )


def corrections_of(session: Session, article_id: int) -> list[CorrectionView]:
    """Oldest first, as they read at the end of the article."""
    rows = session.exec(
        select(Correction).where(Correction.article_id == article_id).order_by(col(Correction.created_at), col(Correction.id))
    ).all()
    return [view_of(r) for r in rows]


def marker(session: Session, article_id: int) -> str:
    """The short line under the headline: "Corrected 12 September 2025" (the latest one), or ""."""
    row = session.exec(
        select(Correction)
        .where(Correction.article_id == article_id)
        .order_by(col(Correction.created_at).desc(), col(Correction.id).desc())
    ).first()
    return f"{MARKERS.get(row.kind, 'Corrected')} {date_label(row.created_at)}" if row else ""


def marker_of(views: list[CorrectionView]) -> str:
    """As ``marker``, from the article's corrections already read (oldest first)."""
    if not views:
        return ""
    latest = views[-1]
    return f"{'Updated' if latest.kind_label == 'Update' else 'Corrected'} {latest.date_label}"


def recent_corrections(
    session: Session, *, limit: int = 50, now: datetime | None = None, language: str = "en"
) -> list[CorrectionItem]:
    """An edition's corrections page (``/corrections``, ``/ur/corrections``): newest first, on the
    edition's live articles only (each links to its article in that edition)."""
    now = now or utcnow()
    rows = session.exec(
        select(Correction, Article)
        .join(Article, col(Article.id) == col(Correction.article_id))
        .where(is_live(now), col(Article.language) == language)
        .order_by(col(Correction.created_at).desc(), col(Correction.id).desc())
        .limit(max(1, min(limit, 200)))
    ).all()
    return [CorrectionItem(correction=view_of(c), slug=a.slug, headline=a.headline) for c, a in rows]
