"""Publishing steps and the cover image in the article editor (a mixin of ArticleEditorState).

Each step saves the editor's changes first, then asks the workflow service,
which checks the role and the stored article itself.
"""

from __future__ import annotations

from dataclasses import replace

import reflex as rx

from artisan_app import db
from artisan_app.services import editorial as ed
from artisan_app.services.auth import PermissionDenied
from artisan_app.services.editorial import EditValidationError
from artisan_app.services.images import ImageRejected, store_image
from artisan_app.services.newsroom_time import parse_local
from artisan_app.state.editor_body import _text


class EditorWorkflowMixin(rx.State, mixin=True):
    """Needs ``form``, ``errors``, ``message``, ``_save``, ``_changed`` and ``_staff`` from the state."""

    # --- workflow -----------------------------------------------------------------------

    async def _workflow(self, action, success: str, **kwargs) -> list:
        events: list = []
        if self.dirty or not self.form.id:
            events = await self._save(note=self._restored_note or "Saved")
            if self.dirty or not self.form.id or self.conflict is not None:
                return events
        user = await self._staff()
        try:
            with db.session_scope() as session:
                action(session, user=user, article_id=self.form.id, **kwargs)
                saved = ed.load_form(session, user=user, article_id=self.form.id)
                self.revisions = ed.list_revisions(session, user=user, article_id=self.form.id)
        except EditValidationError as exc:
            self.errors = exc.errors
            self.message = "Fix the problems listed above first."
            return events
        except PermissionDenied as exc:
            self.message = str(exc)
            return events
        self.form, self.confirming = saved, ""
        self.errors, self.message = {}, success
        return events

    @rx.event
    async def publish_now(self):
        # Content checks (state/editor_craft.py) ask once the hard publishing checks pass.
        if self.failing_checks and self.confirming != "publish" and not ed.publish_errors(ed.clean_form(self.form)):
            self.confirming = "publish"
            self.message = "Some content checks fail. Choose “Publish anyway” to publish all the same."
            return
        return await self._publish()

    @rx.event
    async def schedule(self, form_data: dict):
        raw = _text((form_data or {}).get("schedule_at", "") if isinstance(form_data, dict) else "", 40)
        self.schedule_at = raw
        self._forget_error("schedule")
        at = parse_local(raw)
        if at is None:
            self.errors = {**self.errors, "schedule": "Choose a date and time."}
            return
        events = await self._workflow(ed.publish, "", at=at)
        if self.form.phase == "scheduled" and not self.errors:
            self.message = f"Scheduled for {self.form.schedule_label}."
        return events

    @rx.event
    async def cancel_schedule(self):
        return await self._workflow(ed.cancel_schedule, "Schedule cancelled. The article is a draft again.")

    @rx.event
    def ask(self, what: str):
        self.confirming = what if what in ("unpublish", "publish") else ""

    @rx.event
    async def unpublish(self):
        return await self._workflow(ed.unpublish, "Unpublished. Readers no longer see it; its address is kept.")

    @rx.event
    async def submit_review(self):
        return await self._workflow(ed.submit_for_review, "Submitted to the editors for review.")

    @rx.event
    def toggle_panel(self):
        self.panel_open = not self.panel_open

    # --- cover image ---------------------------------------------------------------------

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        """Authorised here, not by the page: ``/_upload`` reaches this handler directly."""
        user = await self._staff()
        if user is None or not self.form.id:
            self.message = "Your session has ended. Please sign in again." if user is None else \
                "Save the draft before adding a cover image."
            return
        try:
            with db.session_scope() as session:
                ed.load_form(session, user=user, article_id=self.form.id)  # may this user edit it?
        except PermissionDenied as exc:
            self.message = str(exc)
            return
        upload = files[0] if isinstance(files, list) and files else None
        if not hasattr(upload, "read"):
            return
        data = await upload.read(8 * 1024 * 1024 + 1)
        try:
            names = store_image(data, directory=rx.get_upload_dir(), prefix=f"cover-{self.form.id}")
        except ImageRejected as exc:
            self.errors = {**self.errors, "cover": str(exc)}
            return
        self._forget_error("cover")
        async for event in self._changed(replace(self.form, cover_image=f"/_upload/{names[1600]}")):
            yield event

    @rx.event
    async def remove_cover(self):
        if self.form.cover_image:
            async for event in self._changed(replace(self.form, cover_image="", cover_alt="")):
                yield event
