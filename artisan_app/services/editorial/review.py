"""The review workflow between "submitted" and "published", and the notes on a draft.

Moves (each recorded in ``services.editorial.status_history``):

    draft / changes --submit (authors, editors)--> review
    review / approved --request_changes (editors, admins)--> changes
    review --approve (editors, admins; never on an article they wrote)--> approved
    approved --a save that changes its content--> review
    any unpublished --publish / schedule (editors, admins; reviewed by someone off the byline,
                      see services/approval)--> published / scheduled

Notes anchor to the whole article ("") or to a section or block by its stable key
(``Section.key`` / ``Block.key``), so they stay with their text when other sections
are edited or the sections are reordered. Editors write notes; anyone who may
edit the article replies and resolves. Resolved notes are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleStatus, Block, ReviewNote, Role, Section, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.coauthors import is_author
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import clean_text, exact_label
from artisan_app.services.editorial.access import editable_article, phase_of
from artisan_app.services.editorial.forms import EditValidationError
from artisan_app.services.editorial.saving import add_revision
from artisan_app.services.editorial.status_history import record_move
from artisan_app.services.editorial.workflow import publish, submit_for_review

__all__ = [
    "approve",
    "request_changes",
    "submit_for_review",
    "publish",
    "add_note",
    "reply",
    "resolve",
    "notes_for",
    "NoteView",
    "may_approve",
]

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class NoteView:
    id: int
    anchor_key: str
    anchor_label: str  # "Whole article", "Section 2: Costs", "Section 2, paragraph 1"
    by: str
    at_label: str
    body: str
    resolved: bool
    resolved_label: str  # "Resolved by Ana, 12 September 2025, 10:00 UTC"
    replies: list[tuple[str, str, str]] = field(default_factory=list)  # (by, at_label, body)


def may_approve(session: Session, user: StaffUser, article: Article) -> bool:
    """Editors and admins approve, but never an article they are an author of."""
    return user.can_publish and not is_author(session, user, article)


def _move(session: Session, user: StaffUser, article: Article, to: str, now: datetime, revision_id: int | None = None) -> Article:
    before = phase_of(article, now)
    article.status = to
    article.updated_at = now
    session.add(article)
    session.flush()
    record_move(session, article, before, to, user, now, revision_id=revision_id)
    return article


def request_changes(
    session: Session, *, user: StaffUser | None, article_id: int, note: str = "", now: datetime | None = None
) -> Article:
    """An editor sends the article back to its authors (optionally with a note on the whole article)."""
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    user, article = editable_article(session, user, article_id)
    if article.status not in (ArticleStatus.review.value, ArticleStatus.approved.value):
        raise EditValidationError({"status": "Only an article in review (or approved) can go back for changes."})
    if clean_text(note):
        add_note(session, user=user, article_id=article.id, body=note, now=now)
    return _move(session, user, article, ArticleStatus.changes.value, now)


def approve(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    user, article = editable_article(session, user, article_id)
    if not may_approve(session, user, article):
        raise PermissionDenied("Someone other than its authors must approve this article.")
    if article.status != ArticleStatus.review.value:
        raise EditValidationError({"status": "Only an article in review can be approved."})
    if (
        session.exec(
            select(ReviewNote.id)
            .where(
                ReviewNote.article_id == article.id, col(ReviewNote.parent_id).is_(None), col(ReviewNote.resolved_at).is_(None)
            )
            .limit(1)
        ).first()
        is not None
    ):
        raise EditValidationError({"status": "Resolve the open notes first."})
    # The approval covers this text only: a revision of it is kept, and the move names it.
    revision = add_revision(session, article, user, "Approved", now)
    return _move(session, user, article, ArticleStatus.approved.value, now, revision.id)


# --- notes --------------------------------------------------------------------------------


def _anchors(session: Session, article_id: int) -> dict[str, str]:
    """Every stable key of the article's body with a label for where it is now."""
    labels: dict[str, str] = {}
    sections = session.exec(select(Section).where(col(Section.article_id) == article_id).order_by(col(Section.position))).all()
    for section in sections:
        labels[section.key] = f"Section {section.position}: {section.heading or '(no heading)'}"
        blocks = session.exec(select(Block).where(col(Block.section_id) == section.id).order_by(col(Block.position))).all()
        for block in blocks:
            labels[block.key] = f"Section {section.position}, {block.kind} {block.position}"
    labels.pop("", None)
    return labels


def _body(text: object) -> str:
    body = clean_text(text, multiline=True) if isinstance(text, str) else ""
    if not body:
        raise EditValidationError({"note": "Write the note first."})
    if len(body) > NOTE_LIMIT:
        raise EditValidationError({"note": f"Keep a note to {NOTE_LIMIT:,} characters or fewer."})
    return body


def add_note(
    session: Session, *, user: StaffUser | None, article_id: int, body: str, anchor_key: str = "", now: datetime | None = None
) -> ReviewNote:
    """An editor's note on the whole article (``anchor_key`` "") or on one section or block."""
    user = require(user, Role.admin, Role.editor)
    user, article = editable_article(session, user, article_id)
    text = _body(body)
    if anchor_key and anchor_key not in _anchors(session, article.id):
        raise EditValidationError({"note": "That part of the article no longer exists."})
    note = ReviewNote(
        article_id=article.id,
        anchor_key=anchor_key or "",
        user_id=user.id,
        user_name=user.name,
        body=text,
        created_at=now or utcnow(),
    )
    session.add(note)
    session.flush()
    return note


def _note(session: Session, user: StaffUser | None, note_id: int) -> tuple[StaffUser, ReviewNote]:
    note = session.get(ReviewNote, note_id) if as_id(note_id) else None
    if note is None:
        raise PermissionDenied("That note no longer exists.")
    user, _ = editable_article(session, user, note.article_id)  # anyone who may edit the article
    return user, note


def reply(session: Session, *, user: StaffUser | None, note_id: int, body: str, now: datetime | None = None) -> ReviewNote:
    user, note = _note(session, user, note_id)
    root = (session.get(ReviewNote, note.parent_id) if note.parent_id else None) or note
    row = ReviewNote(
        article_id=root.article_id,
        parent_id=root.id,
        anchor_key=root.anchor_key,
        user_id=user.id,
        user_name=user.name,
        body=_body(body),
        created_at=now or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def resolve(session: Session, *, user: StaffUser | None, note_id: int, now: datetime | None = None) -> ReviewNote:
    """Mark a note resolved; it stays in the history with who resolved it and when."""
    user, note = _note(session, user, note_id)
    if note.parent_id is not None:
        raise EditValidationError({"note": "Resolve the note, not a reply."})
    if note.resolved_at is None:
        note.resolved_at, note.resolved_by = now or utcnow(), user.name
        session.add(note)
        session.flush()
    return note


def notes_for(session: Session, *, user: StaffUser | None, article_id: int) -> list[NoteView]:
    """Open notes first (in the order of the body), then resolved ones, newest first."""
    _, article = editable_article(session, user, article_id)
    anchors = _anchors(session, article.id)
    order = {key: i for i, key in enumerate(anchors)}
    rows = session.exec(
        select(ReviewNote).where(ReviewNote.article_id == article.id).order_by(col(ReviewNote.created_at), col(ReviewNote.id))
    ).all()
    replies: dict[int, list[tuple[str, str, str]]] = {}
    for r in rows:
        if r.parent_id is not None:
            replies.setdefault(r.parent_id, []).append((r.user_name, exact_label(r.created_at), r.body))
    views = [
        NoteView(
            id=r.id,
            anchor_key=r.anchor_key,
            anchor_label="Whole article" if not r.anchor_key else anchors.get(r.anchor_key, "A part since removed"),
            by=r.user_name,
            at_label=exact_label(r.created_at),
            body=r.body,
            resolved=r.resolved_at is not None,
            resolved_label=f"Resolved by {r.resolved_by}, {exact_label(r.resolved_at)}" if r.resolved_at else "",
            replies=replies.get(r.id, []),
        )
        for r in rows
        if r.parent_id is None
    ]
    open_notes = sorted((v for v in views if not v.resolved), key=lambda v: (order.get(v.anchor_key, -1), v.id))
    done = sorted((v for v in views if v.resolved), key=lambda v: -v.id)
    return open_notes + done
