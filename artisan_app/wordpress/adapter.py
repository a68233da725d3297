"""The intermediate body (``ir.py``) → the stored rich body, and what it cannot hold.

Paragraphs and quotes keep their bold, italic and links (http, https, mailto) as
inline HTML, cleaned like every other write (``services/rich_text``); lists,
subheadings, embeds (a click-to-load card) and separators become their own
blocks. What is still not stored, and named in the report:

- images inside the body: the report names the file (covers are imported);
- raw HTML blocks: their text, as a paragraph;
- the layout (columns, groups) and whatever sanitising removed.

Text before the first heading (the whole body, for a post without headings)
is the first section, with an empty heading (no heading is invented); the
reader page shows such a section as an unnumbered lead-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from artisan_app.models import BlockKind
from artisan_app.services.articles.body import BlockDraft, SectionDraft
from artisan_app.services.articles.rich_text import clean_inline, plain_text
from artisan_app.wordpress.ir import Block, Body, Run

MAX_TEXT = 10000
MAX_HEADING = 300


@dataclass(frozen=True)
class Unmapped:
    """One thing the stored body could not hold as the post had it."""

    kind: str  # the block kind, or "bold/italic", "links"
    excerpt: str
    action: str  # what was done instead


def flatten(runs: list[Run]) -> tuple[str, int, int]:
    """Plain text of ``runs``; also how many links and emphasised runs were flattened."""
    parts, links, emphasis = [], 0, 0
    for run in runs:
        parts.append(run.text)
        if run.href:
            links += 1
            if run.href.startswith(("http://", "https://", "mailto:")) and run.text.strip() != run.href:
                parts.append(f" ({run.href.removeprefix('mailto:')})")
        if run.bold or run.italic:
            emphasis += 1
    return "".join(parts).strip(), links, emphasis


def runs_html(runs: list[Run]) -> str:
    """Inline HTML of ``runs`` (escaped text in <strong>/<em>/<a>), cleaned by the allowlist."""
    parts = []
    for run in runs:
        html = "<br>".join(escape(line, quote=False) for line in run.text.split("\n"))
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        if run.href.startswith(("http://", "https://", "mailto:")):
            html = f'<a href="{escape(run.href, quote=True)}">{html}</a>'
        parts.append(html)
    return clean_inline("".join(parts))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Adapter:
    def __init__(self) -> None:
        self.unmapped: list[Unmapped] = []
        self.links = self.emphasis = 0
        self.first_link = self.first_emphasis = ""

    def text(self, runs: list[Run]) -> str:
        text, links, emphasis = flatten(runs)
        if links and not self.first_link:
            self.first_link = text
        if emphasis and not self.first_emphasis:
            self.first_emphasis = text
        self.links += links
        self.emphasis += emphasis
        if len(text) > MAX_TEXT:
            self.unmapped.append(Unmapped("paragraph", _short(text), f"cut to {MAX_TEXT:,} characters"))
            text = text[:MAX_TEXT]
        return text

    def rich(self, runs: list[Run]) -> tuple[str, str]:
        """(plain text, inline HTML) of ``runs``; a text over the limit is cut (and reported)."""
        html = runs_html(runs)
        text = plain_text(html)
        if len(text) > MAX_TEXT:
            self.unmapped.append(Unmapped("paragraph", _short(text), f"cut to {MAX_TEXT:,} characters"))
            html = runs_html([Run(plain_text(html)[:MAX_TEXT])])
            text = plain_text(html)
        return text, html

    def blocks(self, block: Block) -> list[BlockDraft]:
        kind = block.kind
        if kind == "paragraph":
            text, html = self.rich(block.runs)
            return [BlockDraft(BlockKind.paragraph.value, text, html=html)] if text else []
        if kind in ("quote", "pullquote"):
            text, html = self.rich(block.runs)
            return [BlockDraft(BlockKind.quote.value, text, block.attribution[:300], html=html)] if text else []
        if kind == "subheading":
            text = self.text(block.runs)[:MAX_HEADING]
            return [BlockDraft(BlockKind.subheading.value, text)] if text else []
        if kind == "list":
            items = [html for html in (self.rich(item)[1] for item in block.items) if html]
            kind_value = BlockKind.numbers.value if block.ordered else BlockKind.bullets.value
            return [BlockDraft(kind_value, "\n".join(plain_text(i) for i in items), items=items)] if items else []
        if kind == "embed":
            return [BlockDraft(BlockKind.embed.value, block.url, url=block.url)] if block.url else []
        if kind == "image":
            self.unmapped.append(
                Unmapped(
                    kind,
                    block.src or block.source,
                    "not stored (body images are not imported yet)"
                    + (f"; alt text “{_short(block.alt, 60)}”" if block.alt else ""),
                )
            )
            return []
        if kind == "separator":
            return [BlockDraft(BlockKind.separator.value, "")]
        # html, or anything else: its text survives.
        text = self.text(block.runs)
        self.unmapped.append(
            Unmapped(kind, block.source or _short(text), "its text kept as a paragraph" if text else "dropped (no text)")
        )
        return [BlockDraft(BlockKind.paragraph.value, text)] if text else []


def to_sections(body: Body) -> tuple[list[SectionDraft], list[Unmapped]]:
    """Today's sections for ``body``, and every loss on the way (in reading order)."""
    adapter = _Adapter()
    sections: list[SectionDraft] = []
    lead = [d for b in body.lead for d in adapter.blocks(b)]
    if lead:
        sections.append(SectionDraft(heading="", blocks=lead))
    for section in body.sections:
        drafts = [d for b in section.blocks for d in adapter.blocks(b)]
        sections.append(SectionDraft(heading=section.heading[:MAX_HEADING], blocks=drafts))
    for note in body.notes:
        layout = note.startswith("layout")
        adapter.unmapped.append(
            Unmapped("layout" if layout else "sanitised", _short(note, 120), "the layout is not kept" if layout else "removed")
        )
    return sections, adapter.unmapped
