"""Article bodies as markdown <-> ordered sections and blocks.

The structured body (numbered sections holding paragraphs and quotes) is what
the database stores. Markdown is only the file format for seed content: each
``## Heading`` starts a section; paragraphs become paragraph blocks; a
blockquote becomes a quote block whose last line ``— Name`` is the attribution.
Inline markup is not interpreted: text is kept as the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from artisan_app.models import BlockKind

_md = MarkdownIt("commonmark")
_ATTRIBUTION_MARKS = ("— ", "-- ", "― ")


class BodyFormatError(ValueError):
    """The markdown does not describe sections of paragraphs and quotes."""


@dataclass
class BlockDraft:
    kind: str
    text: str
    attribution: str = ""
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


def parse_body(markdown: str) -> list[SectionDraft]:
    """Parse seed markdown into sections. Raises ``BodyFormatError`` on stray content."""
    tokens = _md.parse(markdown)
    sections: list[SectionDraft] = []
    quote: list[str] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            if tok.tag != "h2":
                raise BodyFormatError(f"only '##' section headings are allowed, found {tok.markup!r}")
            sections.append(SectionDraft(heading=tokens[i + 1].content.strip()))
            i += 3
            continue
        if tok.type == "blockquote_open":
            quote = []
        elif tok.type == "blockquote_close":
            text, attribution = _split_attribution(quote or [])
            _current(sections).blocks.append(BlockDraft(BlockKind.quote.value, text, attribution))
            quote = None
        elif tok.type == "inline":
            text = " ".join(line.strip() for line in tok.content.splitlines()).strip()
            if quote is not None:
                quote.append(text)
            else:
                _current(sections).blocks.append(BlockDraft(BlockKind.paragraph.value, text))
        elif tok.type in {"bullet_list_open", "ordered_list_open", "fence", "code_block", "html_block", "hr"}:
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
