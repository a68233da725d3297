"""Newsroom states: the article list and the article editor.

Every handler asks ``_staff()`` who is calling (server-side session) and lets
the editorial service decide; the UI's hidden buttons are a convenience only.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import replace
from datetime import datetime, timezone

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from artisan_app import db, routes
from artisan_app.models import BlockKind
from artisan_app.services import editorial as ed
from artisan_app.services.auth import PermissionDenied, StaffUser
from artisan_app.services.editorial import (
    ArticleForm,
    BlockForm,
    EditConflict,
    EditorRow,
    EditValidationError,
    RevisionRow,
    SectionForm,
)
from artisan_app.services.images import ImageRejected, store_image
from artisan_app.services.views import ArticleDetail
from artisan_app.state.auth import StaffGuard
from artisan_app.state.resilience import client_connected

HEARTBEAT_SECONDS = 15.0
WATCH_LIMIT_SECONDS = 4 * 60 * 60
DIRTY_FALSE = "window.__artisanDirty = false"
SIGN_IN_AGAIN = "Your session has ended. Please sign in again."


def _text(value: object, limit: int = 20_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


class NewsroomState(StaffGuard, rx.State):
    """``/editor``: the article list with filters and title search."""

    rows: list[EditorRow] = []
    has_more: bool = False
    status: str = ""
    category: str = ""
    author: str = ""
    query: str = ""
    categories: list[tuple[str, str]] = []
    authors: list[tuple[str, str]] = []
    can_publish: bool = False
    loaded: bool = False
    error: str = ""

    async def _reload(self, offset: int = 0) -> None:
        user = await self._staff()
        try:
            with db.session_scope() as session:
                rows, more = ed.list_articles(session, user=user, status=self.status, category_slug=self.category,
                                              author_slug=self.author, query=self.query, offset=offset)
                if offset == 0:
                    self.categories, self.authors = ed.options(session)
        except PermissionDenied:
            self.rows, self.has_more, self.error = [], False, SIGN_IN_AGAIN
            return
        self.rows = rows if offset == 0 else self.rows + rows
        self.has_more, self.error, self.loaded = more, "", True
        self.can_publish = bool(user and user.can_publish)

    @rx.event
    async def load_list(self):
        await self._reload()

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name in ("status", "category", "author", "query"):
            setattr(self, name, _text(value, 100))
            await self._reload()

    @rx.event
    async def load_more(self):
        if self.has_more:
            await self._reload(len(self.rows))


class ArticleEditorState(StaffGuard, rx.State):
    """``/editor/article/[id]``: edit, preview, save, publish, revisions."""

    form: ArticleForm = ArticleForm()
    errors: dict[str, str] = {}
    message: str = ""
    save_status: str = ""
    dirty: bool = False
    loaded: bool = False
    missing: bool = False
    can_publish: bool = False
    categories: list[tuple[str, str]] = []
    authors: list[tuple[str, str]] = []
    preview_mode: bool = False
    preview_article: ArticleDetail | None = None
    # Concurrent editing: someone saved first; both versions are kept until the editor chooses.
    conflict: ArticleForm | None = None
    conflict_by: str = ""
    conflict_at: str = ""
    others_editing: list[str] = []
    revisions: list[RevisionRow] = []
    diff_lines: list[str] = []
    diff_title: str = ""
    schedule_at: str = ""  # "YYYY-MM-DDTHH:MM" in UTC, from a datetime-local input

    _watching: int = 0

    # --- loading -------------------------------------------------------------------------

    def _route_id(self) -> str:
        parts = [p for p in self.router.url.path.split("/") if p]
        return parts[2] if len(parts) == 3 and parts[:2] == ["editor", "article"] else ""

    @rx.event
    async def load_editor(self):
        user = await self._staff()
        self.errors, self.message, self.conflict, self.diff_lines, self.preview_mode = {}, "", None, [], False
        self.missing, self.loaded = False, False
        raw = self._route_id()
        try:
            with db.session_scope() as session:
                self.categories, self.authors = ed.options(session)
                if raw == routes.NEW_ARTICLE:
                    self.form = ed.new_form(session, user=user)
                else:
                    self.form = ed.load_form(session, user=user, article_id=int(raw) if raw.isdigit() else -1)
        except PermissionDenied:
            self.missing, self.loaded = True, True
            return
        self.can_publish = bool(user and user.can_publish)
        self.save_status, self.dirty, self.loaded = "", False, True
        await self._refresh_side(user)
        return [rx.call_script(DIRTY_FALSE), ArticleEditorState.watch_presence]

    async def _refresh_side(self, user: StaffUser | None) -> None:
        if not self.form.id:
            self.revisions, self.others_editing = [], []
            return
        try:
            with db.session_scope() as session:
                self.others_editing = ed.touch_presence(session, user=user, article_id=self.form.id)
                self.revisions = ed.list_revisions(session, user=user, article_id=self.form.id)
        except PermissionDenied:
            self.revisions, self.others_editing = [], []

    @rx.event(background=True)
    async def watch_presence(self):
        """Heartbeat while this tab has the article open: keeps "who else is here" fresh."""
        async with self:
            article_id = self.form.id
            if not article_id or self._watching == article_id:
                return
            self._watching = article_id
            token = self.router.session.client_token
        deadline = time.monotonic() + WATCH_LIMIT_SECONDS
        user = None
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(HEARTBEAT_SECONDS)
                if not await client_connected(token):
                    break  # the tab is gone: stop announcing this editor
                async with self:
                    if self.form.id != article_id or self._watching != article_id:
                        break
                    user = await self._staff(active=False)  # a heartbeat keeps no session alive
                    if user is None:
                        break
                    try:
                        with db.session_scope() as session:
                            self.others_editing = ed.touch_presence(session, user=user, article_id=article_id)
                    except PermissionDenied:
                        break
        finally:
            if user is not None:
                with contextlib.suppress(SQLAlchemyError):  # (an outage: the entry expires by itself)
                    with db.session_scope() as session:
                        ed.leave_presence(session, user=user, article_id=article_id)
            async with self:
                if self._watching == article_id:
                    self._watching = 0

    # --- editing (every change autosaves a draft) ------------------------------------------

    async def _changed(self, form: ArticleForm):
        self.form, self.dirty = form, True
        self.errors = {k: v for k, v in self.errors.items() if k not in ("sections",)}
        if self.preview_mode:
            await self._build_preview()
        if self.form.status == ed.ArticleStatus.published.value:
            self.save_status = "Unsaved changes — choose Update to publish them"
            return
        return await self._save(note="Autosave")

    @rx.event
    async def set_field(self, name: str, value: str):
        if not isinstance(name, str) or name not in {"kicker", "headline", "excerpt", "slug", "category_slug",
                                                       "author_slug", "tags", "cover_alt"}:
            return
        if name == "slug" and self.form.slug_locked:
            return
        self.errors = {k: v for k, v in self.errors.items() if k != name}
        return await self._changed(replace(self.form, **{name: _text(value)}))

    def _sections(self) -> list[SectionForm]:
        return list(self.form.sections)

    def _valid_section(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i < len(self.form.sections)

    def _valid_block(self, i: object, j: object) -> bool:
        return self._valid_section(i) and isinstance(j, int) and 0 <= j < len(self.form.sections[i].blocks)

    @rx.event
    async def set_heading(self, i: int, value: str):
        if self._valid_section(i):
            sections = self._sections()
            sections[i] = replace(sections[i], heading=_text(value))
            return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def set_block(self, i: int, j: int, key: str, value: str):
        if self._valid_block(i, j) and key in ("text", "attribution"):
            sections = self._sections()
            blocks = list(sections[i].blocks)
            blocks[j] = replace(blocks[j], **{key: _text(value)})
            sections[i] = replace(sections[i], blocks=blocks)
            return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def add_section(self):
        if len(self.form.sections) < ed.MAX_SECTIONS:
            return await self._changed(replace(self.form, sections=[*self.form.sections, SectionForm()]))

    @rx.event
    async def remove_section(self, i: int):
        if self._valid_section(i) and len(self.form.sections) > 1:
            sections = self._sections()
            del sections[i]
            return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def move_section(self, i: int, step: int):
        if self._valid_section(i) and step in (-1, 1) and 0 <= i + step < len(self.form.sections):
            sections = self._sections()
            sections[i], sections[i + step] = sections[i + step], sections[i]
            return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def add_block(self, i: int, kind: str):
        if self._valid_section(i) and kind in (BlockKind.paragraph.value, BlockKind.quote.value):
            sections = self._sections()
            if len(sections[i].blocks) < ed.MAX_BLOCKS:
                sections[i] = replace(sections[i], blocks=[*sections[i].blocks, BlockForm(kind=kind)])
                return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def remove_block(self, i: int, j: int):
        if self._valid_block(i, j) and len(self.form.sections[i].blocks) > 1:
            sections = self._sections()
            blocks = list(sections[i].blocks)
            del blocks[j]
            sections[i] = replace(sections[i], blocks=blocks)
            return await self._changed(replace(self.form, sections=sections))

    @rx.event
    async def move_block(self, i: int, j: int, step: int):
        if self._valid_block(i, j) and step in (-1, 1) and 0 <= j + step < len(self.form.sections[i].blocks):
            sections = self._sections()
            blocks = list(sections[i].blocks)
            blocks[j], blocks[j + step] = blocks[j + step], blocks[j]
            sections[i] = replace(sections[i], blocks=blocks)
            return await self._changed(replace(self.form, sections=sections))

    # --- saving -------------------------------------------------------------------------

    async def _save(self, *, note: str = "", force: bool = False):
        user = await self._staff()
        self.save_status = "Saving…"
        try:
            with db.session_scope() as session:
                result = ed.save_article(session, user=user, form=self.form, note=note, force=force)
                saved = ed.load_form(session, user=user, article_id=result.article_id)
        except EditValidationError as exc:
            self.errors = exc.errors
            self.save_status = "Not saved — fix the highlighted fields"
            return
        except EditConflict as exc:
            self.conflict, self.conflict_by = exc.theirs, exc.by
            self.conflict_at = exc.at.astimezone(timezone.utc).strftime("%H:%M UTC")
            self.save_status = "Not saved — someone else saved first"
            return
        except PermissionDenied as exc:
            self.message, self.save_status = str(exc), "Not saved"
            return
        new = not self.form.id
        # Keep what the editor is typing; take identity, version and slug from the save.
        self.form = replace(self.form, id=saved.id, version=saved.version, slug=saved.slug,
                            slug_locked=saved.slug_locked, status=saved.status, published_at_iso=saved.published_at_iso)
        self.conflict, self.dirty = None, False
        self.save_status = f"Saved at {result.saved_at:%H:%M} UTC"
        await self._refresh_side(user)
        if new:
            # Give the draft its own URL without reloading the page (which would lose typing in flight).
            url = routes.editor_article_url(saved.id)
            return [rx.call_script(f"{DIRTY_FALSE}; window.history.replaceState(window.history.state, '', '{url}')"),
                    ArticleEditorState.watch_presence]
        return rx.call_script(DIRTY_FALSE)

    @rx.event
    async def save(self):
        return await self._save(note="Saved")

    @rx.event
    async def keep_mine(self):
        """After a conflict: save this editor's text over the other version, on purpose."""
        if self.conflict is not None:
            self.form = replace(self.form, version=self.conflict.version)
            return await self._save(note=f"Kept over {self.conflict_by}'s version", force=True)

    @rx.event
    async def take_theirs(self):
        if self.conflict is not None:
            self.form, self.conflict, self.dirty = self.conflict, None, False
            self.save_status = "Loaded the other version"
            return rx.call_script(DIRTY_FALSE)

    # --- workflow -----------------------------------------------------------------------

    async def _workflow(self, action, success: str, **kwargs):
        if self.dirty or not self.form.id:
            await self._save(note="Saved")
            if self.dirty or not self.form.id or self.conflict is not None:
                return
        user = await self._staff()
        try:
            with db.session_scope() as session:
                action(session, user=user, article_id=self.form.id, **kwargs)
                saved = ed.load_form(session, user=user, article_id=self.form.id)
        except EditValidationError as exc:
            self.errors = exc.errors
            self.message = "Fix the highlighted fields first."
            return
        except PermissionDenied as exc:
            self.message = str(exc)
            return
        self.form = saved
        self.errors, self.message = {}, success

    @rx.event
    async def publish_now(self):
        await self._workflow(ed.publish, "Published. It is live now.")

    @rx.event
    async def schedule(self, form_data: dict):
        raw = _text((form_data or {}).get("schedule_at", "") if isinstance(form_data, dict) else "", 40)
        self.schedule_at = raw
        try:
            at = datetime.fromisoformat(raw).replace(tzinfo=timezone.utc)
        except ValueError:
            self.errors = {"schedule": "Choose a date and time."}
            return
        await self._workflow(ed.publish, f"Scheduled for {at:%d %B %Y, %H:%M} UTC.", at=at)

    @rx.event
    async def unpublish(self):
        await self._workflow(ed.unpublish, "Unpublished. Readers no longer see it.")

    @rx.event
    async def submit_review(self):
        await self._workflow(ed.submit_for_review, "Submitted to the editors for review.")

    # --- preview -------------------------------------------------------------------------

    async def _build_preview(self) -> None:
        user = await self._staff()
        try:
            with db.session_scope() as session:
                self.preview_article = ed.preview(session, user=user, form=self.form)
        except PermissionDenied:
            self.preview_article, self.preview_mode = None, False

    @rx.event
    async def toggle_preview(self):
        self.preview_mode = not self.preview_mode
        if self.preview_mode:
            await self._build_preview()

    # --- revisions ----------------------------------------------------------------------

    @rx.event
    async def show_diff(self, revision_id: int):
        user = await self._staff()
        try:
            with db.session_scope() as session:
                self.diff_lines = ed.revision_diff(session, user=user, revision_id=revision_id)
        except PermissionDenied as exc:
            self.message = str(exc)
            return
        row = next((r for r in self.revisions if r.id == revision_id), None)
        self.diff_title = f"Changes since version {row.version}" if row else "Changes"
        if not self.diff_lines:
            self.diff_lines = ["No differences: this is the current text."]

    @rx.event
    async def restore(self, revision_id: int):
        user = await self._staff()
        try:
            with db.session_scope() as session:
                result = ed.restore_revision(session, user=user, revision_id=revision_id)
                self.form = ed.load_form(session, user=user, article_id=result.article_id)
        except (PermissionDenied, EditValidationError) as exc:
            self.message = str(exc)
            return
        except EditConflict:
            self.message = "Someone saved meanwhile; reload the article and try again."
            return
        self.diff_lines, self.dirty = [], False
        self.message = f"Restored as version {self.form.version}."
        await self._refresh_side(user)

    # --- cover image ---------------------------------------------------------------------

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        """Authorised here, not by the page: ``/_upload`` reaches this handler directly."""
        user = await self._staff()
        if user is None or not self.form.id:
            self.message = SIGN_IN_AGAIN if user is None else "Save the draft before adding a cover image."
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
        self.errors = {k: v for k, v in self.errors.items() if k != "cover"}
        return await self._changed(replace(self.form, cover_image=f"/_upload/{names[1600]}"))

    @rx.event
    async def remove_cover(self):
        if self.form.cover_image:
            return await self._changed(replace(self.form, cover_image="", cover_alt=""))
