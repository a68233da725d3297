"""The article editor's newsletter panel: audience, email preview (HTML and
plain text), a test send to the signed-in editor, "Send as newsletter" and
"Publish and send".

The article is the one open in ``ArticleEditorState`` (its saved version);
every rule (editors only, published articles only, one send per article) is
checked by ``services/newsletter/sends.py`` from the server-side session.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.common.text import exact_label
from artisan_app.services.newsletter import sends
from artisan_app.services.newsletter.sends import NewsletterError
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom.auth import StaffGuard, staff_action

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


class NewsletterPanelState(StaffGuard, rx.State):
    audience: int = 0
    allowed: bool = False
    sent_before: str = ""
    preview_open: bool = False
    preview_subject: str = ""
    preview_html: str = ""
    preview_text: str = ""
    confirming: bool = False
    message: str = ""
    error: str = ""

    async def _article(self) -> tuple[int, str]:
        editor = await self.get_state(ArticleEditorState)
        return editor.form.id, editor.form.phase  # "published" only once live (not scheduled)

    def _fail(self, exc: Exception) -> None:
        self.error = exc.message if isinstance(exc, NewsletterError) else str(exc)
        self.message, self.confirming = "", False

    @rx.event
    async def load_panel(self):
        user = await self._staff()
        article_id, _ = await self._article()
        self.allowed = bool(user and user.can_publish)
        self.message, self.error, self.confirming, self.preview_open = "", "", False, False
        if not (article_id and self.allowed):
            self.audience, self.sent_before = 0, ""
            return
        try:
            with db.session_scope() as session:
                self.audience = sends.audience_count(session, user=user, article_id=article_id)
                before = sends.previous_send(session, article_id)
                self.sent_before = exact_label(before.created_at) if before else ""
        except PermissionDenied as exc:
            self._fail(exc)

    @rx.event
    async def toggle_preview(self):
        if self.preview_open:
            self.preview_open = False
            return
        user = await self._staff()
        article_id, _ = await self._article()
        try:
            with db.session_scope() as session:
                sends.audience_count(session, user=user, article_id=article_id)  # editors only
                rendered = sends.render_article(session, article_id)
        except (PermissionDenied, NewsletterError) as exc:
            self._fail(exc)
            return
        mail = sends.newsletter_mail(rendered, email="", key="preview")
        self.preview_subject, self.preview_html, self.preview_text = mail.subject, mail.html, mail.text
        self.preview_open, self.error = True, ""

    @rx.event
    @staff_action(NewsletterError, report="_fail")
    async def send_test(self, user: StaffUser | None):
        from artisan_app.jobs import tasks

        article_id, _ = await self._article()
        with db.session_scope() as session:
            to = sends.staff_email(session, user=user)
            sends.render_article(session, article_id)  # fails early when it cannot be rendered
        tasks.send_test(article_id, to)
        self.message, self.error = f"Test email queued for {to}.", ""

    @rx.event
    async def ask_send(self):
        await self.load_panel()
        if not self.error:
            self.confirming = True

    @rx.event
    def cancel_send(self):
        self.confirming = False

    @staff_action(NewsletterError, report="_fail")
    async def _queue(self, user: StaffUser | None) -> None:
        from artisan_app.jobs import tasks

        article_id, _ = await self._article()
        with db.session_scope() as session:
            newsletter_id = sends.queue_send(session, user=user, article_id=article_id)
            audience = sends.audience_count(session, user=user, article_id=article_id)
        tasks.send_newsletter(newsletter_id)
        self.confirming, self.error = False, ""
        self.message = f"Queued for {audience:,} subscribers. Follow its progress on the Newsletter page."
        await self._reload_keeping_message()

    async def _reload_keeping_message(self) -> None:
        message = self.message
        await self.load_panel()  # type: ignore[operator]
        self.message = message

    @rx.event
    async def send_now(self):
        await self._queue()

    @rx.event
    async def publish_and_send(self):
        """Publish (as the editor's own Publish button does), then queue the send."""
        editor = await self.get_state(ArticleEditorState)
        events = await editor.publish_now()  # (a first save's new URL among them)
        if editor.form.phase != "published":
            self.error = editor.message or "The article could not be published."
            self.confirming = False
            return events
        await self._queue()
        return events
