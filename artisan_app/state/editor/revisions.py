"""Revisions in the article editor (a mixin of ArticleEditorState): compare a version
side by side with the text in the editor, then restore it as unsaved changes.

Restoring never makes anything public: a draft is saved as a new revision
("Restored version N"); a live or scheduled article changes only on "Update".
"""

from __future__ import annotations

from dataclasses import replace

import reflex as rx

from artisan_app import models
from artisan_app.core import db
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.editorial import revisions as editorial_revisions
from artisan_app.services.editorial.revisions import Comparison, RevisionRow
from artisan_app.state.editor.mixin_base import EditorHost
from artisan_app.state.newsroom.auth import staff_action

FOLD_AFTER = 5


class EditorRevisionsMixin(EditorHost, mixin=True):
    """Needs ``form``, ``_staff``, ``_changed`` and the status vars of the state it is mixed into."""

    revisions: list[RevisionRow] = []
    comparison: Comparison | None = None
    _restored_note: str = ""

    @rx.var
    def recent_revisions(self) -> list[RevisionRow]:
        return self.revisions[:FOLD_AFTER]

    @rx.var
    def older_revisions(self) -> list[RevisionRow]:
        return self.revisions[FOLD_AFTER:]

    def _refused(self, exc: Exception) -> None:
        self.message = str(exc)

    @rx.event
    @staff_action()
    async def show_diff(self, user: StaffUser | None, revision_id: int):
        with db.session_scope() as session:
            self.comparison = editorial_revisions.compare(session, user=user, revision_id=revision_id, current=self.form)
        return rx.call_script("window.artisanEditorFocus.heading('compare-title')")  # render/js/editor_format.js

    @rx.event
    def close_diff(self):
        self.comparison = None

    @rx.event
    @staff_action()
    async def restore(self, user: StaffUser | None, revision_id: int):
        """Bring the chosen version into the editor; nothing goes live."""
        with db.session_scope() as session:
            restored, version = editorial_revisions.revision_form(session, user=user, revision_id=revision_id)
        if restored.id != self.form.id:
            return
        restored = replace(restored, version=self.form.version)  # still detects someone else's save
        self.comparison = None
        self._restored_note = f"Restored version {version}"
        if restored.status == models.ArticleStatus.published.value:
            self.message = (
                f"Version {version} is in the editor as unsaved changes. Readers see the current version until you choose Update."
            )
        else:
            self.message = f"Version {version} is back in the editor."
        async for event in self._changed(restored, note=self._restored_note):
            yield event
