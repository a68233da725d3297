"""What ``ArticleEditorState`` gives the mixins it is made of (``editor_body``,
``state.editor.revisions``, ``editor_workflow``, ``editor_craft``), for the type checker.

At run time the mixins derive from ``rx.State`` directly; a type checker sees them
derive from ``EditorHost``, which declares the vars and helpers they use from the
state that mixes them in (and from each other).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import reflex as rx

if TYPE_CHECKING:
    from artisan_app.services.accounts.auth import StaffUser
    from artisan_app.services.editorial.forms import ArticleForm

    class EditorHost(rx.State):
        form: ArticleForm
        errors: dict[str, str]
        dirty: bool
        conflict: ArticleForm | None
        _restored_note: str

        async def _staff(self, *, active: bool = True) -> StaffUser | None: ...
        def _changed(self, form: ArticleForm, note: str = "") -> AsyncIterator[Any]: ...
        def _forget_error(self, key: str) -> None: ...
        async def _save(self, *, note: str = "", force: bool = False, autosave: bool = False) -> list: ...
        async def _workflow(self, action: Any, success: str, **kwargs: Any) -> list: ...
else:
    EditorHost = rx.State
