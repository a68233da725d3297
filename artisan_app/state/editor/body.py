"""The article editor's body handlers: sections and blocks (a mixin of ArticleEditorState).

Reordering moves keyboard focus with the moved section or block, so a second
press moves the same one again instead of swapping it back.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, TypeGuard

import reflex as rx
from reflex.event import EventSpec

from artisan_app.models import BlockKind
from artisan_app.services.editorial import forms
from artisan_app.services.editorial.authoring import new_key
from artisan_app.services.editorial.blocks import move_block as moved_block
from artisan_app.services.editorial.forms import BlockForm, SectionForm
from artisan_app.state.editor.mixin_base import EditorHost

TYPED_KINDS = tuple(k.value for k in BlockKind if k is not BlockKind.image)


def _text(value: object, limit: int = 20_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def focus_script(prefix: str, step: int) -> EventSpec:
    """Focus the moved item's button in the same direction, or the other one at the end of the list."""
    first, second = ("down", "up") if step > 0 else ("up", "down")
    ids = json.dumps(f"{prefix}-{first}"), json.dumps(f"{prefix}-{second}")
    return rx.call_script(f"window.artisanEditorFocus.moved({ids[0]}, {ids[1]})")  # render/js/editor_format.js


class EditorBodyMixin(EditorHost, mixin=True):
    """Needs ``form``, ``_changed`` and ``_forget_error`` from the state it is mixed into."""

    def _sections(self) -> list[SectionForm]:
        return list(self.form.sections)

    def _valid_section(self, i: object) -> TypeGuard[int]:
        return isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(self.form.sections)

    def _valid_block(self, i: object, j: object) -> bool:
        return (
            self._valid_section(i)
            and isinstance(j, int)
            and not isinstance(j, bool)
            and 0 <= j < len(self.form.sections[i].blocks)
        )

    @rx.event
    async def set_heading(self, i: int, value: str):
        if self._valid_section(i):
            sections = self._sections()
            # The layout numbers sections: a typed "1. " would print as "1. 1. …".
            sections[i] = replace(sections[i], heading=forms.strip_section_number(_text(value)))
            self._forget_error(f"heading-{i + 1}")
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def set_block(self, i: int, j: int, key: str, value: str):
        if self._valid_block(i, j) and key in ("text", "attribution", "alt"):
            sections = self._sections()
            blocks = list(sections[i].blocks)
            change: dict[str, Any] = {key: _text(value)}
            blocks[j] = replace(blocks[j], **change)
            sections[i] = replace(sections[i], blocks=blocks)
            self._forget_error(f"{ {'text': 'block', 'attribution': 'attr'}.get(key, key) }-{i + 1}-{j + 1}")
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def set_block_wide(self, i: int, j: int, value: bool):
        if self._valid_block(i, j) and isinstance(value, bool):
            sections = self._sections()
            blocks = list(sections[i].blocks)
            blocks[j] = replace(blocks[j], wide=value)
            sections[i] = replace(sections[i], blocks=blocks)
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def add_section(self):
        if len(self.form.sections) < forms.MAX_SECTIONS:
            async for event in self._changed(
                replace(self.form, sections=[*self.form.sections, SectionForm(blocks=[BlockForm(key=new_key())], key=new_key())])
            ):
                yield event

    @rx.event
    async def remove_section(self, i: int):
        if self._valid_section(i) and len(self.form.sections) > 1:
            sections = self._sections()
            del sections[i]
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def move_section(self, i: int, step: int):
        if self._valid_section(i) and step in (-1, 1) and 0 <= i + step < len(self.form.sections):
            sections = self._sections()
            sections[i], sections[i + step] = sections[i + step], sections[i]
            yield focus_script(f"sec-{i + step + 1}", step)
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def add_block(self, i: int, kind: str):
        # Image blocks arrive by upload (add_image); every other kind can be added empty.
        if self._valid_section(i) and kind in TYPED_KINDS:
            sections = self._sections()
            if len(sections[i].blocks) < forms.MAX_BLOCKS:
                sections[i] = replace(sections[i], blocks=[*sections[i].blocks, BlockForm(kind=kind, key=new_key())])
                async for event in self._changed(replace(self.form, sections=sections)):
                    yield event

    @rx.event
    async def remove_block(self, i: int, j: int):
        if self._valid_block(i, j) and len(self.form.sections[i].blocks) > 1:
            sections = self._sections()
            blocks = list(sections[i].blocks)
            del blocks[j]
            sections[i] = replace(sections[i], blocks=blocks)
            async for event in self._changed(replace(self.form, sections=sections)):
                yield event

    @rx.event
    async def move_block(self, i: int, j: int, step: int):
        # The first block moved up joins the end of the previous section, the last moved down the next one.
        moved = moved_block(self.form, i, j, step)
        if moved is not None:
            form, (to_section, to_index) = moved
            yield focus_script(f"blk-{to_section + 1}-{to_index + 1}", step)
            async for event in self._changed(form):
                yield event
