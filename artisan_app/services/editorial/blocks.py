"""Where a block goes in the editor's form: inserted at any position of any section
("Image here" after a block, or at a section's end), or moved up and down, across
the border of its section when it is the first or last block.

Pure functions over ``ArticleForm``; the state handlers call them after checking
the signed-in user. Positions are 0-based: ``(section, index)`` with ``index``
from 0 (before the first block) to the section's length (after the last).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeGuard

from artisan_app.services.editorial.forms import MAX_BLOCKS, ArticleForm, BlockForm


class PlacementError(ValueError):
    """The place asked for does not exist (any more) or the section is full; the message says which."""


def _is_index(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def insertion_point(form: ArticleForm, section: object, index: object) -> tuple[int, int]:
    """(section, index) checked against the form, or PlacementError."""
    if not form.sections:
        raise PlacementError("Add a section first.")
    if not (_is_index(section) and 0 <= section < len(form.sections)):
        raise PlacementError("That section no longer exists. Choose where the image goes again.")
    blocks = form.sections[section].blocks
    if not (_is_index(index) and 0 <= index <= len(blocks)):
        raise PlacementError("That place in the section no longer exists. Choose where the image goes again.")
    if len(blocks) >= MAX_BLOCKS:
        raise PlacementError(f"Section {section + 1} already has {MAX_BLOCKS} blocks, the most a section can hold.")
    return section, index


def end_of_last_section(form: ArticleForm) -> tuple[int, int]:
    if not form.sections:
        raise PlacementError("Add a section first.")
    last = len(form.sections) - 1
    return insertion_point(form, last, len(form.sections[last].blocks))


def parse_spot(value: object) -> tuple[int, int] | None:
    """ "2:1" (what the editor keeps while the image picker is open) -> (2, 1); None otherwise."""
    try:
        section, index = (int(part) for part in str(value).split(":"))
    except (TypeError, ValueError):
        return None
    return section, index


def insert_block(form: ArticleForm, section: int, index: int, block: BlockForm) -> ArticleForm:
    """The form with ``block`` placed before the block now at ``index`` of ``section``."""
    section, index = insertion_point(form, section, index)
    sections = list(form.sections)
    blocks = list(sections[section].blocks)
    blocks.insert(index, block)
    sections[section] = replace(sections[section], blocks=blocks)
    return replace(form, sections=sections)


def move_target(form: ArticleForm, section: object, index: object, step: object) -> tuple[int, int] | None:
    """Where block (section, index) lands when moved one step (-1 up, +1 down), or None if it cannot move.

    Inside its section it swaps with its neighbour; the first block moved up goes to the end of the
    previous section and the last block moved down to the start of the next one, as long as the section
    it leaves keeps a block (every section has at least one) and the other has room.
    """
    if step not in (-1, 1) or isinstance(step, bool) or not _is_index(section) or not _is_index(index):
        return None
    if not (0 <= section < len(form.sections)) or not (0 <= index < len(form.sections[section].blocks)):
        return None
    count = len(form.sections[section].blocks)
    if 0 <= index + step < count:
        return section, index + step
    other = section + step
    if not (0 <= other < len(form.sections)) or count == 1 or len(form.sections[other].blocks) >= MAX_BLOCKS:
        return None
    return (other, len(form.sections[other].blocks)) if step < 0 else (other, 0)


def move_block(form: ArticleForm, section: int, index: int, step: int) -> tuple[ArticleForm, tuple[int, int]] | None:
    """(the form with the block moved, its new place), or None when it cannot move that way."""
    target = move_target(form, section, index, step)
    if target is None:
        return None
    sections = list(form.sections)
    if target[0] == section:
        blocks = list(sections[section].blocks)
        blocks[index], blocks[target[1]] = blocks[target[1]], blocks[index]
        sections[section] = replace(sections[section], blocks=blocks)
        return replace(form, sections=sections), target
    source = list(sections[section].blocks)
    block = source.pop(index)
    destination = list(sections[target[0]].blocks)
    destination.insert(target[1], block)
    sections[section] = replace(sections[section], blocks=source)
    sections[target[0]] = replace(sections[target[0]], blocks=destination)
    return replace(form, sections=sections), target
