"""The editor's body blocks <-> stored drafts and reader views.

Editors type inline Markdown in paragraphs, quotes and list items (the toolbar and
Ctrl/Cmd+B, I, K write it for them; a paste from Word or Google Docs is turned into
it in the browser, ``render/js/editor_format.js``). What is stored is the
cleaned HTML (``services.articles.rich_text``), never the Markdown:

    drafts_of(BlockForm("paragraph", "One **two**\n\nThree\n\n- a\n- b"))
    # [paragraph "One <strong>two</strong>", paragraph "Three", bullets ["a", "b"]]
    form_block(block_view)   # back to the Markdown the editor shows

A paragraph holding several paragraphs or a list (what a paste brings) is split
into as many blocks when saved.
"""

from __future__ import annotations

import re
from typing import Protocol

from artisan_app.models import BlockKind
from artisan_app.services.articles.body import BlockDraft, BodyFormatError, parse_body
from artisan_app.services.articles.rich_blocks import block_html, embed_of, with_alt
from artisan_app.services.articles.rich_text import from_markdown, plain_text, to_markdown
from artisan_app.services.articles.views import BlockView
from artisan_app.services.media.names import ImageRef

KINDS = tuple(k.value for k in BlockKind)
TEXT_KINDS = (BlockKind.paragraph.value, BlockKind.quote.value)
LIST_KINDS = (BlockKind.bullets.value, BlockKind.numbers.value)
_ITEM_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
EMBED_URL_ERROR = "Paste the full address of the video or post, starting with https://."


class EditorBlock(Protocol):
    """What is read of an editor block (``services.editorial.forms.BlockForm``); an image's ``image_id``,
    ``wide`` and ``alt`` are read when present."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def attribution(self) -> str: ...


def list_items(source: str) -> list[str]:
    """One item per non-empty line; a typed "- " or "1. " is dropped (the layout adds it)."""
    return [from_markdown(_ITEM_MARK.sub("", line, count=1)) for line in (source or "").splitlines() if line.strip()]


def has_content(b: EditorBlock) -> bool:
    """Blocks the editor keeps when saving (an empty paragraph is dropped, a separator kept)."""
    if b.kind == BlockKind.separator.value:
        return True
    if b.kind == BlockKind.image.value:
        return bool(getattr(b, "image_id", 0))
    return bool(b.text.strip())


def drafts_of(b: EditorBlock) -> list[BlockDraft]:
    """The stored blocks of one editor block (a ``BlockForm``)."""
    kind = b.kind if b.kind in KINDS else BlockKind.paragraph.value
    if kind == BlockKind.paragraph.value:
        try:
            blocks = parse_body("## x\n\n" + b.text.strip())[0].blocks
        except BodyFormatError:
            blocks = []
        if blocks and all(x.kind in (BlockKind.paragraph.value, *LIST_KINDS) for x in blocks):
            return blocks
        html = from_markdown(b.text)
        return [BlockDraft(kind, plain_text(html), html=html)]
    if kind == BlockKind.quote.value:
        html = from_markdown(re.sub(r"\n\s*\n", "\n", b.text))
        return [BlockDraft(kind, plain_text(html), b.attribution, html=html)]
    if kind in LIST_KINDS:
        items = list_items(b.text)
        return [BlockDraft(kind, "\n".join(plain_text(i) for i in items), items=items)]
    if kind == BlockKind.embed.value:
        return [BlockDraft(kind, b.text.strip(), url=b.text.strip())]
    if kind == BlockKind.image.value:
        return [
            BlockDraft(
                kind,
                b.text,
                b.attribution,
                image_id=getattr(b, "image_id", 0) or None,
                wide=bool(getattr(b, "wide", False)),
                alt=str(getattr(b, "alt", "") or ""),
            )
        ]
    if kind == BlockKind.separator.value:
        return [BlockDraft(kind, "")]
    return [BlockDraft(kind, b.text.strip())]  # subheading: plain text


def editor_text(view: BlockView) -> str:
    """What the editor shows for a stored block (a ``BlockView``)."""
    if view.kind in TEXT_KINDS:
        return to_markdown(view.html) if view.html else view.text
    if view.kind in LIST_KINDS:
        return "\n".join(to_markdown(item) for item in view.items)
    if view.kind == BlockKind.embed.value:
        return view.url
    return view.text


def embed_error(b: EditorBlock) -> str:
    return EMBED_URL_ERROR if b.kind == BlockKind.embed.value and b.text.strip() and embed_of(b.text) is None else ""


def preview_markup(draft: BlockDraft, images: dict[int, ImageRef]) -> str:
    return block_html(
        draft.kind,
        html=draft.html,
        text=draft.text,
        attribution=draft.attribution,
        items=draft.items,
        url=draft.url,
        image=with_alt(images.get(draft.image_id) if draft.image_id else None, draft.alt),
        wide=draft.wide,
    )
