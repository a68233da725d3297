"""The intermediate form of an imported post body, independent of how it is stored.

It already holds everything the rich body will be able to show —
inline bold/italic/links, lists, images, embeds, separators — so that when the
rich body exists only ``adapter.py`` changes. It can hold no markup: text is
text, and links are only ever ``http``, ``https`` or ``mailto`` URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting; a link when ``href`` is set."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Block:
    """``kind`` is one of ``KINDS``; which fields matter depends on it."""

    kind: str
    runs: list[Run] = field(default_factory=list)  # paragraph, quote, pullquote, subheading, html (text)
    attribution: str = ""  # quote, pullquote
    items: list[list[Run]] = field(default_factory=list)  # list
    ordered: bool = False  # list
    src: str = ""  # image
    alt: str = ""  # image
    caption: str = ""  # image
    url: str = ""  # embed
    provider: str = ""  # embed
    source: str = ""  # a short excerpt of the original markup (for the report)

    @property
    def text(self) -> str:
        return plain(self.runs)


KINDS = ("paragraph", "subheading", "quote", "pullquote", "list", "image", "embed", "separator", "html")


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Body:
    """``lead``: the blocks before the first heading; ``notes``: what sanitising removed."""

    lead: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def all_blocks(self) -> list[Block]:
        return [*self.lead, *(b for s in self.sections for b in s.blocks)]


def plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).strip()
