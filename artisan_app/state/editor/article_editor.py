"""``/editor/article/[id]``: the article editor's state (loading, saving, preview).

Every handler resolves who is calling from the server-side session (``staff_action``,
``_staff()``); the editorial service decides, the UI's hidden buttons are a convenience.
Body editing, revisions, and workflow with the cover upload are mixins
(``editor_body``, ``state.editor.revisions``, ``editor_workflow``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import replace
from datetime import UTC
from typing import Any

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from artisan_app import models, render
from artisan_app.core import db, routes
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles.views import ArticleDetail
from artisan_app.services.common.newsroom_time import clock_label, zone_name
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import revisions, saving
from artisan_app.services.editorial.forms import ArticleForm, EditConflict, EditValidationError
from artisan_app.services.editorial.media import parse_focal
from artisan_app.state.editor.body import EditorBodyMixin, _text
from artisan_app.state.editor.review import EditorCraftMixin
from artisan_app.state.editor.revisions import EditorRevisionsMixin
from artisan_app.state.editor.workflow import EditorWorkflowMixin
from artisan_app.state.newsroom.auth import StaffGuard, staff_action
from artisan_app.state.support.resilience import client_connected

HEARTBEAT_SECONDS = 15.0
WATCH_LIMIT_SECONDS = 4 * 60 * 60
DIRTY_FALSE = "window.__artisanDirty = false"
DIRTY_TRUE = "window.__artisanDirty = true"
UNSAVED_LIVE = "Unsaved changes — choose Update to publish them"
# Where each error key's field is, for the error summary's links.
ERROR_TARGETS = {
    "category": "ed-category_slug",
    "author": "ed-author_slug",
    "sections": "body-editor",
    "body": "body-editor",
    "schedule": "schedule-at",
    "cover": "cover-upload",
    "cover_focal": "cover_focal",
    "image": "image-upload",
}
FIELDS = {"kicker", "headline", "excerpt", "slug", "category_slug", "author_slug", "tags", "cover_alt"}


class ArticleEditorState(EditorBodyMixin, EditorRevisionsMixin, EditorWorkflowMixin, EditorCraftMixin, StaffGuard, rx.State):
    """Edit, preview, save, publish, schedule; revisions and presence."""

    form: ArticleForm = ArticleForm()
    errors: dict[str, str] = {}
    message: str = ""
    save_status: str = ""
    saved_at_ms: int = 0  # when the last save landed (the page says "just now", then the time)
    saved_clock: str = ""
    dirty: bool = False
    loaded: bool = False
    missing: bool = False
    can_publish: bool = False
    categories: list[tuple[str, str]] = []
    authors: list[tuple[str, str]] = []
    preview_mode: bool = False
    preview_article: ArticleDetail | None = None
    preview_html: str = ""  # render.article: exactly the reader's markup
    # Concurrent editing: someone saved first; both versions are kept until the editor chooses.
    conflict: ArticleForm | None = None
    conflict_by: str = ""
    conflict_at: str = ""
    others_editing: list[str] = []
    schedule_at: str = ""  # "YYYY-MM-DDTHH:MM" in the newsroom's time zone, from a datetime-local input
    tz_name: str = ""
    confirming: str = ""  # "unpublish" while the editor is asked to confirm
    panel_open: bool = False  # small screens: the publishing bar's extra options

    _watching: int = 0
    _skipped: list[str] = []
    _just_created: int = 0

    @rx.var
    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the field, message) for every problem, in the order of the page."""
        return [(ERROR_TARGETS.get(k, k if "-" in k else f"ed-{k}"), v) for k, v in self.errors.items()]

    def _focal(self, index: int) -> str:
        point = parse_focal(self.form.cover_focal)
        return f"{(point[index] if point else 0.5) * 100:.1f}%"

    @rx.var
    def focal_left(self) -> str:
        """Where the focal point's dot sits on the cover preview (CSS left/top)."""
        return self._focal(0)

    @rx.var
    def focal_top(self) -> str:
        return self._focal(1)

    # --- loading -------------------------------------------------------------------------

    def _route_id(self) -> str:
        parts = [p for p in self.router.url.path.split("/") if p]
        return parts[2] if len(parts) == 3 and parts[:2] == ["editor", "article"] else ""

    @rx.event
    async def load_editor(self):
        if self._just_created and self._route_id() == str(self._just_created) == str(self.form.id):
            self._just_created = 0  # our own redirect from /new after the first save: keep what is typed
            return ArticleEditorState.watch_presence
        self._just_created = 0
        user = await self._staff()
        self.errors, self.message, self.conflict, self.comparison, self.preview_mode = {}, "", None, None, False
        self.missing, self.loaded, self.confirming, self.panel_open, self._skipped = False, False, "", False, []
        self.tz_name, self._restored_note, self.image_at = zone_name(), "", ""
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
        self.save_status, self.saved_at_ms, self.dirty, self.loaded = "", 0, False, True
        await self._refresh_side(user)
        return [rx.call_script(DIRTY_FALSE), ArticleEditorState.watch_presence]

    async def _refresh_side(self, user: StaffUser | None) -> None:
        if not self.form.id:
            self.revisions, self.others_editing = [], []
            return
        try:
            with db.session_scope() as session:
                self.others_editing = ed.touch_presence(session, user=user, article_id=self.form.id)
                self.revisions = revisions.list_revisions(session, user=user, article_id=self.form.id)
        except PermissionDenied:
            self.revisions, self.others_editing = [], []
        await self._refresh_craft(user)

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

    # --- editing (a draft autosaves every change; a live article waits for "Update") --------

    def _forget_error(self, key: str) -> None:
        if key in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != key}

    def _is_public(self) -> bool:
        return self.form.status == models.ArticleStatus.published.value

    async def _changed(self, form: ArticleForm, note: str = ""):
        """Take the edited form; autosave a draft ("Saving…" first), or mark a live one unsaved."""
        self.form, self.dirty = form, True
        self._forget_error("sections")
        if self.preview_mode:
            await self._build_preview()
        if self._is_public():
            self.save_status, self.saved_at_ms = UNSAVED_LIVE, 0
            yield rx.call_script(DIRTY_TRUE)
            return
        self.save_status, self.saved_at_ms = "Saving…", 0
        yield
        for event in await self._save(note=note, autosave=not note):
            yield event

    @rx.event
    async def set_field(self, name: str, value: str):
        if not isinstance(name, str) or name not in FIELDS or (name == "slug" and self.form.slug_locked):
            return
        self._forget_error({"category_slug": "category", "author_slug": "author"}.get(name, name))
        change: dict[str, Any] = {name: _text(value)}
        form = replace(self.form, **change)
        if name == "slug":  # typed by hand: it no longer follows the headline (cleared: it does again)
            form = replace(form, slug_custom=bool(form.slug.strip()))
        async for event in self._changed(form):
            yield event

    # --- saving -------------------------------------------------------------------------

    async def _save(self, *, note: str = "", force: bool = False, autosave: bool = False) -> list:
        """Save the form; the events to send back (a new article's URL, the unsaved-changes flag)."""
        user = await self._staff()
        try:
            with db.session_scope() as session:
                result = saving.save_article(session, user=user, form=self.form, note=note, force=force, autosave=autosave)
                saved = ed.load_form(session, user=user, article_id=result.article_id)
        except EditValidationError as exc:
            self.errors = exc.errors
            self.save_status, self.saved_at_ms = (
                (
                    "Not updated — fix the problems listed above. Readers still see the last version."
                    if self._is_public()
                    else "Not saved — fix the problems listed above"
                ),
                0,
            )
            return []
        except EditConflict as exc:
            self.conflict, self.conflict_by = exc.theirs, exc.by
            self.conflict_at = exc.at.astimezone(UTC).strftime("%H:%M UTC")
            self.save_status, self.saved_at_ms = "Not saved — someone else saved first", 0
            return []
        except PermissionDenied as exc:
            self.message, self.save_status, self.saved_at_ms = str(exc), "Not saved", 0
            return []
        new = not self.form.id
        # Keep what the editor is typing; take identity, version, slug and workflow from the save.
        self.form = replace(
            self.form,
            id=saved.id,
            version=saved.version,
            slug=saved.slug,
            slug_locked=saved.slug_locked,
            slug_custom=saved.slug_custom,
            status=saved.status,
            published_at_iso=saved.published_at_iso,
            phase=saved.phase,
            schedule_label=saved.schedule_label,
        )
        kept = {k: v for k, v in self.errors.items() if k not in self._skipped}
        self.errors, self._skipped = {**kept, **result.skipped}, list(result.skipped)
        self.conflict, self.dirty, self._restored_note = None, bool(result.skipped), ""
        self.saved_at_ms, self.saved_clock = int(result.saved_at.timestamp() * 1000), clock_label(result.saved_at)
        count = len(result.skipped)
        self.save_status = f"{count} field{'s' if count > 1 else ''} not saved — fix the problems listed above" if count else ""
        if result.review_notice:  # e.g. an approved article changed: back in review
            self.message = result.review_notice
        await self._refresh_side(user)
        events = [rx.call_script(DIRTY_TRUE if result.skipped else DIRTY_FALSE)]
        if new:
            # Give the article its own URL through the router (replacing /new in the history), so a
            # reload opens this article; load_editor keeps the form as it is for this one navigation.
            self._just_created = saved.id
            events.append(rx.redirect(routes.editor_article_url(saved.id), replace=True))
        return events

    @rx.event
    async def save(self):
        """ "Save draft", or "Update" on a live or scheduled article (all publishing checks apply)."""
        note = self._restored_note or ("Updated" if self._is_public() else "Saved")
        self.save_status, self.saved_at_ms = "Saving…", 0
        yield
        events = await self._save(note=note)
        if self._is_public() and not self.dirty and not self.errors:
            self.message = "Updated. Readers see this version now." if self.form.phase == "published" else "Updated."
        for event in events:
            yield event

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

    # --- preview -------------------------------------------------------------------------

    def _no_preview(self, exc: Exception) -> None:
        self.preview_article, self.preview_html, self.preview_mode = None, "", False

    @staff_action(report="_no_preview")
    async def _build_preview(self, user: StaffUser | None) -> None:
        with db.session_scope() as session:
            self.preview_article = ed.preview(session, user=user, form=self.form)
        self.preview_html = render.article(self.preview_article) if self.preview_article else ""

    @rx.event
    async def toggle_preview(self):
        self.preview_mode = not self.preview_mode
        if self.preview_mode:
            await self._build_preview()
