"""An editor adds a correction or an update to a live article.

Append-only: there is no function that edits or deletes one, and saving the
article never touches them (they are not part of the editor's form). Adding one
moves the article's ``updated_at`` (``dateModified`` in JSON-LD, the feed entry's
``updated``) and adds a revision, so it sits in the revision history too.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from artisan_app.models import Article, Correction, Role, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.corrections import KINDS, TEXT_LIMIT
from artisan_app.services.articles.live import is_live
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import clean_text
from artisan_app.services.editorial.forms import EditValidationError
from artisan_app.services.editorial.saving import add_revision


def add_correction(
    session: Session, *, user: StaffUser | None, article_id: int, kind: str, text: object, now: datetime | None = None
) -> Correction:
    """An editor appends a correction or an update to a live article."""
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
