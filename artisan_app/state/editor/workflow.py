"""Publishing steps and the cover image in the article editor (a mixin of ArticleEditorState).

Each step saves the editor's changes first, then asks the workflow service,
which checks the role and the stored article itself.
"""

from __future__ import annotations

import json
from dataclasses import replace

import reflex as rx
from reflex.event import EventSpec

from artisan_app.core import db
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.common.newsroom_time import parse_local
from artisan_app.services.editorial import forms, media, revisions, workflow
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial.blocks import PlacementError, end_of_last_section, insert_block, insertion_point, parse_spot
from artisan_app.services.editorial.forms import EditValidationError
from artisan_app.services.media.checks import ImageRejected
from artisan_app.state.editor.body import _text
from artisan_app.state.editor.mixin_base import EditorHost


def focus_when_shown(element_id: str) -> EventSpec:
    """Focus an element once the next render shows it (tries for about a second)."""
    return rx.call_script(f"window.artisanEditorFocus.whenShown({json.dumps(element_id)})")  # render/js/editor_format.js


class EditorWorkflowMixin(EditorHost, mixin=True):
    """Needs ``form``, ``errors``, ``message``, ``_save``, ``_changed`` and ``_staff`` from the state."""

    # Where the next uploaded image goes while the image picker is open: "section:index" (0-based,
    # before the block now at index); "" puts it at the end of the last section.
    image_at: str = ""

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
                self.revisions = revisions.list_revisions(session, user=user, article_id=self.form.id)
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
        # Content checks (state/editor/review.py) ask once the hard publishing checks pass.
        if self.failing_checks and self.confirming != "publish" and not forms.publish_errors(forms.clean_form(self.form)):
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
        events = await self._workflow(workflow.publish, "", at=at)
        if self.form.phase == "scheduled" and not self.errors:
            self.message = f"Scheduled for {self.form.schedule_label}."
        return events

    @rx.event
    async def cancel_schedule(self):
        return await self._workflow(workflow.cancel_schedule, "Schedule cancelled. The article is a draft again.")

    @rx.event
    def ask(self, what: str):
        self.confirming = what if what in ("unpublish", "publish", "skip_review") else ""

    @rx.event
    async def unpublish(self):
        return await self._workflow(workflow.unpublish, "Unpublished. Readers no longer see it; its address is kept.")

    @rx.event
    async def submit_review(self):
        return await self._workflow(workflow.submit_for_review, "Submitted to the editors for review.")

    @rx.event
    def toggle_panel(self):
        self.panel_open = not self.panel_open

    # --- cover image ---------------------------------------------------------------------

    async def _upload(self, files, error_key: str):
        """(Image id, ref) of an upload through services/media, or None (message/error set).
        Authorised in the service, not by the page: ``/_upload`` reaches handlers directly."""
        user = await self._staff()
        if user is None or not self.form.id:
            self.message = (
                "Your session has ended. Please sign in again." if user is None else "Save the draft before adding an image."
            )
            return None
        upload = files[0] if isinstance(files, list) and files else None
        if upload is None or not hasattr(upload, "read"):
            return None
        data = await upload.read(media.MAX_BYTES + 1)
        try:
            with db.session_scope() as session:
                return media.upload_image(
                    session, user=user, article_id=self.form.id, data=data, filename=str(getattr(upload, "name", "") or "")
                )
        except PermissionDenied as exc:
            self.message = str(exc)
        except ImageRejected as exc:
            self.errors = {**self.errors, error_key: str(exc)}
        return None

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        """The cover, by file picker or drag and drop: renditions and crops made once, here."""
        uploaded = await self._upload(files, "cover")
        if uploaded is None:
            return
        image_id, ref = uploaded
        self._forget_error("cover")
        form = replace(
            self.form,
            cover_image="",
            cover_image_id=image_id,
            cover_preview=media.preview_url(ref),
            cover_focal=f"{ref.focal_x:g},{ref.focal_y:g}",
        )
        async for event in self._changed(form):
            yield event

    @rx.event
    async def set_cover_focal(self, value: str):
        """A click on the cover (or "x,y" typed): the crops for cards and the social image follow."""
        value = _text(value, 40)
        self.form = replace(self.form, cover_focal=value)
        user = await self._staff()
        if user is None or not self.form.cover_image_id:
            return
        try:
            with db.session_scope() as session:
                ref = media.move_focal_point(
                    session, user=user, article_id=self.form.id, image_id=self.form.cover_image_id, value=value
                )
        except (PermissionDenied, ImageRejected) as exc:
            self.errors = {**self.errors, "cover_focal": str(exc)}
            return
        if ref is not None:
            self._forget_error("cover_focal")
            self.message = f"Focal point set: crops keep the point {ref.focal_x:g}, {ref.focal_y:g}."

    @rx.event
    async def choose_image_spot(self, i: int, j: int):
        """ "+ Image" at the end of a section or "Image below" a block: the picker opens for that place."""
        if await self._staff() is None:
            self.message = "Your session has ended. Please sign in again."
            return
        try:
            i, j = insertion_point(self.form, i, j)
        except PlacementError as exc:
            self.errors = {**self.errors, "image": str(exc)}
            return
        self._forget_error("image")
        self.image_at = f"{i}:{j}"
        return focus_when_shown("image-choose")

    @rx.var
    def image_spot_label(self) -> str:
        """Where the open image picker puts the picture, in the editor's words."""
        spot = parse_spot(self.image_at)
        if spot is None or not 0 <= spot[0] < len(self.form.sections):
            return ""
        (i, j), count = spot, len(self.form.sections[spot[0]].blocks)
        if j >= count:
            return f"Add an image at the end of section {i + 1}"
        return f"Add an image at the start of section {i + 1}" if j == 0 else f"Add an image to section {i + 1}, after block {j}"

    @rx.event
    def cancel_image_spot(self):
        self.image_at = ""

    @rx.event
    async def add_image(self, files: list[rx.UploadFile]):
        """An image block where the editor chose ("+ Image" / "Image below"), else at the end of the
        last section; keyboard focus goes to its alt text, which is required."""
        spot = parse_spot(self.image_at)
        try:
            place = insertion_point(self.form, *spot) if spot else end_of_last_section(self.form)
        except PlacementError as exc:
            self.errors, self.image_at = {**self.errors, "image": str(exc)}, ""
            return
        uploaded = await self._upload(files, "image")
        if uploaded is None:
            return
        self._forget_error("image")
        form = insert_block(self.form, *place, media.image_block(*uploaded))
        self.image_at = ""
        yield focus_when_shown(f"alt-{place[0] + 1}-{place[1] + 1}")
        async for event in self._changed(form):
            yield event

    @rx.event
    async def remove_cover(self):
        if self.form.cover_image or self.form.cover_image_id:
            async for event in self._changed(
                replace(self.form, cover_image="", cover_alt="", cover_image_id=0, cover_preview="", cover_focal="")
            ):
                yield event
