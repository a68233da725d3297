"""Editorial craft in the article editor (a mixin of ArticleEditorState): content checks as the
editor types, the review workflow with notes, the byline's co-authors, and corrections.

Every handler authorises through the services from the server-side session (``_staff``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles import coauthors, corrections
from artisan_app.services.articles.views import CorrectionView
from artisan_app.services.editorial import approval, review
from artisan_app.services.editorial import corrections as editor_corrections
from artisan_app.services.editorial.content_checks import Check, checks_for
from artisan_app.services.editorial.forms import EditValidationError
from artisan_app.services.editorial.review import NoteView
from artisan_app.services.editorial.status_history import MoveRow, history
from artisan_app.state.editor.body import _text
from artisan_app.state.editor.mixin_base import EditorHost
from artisan_app.state.newsroom.auth import staff_action

log = logging.getLogger("artisan.editor")


def _field(form_data: object, name: str, limit: int = 4000) -> str:
    return _text(form_data.get(name, ""), limit) if isinstance(form_data, dict) else ""


class EditorCraftMixin(EditorHost, mixin=True):
    """Needs ``form``, ``message``, ``confirming``, ``_workflow`` and ``_staff`` from the state."""

    notes: list[NoteView] = []
    moves: list[MoveRow] = []
    article_corrections: list[CorrectionView] = []
    byline_authors: list[tuple[str, str]] = []  # (slug, name) in byline order
    may_approve: bool = False
    # The signed-in editor is on the byline and nobody else has approved the article as it stands:
    # Publish is refused (an admin may still publish without review, recorded).
    needs_review: bool = False
    is_admin: bool = False
    craft_error: str = ""

    # --- content checks (pure functions of the form: they follow every keystroke that reaches the state)

    @rx.var
    def check_rows(self) -> list[Check]:
        return checks_for(self.form).checks

    @rx.var
    def check_summary(self) -> str:
        report = checks_for(self.form)
        return " · ".join(p for p in (f"{report.words:,} words", f"{report.minutes} min read", report.readability) if p)

    @rx.var
    def failing_checks(self) -> list[str]:
        return [f"{c.label}: {c.detail}" for c in checks_for(self.form).failing]

    @rx.var
    def note_anchors(self) -> list[tuple[str, str]]:
        """Where a note can point: the whole article, or a section or block by its stable key."""
        out = [("", "Whole article")]
        for i, s in enumerate(self.form.sections, start=1):
            if s.key:
                out.append((s.key, f"Section {i}: {s.heading or '(no heading)'}"))
            out += [(b.key, f"Section {i}, {b.kind} {j}") for j, b in enumerate(s.blocks, start=1) if b.key]
        return out

    # --- loading -----------------------------------------------------------------------------

    async def _refresh_craft(self, user: StaffUser | None) -> None:
        self.craft_error = ""
        if not self.form.id:
            self.notes, self.moves, self.article_corrections, self.byline_authors = [], [], [], []
            return
        try:
            with db.session_scope() as session:
                self.notes = review.notes_for(session, user=user, article_id=self.form.id)
                self.moves = history(session, self.form.id)
                self.article_corrections = corrections.corrections_of(session, self.form.id)
                self.byline_authors = [(a.slug, a.name) for a in coauthors.authors_of(session, self.form.id)]
                from artisan_app.models import Article, utcnow  # the row only to ask the rule

                article = session.get(Article, self.form.id)
                self.may_approve = bool(user and article and review.may_approve(session, user, article))
                self.needs_review = bool(
                    user and article and user.can_publish and not approval.may_publish(session, user, article, utcnow())
                )
                self.is_admin = bool(user and user.is_admin)
        except PermissionDenied:
            self.notes, self.moves, self.article_corrections, self.byline_authors = [], [], [], []

    def _craft_refused(self, exc: Exception) -> None:
        self.craft_error = str(exc)

    @staff_action(ValueError, report="_craft_refused", refused=False)
    async def _craft(self, user: StaffUser | None, action, **kwargs) -> bool:
        """Run a service call for this article; show its message on failure."""
        try:
            with db.session_scope() as session:
                action(session, user=user, **kwargs)
        except EditValidationError as exc:
            self.craft_error = next(iter(exc.errors.values()), str(exc))
            return False
        await self._refresh_craft(user)
        return True

    # --- review --------------------------------------------------------------------------------

    @rx.event
    async def add_note(self, form_data: dict):
        anchor = _field(form_data, "anchor", 32)
        if await self._craft(review.add_note, article_id=self.form.id, body=_field(form_data, "body"), anchor_key=anchor):
            self.message = "Note added."

    @rx.event
    async def reply_note(self, form_data: dict):
        raw = _field(form_data, "note_id", 12)
        if raw.isdigit() and await self._craft(review.reply, note_id=int(raw), body=_field(form_data, "body")):
            self.message = "Reply added."

    @rx.event
    async def resolve_note(self, note_id: int):
        if isinstance(note_id, int) and await self._craft(review.resolve, note_id=note_id):
            self.message = "Note resolved. It stays in the history."

    async def _notify(self, to_status: str) -> None:
        """Email the authors (job queue; SMTP or the outbox). Never stops the move itself."""
        user = await self._staff()
        try:
            from artisan_app.jobs import tasks

            tasks.send_review_notices(self.form.id, to_status, user.id if user else None)
        except Exception:  # noqa: BLE001 - the queue being down must not undo a publication
            log.exception("could not queue the review notice for article %s", self.form.id)

    @rx.event
    async def request_changes(self, form_data: dict):
        events = await self._workflow(
            review.request_changes, "Sent back to the authors for changes.", note=_field(form_data, "body")
        )
        await self._refresh_craft(await self._staff())
        if self.form.status == "changes" and not self.errors:
            await self._notify("changes")
        return events

    @rx.event
    async def approve(self):
        events = await self._workflow(review.approve, "Approved. Ready to publish or schedule.")
        await self._refresh_craft(await self._staff())
        return events

    async def _publish(self, without_review: bool = False) -> list:
        """The service decides (role, byline, approval), whatever the page showed."""
        events = await self._workflow(
            review.publish,
            "Published without review. The status history records it." if without_review else "Published. It is live now.",
            without_review=without_review,
        )
        await self._refresh_craft(await self._staff())
        if self.form.phase == "published" and not self.errors:
            await self._notify("published")
        return events

    @rx.event
    async def publish_without_review(self):
        """An admin publishes an article nobody off the byline approved (asked to confirm first)."""
        if self.confirming != "skip_review":
            self.confirming = "skip_review"
            return
        return await self._publish(without_review=True)

    @rx.event
    async def publish_anyway(self):
        """Publish although a content check fails (the editor confirmed)."""
        return await self._publish()

    # --- byline and corrections ----------------------------------------------------------------

    async def _set_byline(self, slugs: list[str]) -> None:
        if await self._craft(coauthors.set_authors, article_id=self.form.id, author_slugs=slugs):
            self.message = "Byline: " + " and ".join(name for _, name in self.byline_authors) + "."
            if self.byline_authors:  # the form's Author field is the first author: keep it in step
                self.form = replace(self.form, author_slug=self.byline_authors[0][0])

    @rx.event
    async def add_coauthor(self, form_data: dict):
        slug = _field(form_data, "author", 120)
        if slug:
            await self._set_byline([s for s, _ in self.byline_authors] + [slug])

    @rx.event
    async def remove_coauthor(self, slug: str):
        if isinstance(slug, str):
            await self._set_byline([s for s, _ in self.byline_authors if s != slug])

    @rx.event
    async def add_correction(self, form_data: dict):
        if await self._craft(
            editor_corrections.add_correction,
            article_id=self.form.id,
            kind=_field(form_data, "kind", 16),
            text=_field(form_data, "text"),
        ):
            self.message = "Added at the end of the article, dated today. It cannot be removed."
