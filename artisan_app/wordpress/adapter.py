"""The intermediate body (``ir.py``) → today's stored body, and what it cannot hold.

Today an article body is numbered sections of paragraphs and quotes of plain
text (``services/body.py``). What the rich body (issue #14) will store, this
module keeps as well as plain text can, and names each loss in the report:

- bold and italic: the text is kept, the emphasis is not;
- links: kept as ``text (https://…)`` so a reader still sees the source (links
  within the old site, which the redirects now answer, keep only their text);
- lists: one paragraph per item, starting ``• `` or ``1. ``;
- subheadings (headings below the level that starts sections): a paragraph;
- embeds: a paragraph ``YouTube: https://…``;
- images inside the body and separators: not stored (the report names the file);
- raw HTML blocks: their text, as a paragraph.

Text before the first heading (the whole body, for a post without headings)
is the first section, with an empty heading (no heading is invented); the
reader page shows such a section as an unnumbered lead-in.
"""

from __future__ import annotations

from dataclasses import dataclass

from artisan_app.models import BlockKind
from artisan_app.services.body import BlockDraft, SectionDraft
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


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Adapter:
    def __init__(self):
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

    def blocks(self, block: Block) -> list[BlockDraft]:
        kind = block.kind
        if kind == "paragraph":
            text = self.text(block.runs)
            return [BlockDraft(BlockKind.paragraph.value, text)] if text else []
        if kind in ("quote", "pullquote"):
            text = self.text(block.runs)
            return [BlockDraft(BlockKind.quote.value, text, block.attribution[:300])] if text else []
        if kind == "subheading":
            self.unmapped.append(Unmapped(kind, _short(block.text), "kept as a paragraph"))
            return [BlockDraft(BlockKind.paragraph.value, self.text(block.runs))]
        if kind == "list":
            self.unmapped.append(Unmapped(kind, _short(" · ".join(flatten(i)[0] for i in block.items)),
                                          "one paragraph per item, starting with a bullet or number"))
            return [BlockDraft(BlockKind.paragraph.value, f"{n}. {self.text(item)}" if block.ordered else f"• {self.text(item)}")
                    for n, item in enumerate(block.items, start=1) if flatten(item)[0]]
        if kind == "embed":
            self.unmapped.append(Unmapped(kind, block.url, "kept as a paragraph with its link"))
            label = f"{block.provider}: " if block.provider else ""
            return [BlockDraft(BlockKind.paragraph.value, f"{label}{block.url}")]
        if kind == "image":
            self.unmapped.append(Unmapped(kind, block.src or block.source, "not stored (no image blocks yet)"
                                          + (f"; alt text “{_short(block.alt, 60)}”" if block.alt else "")))
            return []
        if kind == "separator":
            self.unmapped.append(Unmapped(kind, "—", "dropped"))
            return []
        # html, or anything else: its text survives.
        text = self.text(block.runs)
        self.unmapped.append(Unmapped(kind, block.source or _short(text), "its text kept as a paragraph" if text else "dropped (no text)"))
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
    if adapter.links:
        adapter.unmapped.append(Unmapped("links", _short(adapter.first_link),
                                         f"{adapter.links} link(s) kept as “text (address)”"))
    if adapter.emphasis:
        adapter.unmapped.append(Unmapped("bold/italic", _short(adapter.first_emphasis),
                                         f"{adapter.emphasis} emphasised stretch(es) kept as plain text"))
    for note in body.notes:
        layout = note.startswith("layout")
        adapter.unmapped.append(Unmapped("layout" if layout else "sanitised", _short(note, 120),
                                         "the layout is not kept" if layout else "removed"))
    return sections, adapter.unmapped
