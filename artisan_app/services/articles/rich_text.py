"""Inline formatting of paragraphs, quotes and list items.

The stored form is HTML cleaned by ``nh3`` on every write, with an allowlist that
cannot carry anything beyond: bold, italic, links (http, https, mailto or a path on
this site; ``rel="noopener"``), inline code and line breaks.

    html = clean_inline('<b onclick="x">Hi</b> <a href="javascript:alert(1)">x</a>')
    # '<strong>Hi</strong> <a rel="noopener">x</a>'
    plain_text(html)               # 'Hi x': what search, word counts and snippets read
    html = from_markdown("**Hi** [there](https://example.org)")   # the editor's input
    to_markdown(html)              # back to what the editor shows

Editors type inline Markdown (``**bold**``, ``*italic*``, ``[link](url)``,
```code```, a newline for a line break); markdown-it turns it into HTML with raw
HTML disabled, and the result is cleaned like any other write.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"strong", "em", "a", "code", "br"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "*": set()}  # "*": no title/lang either
URL_SCHEMES = {"http", "https", "mailto"}
_RENAMES = (("<b>", "<strong>"), ("</b>", "</strong>"), ("<i>", "<em>"), ("</i>", "</em>"))
_BOLD_ITALIC = re.compile(r"<(/?)(b|i)(\s[^>]*)?>", re.IGNORECASE)
_md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def clean_inline(html: str) -> str:
    """The allowlisted inline HTML of ``html`` (anything else is dropped, its text kept)."""
    # <b>/<i> (what Word, Google Docs and WordPress write) become <strong>/<em>.
    html = _BOLD_ITALIC.sub(lambda m: f"<{m.group(1)}{'strong' if m.group(2).lower() == 'b' else 'em'}>", html or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    ).strip()


def from_text(text: str) -> str:
    """Plain text (no markup meant) as inline HTML: escaped, newlines as line breaks."""
    return "<br>".join(escape(line, quote=False) for line in (text or "").strip().split("\n"))


def from_markdown(source: str) -> str:
    """The editor's inline Markdown as clean inline HTML."""
    source = (source or "").strip()
    if not source:
        return ""
    html = _md.renderInline(source)
    return clean_inline(html.replace("<br />", "<br>").replace("\n", ""))


class _Walker(HTMLParser):
    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.out: list[str] = []
        self.hrefs: list[str] = []
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif self.markdown and tag in ("strong", "b"):
            self.out.append("**")
        elif self.markdown and tag in ("em", "i"):
            self.out.append("*")
        elif self.markdown and tag == "code":
            self.out.append("`")
            self.in_code = True
        elif self.markdown and tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            self.out.append("[")

    def handle_endtag(self, tag: str) -> None:
        if self.markdown and tag in ("strong", "b"):
            self.out.append("**")
        elif self.markdown and tag in ("em", "i"):
            self.out.append("*")
        elif self.markdown and tag == "code":
            self.out.append("`")
            self.in_code = False
        elif self.markdown and tag == "a":
            href = self.hrefs.pop() if self.hrefs else ""
            self.out.append(f"]({href.replace(' ', '%20').replace(')', '%29')})" if href else "]()")

    def handle_data(self, data: str) -> None:
        self.out.append(_MD_SPECIAL.sub(r"\\\1", data) if self.markdown and not self.in_code else data)


def plain_text(html: str) -> str:
    """The text of inline HTML, markup gone (line breaks kept as newlines)."""
    walker = _Walker(markdown=False)
    walker.feed(html or "")
    walker.close()
    return unescape("".join(walker.out)).strip()


def to_markdown(html: str) -> str:
    """Inline HTML back to the Markdown the editor shows (``from_markdown`` reverses it)."""
    walker = _Walker(markdown=True)
    walker.feed(html or "")
    walker.close()
    return "".join(walker.out).strip()
