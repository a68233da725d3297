"""Article bodies as markdown <-> ordered sections and blocks.

The structured body (numbered sections holding blocks) is what the database
stores. Markdown is only the file format for seed content: each ``## Heading``
starts a section; paragraphs become paragraph blocks with their inline formatting
(bold, italic, links, code, line breaks; ``services.articles.rich_text``); a blockquote becomes a
quote block whose last line ``— Name`` is the attribution; ``### Sub`` a
subheading; ``-``/``1.`` lists; ``---`` a separator; a paragraph that is only
``<https://…>`` an embed; a paragraph that is only ``![alt](file.jpg "Caption |
Credit")`` an image block (``file.jpg#wide`` for a wide one; files in seed/images).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from artisan_app.models import BlockKind
from artisan_app.services.articles.rich_text import from_markdown, plain_text

_md = MarkdownIt("commonmark")
_ATTRIBUTION_MARKS = ("— ", "-- ", "― ")


class BodyFormatError(ValueError):
    """The markdown does not describe sections of paragraphs and quotes."""


@dataclass
class BlockDraft:
    """``text`` is plain text; ``html`` the inline formatting (cleaned again when stored;
    empty: ``text`` is shown as text); ``items`` a list's inline HTML; ``image_file``
    and ``alt`` name a seed image until the loader sets ``image_id``."""

    kind: str
    text: str
    attribution: str = ""
    html: str = ""
    items: list[str] = field(default_factory=list)
    image_id: int | None = None
    url: str = ""
    wide: bool = False
    image_file: str = ""
    alt: str = ""
    key: str = ""  # stable id kept through saves (review notes anchor to it); "" = a new one


@dataclass
class SectionDraft:
    heading: str
    blocks: list[BlockDraft] = field(default_factory=list)
    key: str = ""


def _split_attribution(paragraphs: list[str]) -> tuple[str, str]:
    if len(paragraphs) > 1 and paragraphs[-1].startswith(_ATTRIBUTION_MARKS):
        attribution = paragraphs[-1].split(" ", 1)[1].strip()
        return "\n\n".join(paragraphs[:-1]), attribution
    return "\n\n".join(paragraphs), ""


def _inline_block(tok: Token, children_md: str) -> BlockDraft | None:
    """An embed or image paragraph (alone on its line), else None."""
    children = [c for c in (tok.children or []) if not (c.type == "text" and not c.content.strip())]
    if (
        len(children) == 3
        and children[0].type == "link_open"
        and children[1].type == "text"
        and children[0].attrGet("href") == children[1].content
        and children_md.startswith("<")
    ):
        return BlockDraft(BlockKind.embed.value, children[1].content, url=children[1].content)
    if len(children) == 1 and children[0].type == "image":
        img = children[0]
        src = str(img.attrGet("src") or "")
        caption, _, credit = str(img.attrGet("title") or "").partition("|")
        return BlockDraft(
            BlockKind.image.value,
            caption.strip(),
            credit.strip(),
            image_file=src.split("#")[0],
            alt=img.content.strip(),
            wide=src.endswith("#wide"),
        )
    return None


def parse_body(markdown: str) -> list[SectionDraft]:
    """Parse seed markdown into sections. Raises ``BodyFormatError`` on stray content."""
    tokens = _md.parse(markdown)
    sections: list[SectionDraft] = []
    quote: list[str] | None = None
    items: list[str] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            if tok.tag == "h3":
                _current(sections).blocks.append(BlockDraft(BlockKind.subheading.value, tokens[i + 1].content.strip()))
            elif tok.tag != "h2":
                raise BodyFormatError(f"only '##' section and '###' subheadings are allowed, found {tok.markup!r}")
            else:
                sections.append(SectionDraft(heading=tokens[i + 1].content.strip()))
            i += 3
            continue
        if tok.type == "blockquote_open":
            quote = []
        elif tok.type == "blockquote_close":
            source, attribution = _split_attribution(quote or [])
            html = from_markdown(source.replace("\n\n", "\n"))
            _current(sections).blocks.append(BlockDraft(BlockKind.quote.value, plain_text(html), attribution, html=html))
            quote = None
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            if items is not None:
                raise BodyFormatError("nested lists are not supported")
            items = []
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            kind = BlockKind.numbers if tok.type == "ordered_list_close" else BlockKind.bullets
            html_items = [from_markdown(it) for it in items or []]
            _current(sections).blocks.append(
                BlockDraft(kind.value, "\n".join(plain_text(h) for h in html_items), items=html_items)
            )
            items = None
        elif tok.type == "hr":
            _current(sections).blocks.append(BlockDraft(BlockKind.separator.value, ""))
        elif tok.type == "inline":
            source = " ".join(line.strip() for line in tok.content.splitlines()).strip()
            if items is not None:
                items.append(source)
            elif quote is not None:
                quote.append(source)
            else:
                special = _inline_block(tok, source)
                if special is None:
                    html = from_markdown(source)
                    special = BlockDraft(BlockKind.paragraph.value, plain_text(html), html=html)
                _current(sections).blocks.append(special)
        elif tok.type in {"fence", "code_block", "html_block"}:
            raise BodyFormatError(f"unsupported markdown element: {tok.type}")
        i += 1
    for section in sections:
        if not section.blocks:
            raise BodyFormatError(f"section {section.heading!r} has no paragraphs")
    return sections


def _current(sections: list[SectionDraft]) -> SectionDraft:
    if not sections:
        raise BodyFormatError("text before the first '##' section heading")
    return sections[-1]
