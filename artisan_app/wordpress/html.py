"""Gutenberg block markup or classic-editor HTML → the intermediate body (``ir.py``).

Parsed with lxml's HTML parser (libxml2). Nothing of the markup survives into
the result: text becomes runs of text, links keep only ``http``/``https``/
``mailto`` (or site-relative) URLs, and everything else — ``<script>``,
``<style>``, event handlers, ``javascript:`` links, iframes other than embeds —
is dropped and named in ``Body.notes``.

Block comments (``<!-- wp:name {json} -->``) are read only where the HTML alone
is not enough: ``wp:html`` (kept as an html block), ``wp:embed`` (its URL and
provider) and dynamic blocks with no HTML (reported). Classic content (no block
comments) first gets its paragraphs from ``classic.py``.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from artisan_app.wordpress.classic import classic_to_html
from artisan_app.wordpress.inline import SPACE, plain_text, provider_of, safe_url, source_excerpt, tidy
from artisan_app.wordpress.ir import Block, Body, Run, Section

_COMMENT = re.compile(r"^\s*(/)?wp:([a-z0-9/_-]+)\s*(\{.*\})?\s*(/)?\s*$", re.S)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "canvas",
    "link",
    "meta",
    "base",
    "frame",
    "frameset",
    "head",
    "title",
}
_CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside", "nav", "center", "body", "html"}
_BOLD = {"strong", "b"}
_ITALIC = {"em", "i", "cite", "dfn"}
_LAYOUT = ("wp-block-group", "wp-block-columns", "wp-block-column", "wp-block-cover", "wp-block-media-text")


def _classes(el) -> str:
    return " " + (el.get("class") or "") + " "


class _Converter:
    def __init__(self, site_host: str):
        self.site_host = site_host
        self.items: list[tuple[int, str] | Block] = []  # (level, heading text) or a block
        self.notes: list[str] = []
        self.pending: list[Run] = []
        self.after: list[Block] = []  # images found inside a paragraph: they follow it
        self.embed_attrs: dict = {}

    # -- inline -------------------------------------------------------------
    def runs(self, el, bold=False, italic=False, href="", out: list[Run] | None = None) -> list[Run]:
        out = [] if out is None else out
        if el.text:
            out.append(Run(el.text, bold, italic, href))
        for child in el:
            if isinstance(child, etree._Comment) or not isinstance(child.tag, str):
                pass
            elif child.tag in _DROP or child.tag == "iframe":
                self.notes.append(f"removed <{child.tag}>: {source_excerpt(child)}")
            elif child.tag == "br":
                out.append(Run("\n", bold, italic, href))
            elif child.tag == "img":
                self.after.append(self.image(child))
            elif child.tag == "a":
                link = safe_url(child.get("href"), site_host=self.site_host)
                if child.get("href") and not link:
                    self.notes.append(f"removed an unsafe link: {source_excerpt(child.get('href') or '')}")
                self.runs(child, bold, italic, link or href, out)
            else:
                self.runs(child, bold or child.tag in _BOLD, italic or child.tag in _ITALIC, href, out)
            self._note_handlers(child)
            if child.tail:
                out.append(Run(child.tail, bold, italic, href))
        return out

    def _note_handlers(self, el) -> None:
        if isinstance(el.tag, str) and any(a.lower().startswith("on") for a in el.attrib):
            self.notes.append(f"removed event handlers on <{el.tag}>")

    def inline(self, el) -> list[Run]:
        self._note_handlers(el)
        return tidy(self.runs(el))

    # -- blocks -------------------------------------------------------------
    def image(self, el) -> Block:
        self._note_handlers(el)
        src = safe_url(el.get("src"), site_host="") if el.get("src") else ""
        return Block("image", src=src, alt=SPACE.sub(" ", el.get("alt") or "").strip(), source=source_excerpt(el))

    def emit(self, block: Block | None) -> None:
        if block is not None and (block.kind in ("separator", "image", "embed", "list") or block.runs):
            self.items.append(block)

    def flush_loose(self) -> None:
        runs = tidy(self.pending)
        self.pending = []
        if runs:
            self.emit(Block("paragraph", runs=runs, source=source_excerpt("".join(r.text for r in runs))))
        for block in self.after:
            self.emit(block)
        self.after = []

    def walk(self, parent) -> None:
        if parent.text and parent.text.strip():
            self.pending.append(Run(parent.text))
        html_open: list | None = None
        for el in parent:
            if isinstance(el, etree._Comment):
                m = _COMMENT.match(el.text or "")
                if m and m.group(2) == "html":
                    if m.group(1):  # closing: the collected nodes form one html block
                        self.html_block(html_open or [])
                        html_open = None
                    else:
                        self.flush_loose()
                        html_open = []
                elif m and not m.group(1):
                    attrs = _json(m.group(3))
                    if m.group(2) in ("embed", "core-embed") or m.group(2).startswith("core-embed/"):
                        self.embed_attrs = attrs
                    elif m.group(4) and m.group(2) not in ("separator", "spacer"):  # self-closing: a dynamic block
                        self.flush_loose()
                        self.emit(Block("html", runs=[Run(f"[{m.group(2)}]")], source=source_excerpt(el.text or "")))
                if html_open is not None and el.tail and el.tail.strip():
                    html_open.append(el.tail)
                elif el.tail and el.tail.strip():
                    self.pending.append(Run(el.tail))
                continue
            if html_open is not None:
                html_open.append(el)
                continue
            if (
                el.tag in _HEADINGS
                or el.tag in ("p", "blockquote", "ul", "ol", "figure", "hr", "img", "pre", "table", "dl", "iframe")
                or el.tag in _CONTAINERS
                or el.tag in _DROP
            ):
                self.flush_loose()
                self.element(el)
                if el.tail and el.tail.strip():
                    self.pending.append(Run(el.tail))
            else:  # inline content outside a paragraph (classic HTML)
                self.pending.extend(self.runs_of_inline(el))
        if html_open is not None:
            self.html_block(html_open)
        self.flush_loose()

    def runs_of_inline(self, el) -> list[Run]:
        holder = lxml.html.Element("span")
        tail, el.tail = el.tail, None
        holder.append(el)
        runs = self.runs(holder)
        if tail:
            runs.append(Run(tail))
        return runs

    def element(self, el) -> None:
        tag = el.tag
        saved, self.after = self.after, []
        if tag in _DROP:
            self.notes.append(f"removed <{tag}>: {source_excerpt(el)}")
        elif tag in _HEADINGS:
            text = plain_text(self.inline(el))
            if text:
                self.items.append((_HEADINGS[tag], text))
        elif tag == "p":
            self.emit(Block("paragraph", runs=self.inline(el), source=source_excerpt(el)))
        elif tag == "blockquote":
            self.emit(self.quote(el, "quote"))
        elif tag in ("ul", "ol"):
            self.emit(self.list_block(el))
        elif tag == "hr":
            self.emit(Block("separator", source=source_excerpt(el)))
        elif tag == "img":
            self.emit(self.image(el))
        elif tag == "iframe":
            url = safe_url(el.get("src"))
            if url.startswith("http") and provider_of(url):
                self.emit(Block("embed", url=url, provider=provider_of(url), source=source_excerpt(el)))
            else:
                self.notes.append(f"removed <iframe>: {source_excerpt(el)}")
        elif tag == "figure":
            self.figure(el)
        elif tag in _CONTAINERS:
            if any(c in _classes(el) for c in _LAYOUT):
                self.notes.append(f"layout dropped, contents kept: {source_excerpt(el)}")
            self._note_handlers(el)
            self.walk(el)
        else:  # pre, table, dl: text kept in an html block
            self.html_block([el])
        for block in self.after:
            self.emit(block)
        self.after = saved

    def figure(self, el) -> None:
        classes = _classes(el)
        caption_el = el.find(".//figcaption")
        caption = plain_text(tidy(self.runs(caption_el))) if caption_el is not None else ""
        if " wp-block-pullquote " in classes:
            self.emit(self.quote(el.find(".//blockquote") if el.find(".//blockquote") is not None else el, "pullquote"))
        elif " wp-block-embed " in classes or self.embed_attrs:
            wrapper = el.find(".//div")
            shown = (wrapper if wrapper is not None else el).text_content()
            url = safe_url(self.embed_attrs.get("url") or shown.strip())
            provider = str(self.embed_attrs.get("providerNameSlug") or "")
            provider = provider_of(url) or provider.replace("-", " ").title()
            self.embed_attrs = {}
            if url:
                self.emit(Block("embed", url=url, provider=provider, caption=caption, source=source_excerpt(el)))
            else:
                self.notes.append(f"embed without a usable URL dropped: {source_excerpt(el)}")
        elif el.find(".//img") is not None:
            image = self.image(el.find(".//img"))
            image.caption = caption
            self.emit(image)
        elif el.find(".//blockquote") is not None:
            self.emit(self.quote(el.find(".//blockquote"), "quote"))
        else:
            self.html_block([el])

    def quote(self, el, kind: str) -> Block:
        cite = el.find(".//cite")
        attribution = ""
        if cite is not None:
            attribution = plain_text(tidy(self.runs(cite))).lstrip("—–-― ").strip()
            cite.drop_tree()
        paragraphs = el.findall(".//p")
        runs: list[Run] = []
        for i, p in enumerate(paragraphs or [el]):
            if i:
                runs.append(Run("\n\n"))
            runs.extend(self.inline(p))
        runs = tidy(runs)
        text = plain_text(runs)
        if not attribution and "\n\n" in text and text.rsplit("\n\n", 1)[1].startswith(("— ", "-- ", "― ")):
            attribution = text.rsplit("\n\n", 1)[1].split(" ", 1)[1].strip()
            runs = tidy([Run(text.rsplit("\n\n", 1)[0])])
        return Block(kind, runs=runs, attribution=attribution, source=source_excerpt(el))

    def list_block(self, el) -> Block:
        items: list[list[Run]] = []
        for li in el.iter("li"):
            for nested in li.findall("ul") + li.findall("ol"):
                nested.tail = None
            own = lxml.html.Element("span")
            own.text = li.text
            for child in li:
                if child.tag not in ("ul", "ol"):
                    own.append(_copy(child))
            runs = self.inline(own)
            if runs:
                items.append(runs)
        if any(li.find("ul") is not None or li.find("ol") is not None for li in el.iter("li")):
            self.notes.append(f"nested list flattened: {source_excerpt(el)}")
        return Block("list", items=items, ordered=el.tag == "ol", source=source_excerpt(el))

    def html_block(self, nodes: list) -> None:
        holder = lxml.html.Element("div")
        raw = ""
        for node in nodes:
            if isinstance(node, str):
                holder.append(_text_span(node))
                raw += node
            else:
                raw += etree.tostring(node, encoding="unicode", with_tail=False)
                holder.append(_copy(node))
        runs = self.inline_blocks(holder)
        self.items.append(Block("html", runs=runs, source=source_excerpt(raw)))

    def inline_blocks(self, holder) -> list[Run]:
        """The text of arbitrary markup, a blank line between its block elements."""
        for el in holder.iter():
            if el.tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"):
                el.tail = "\n\n" + (el.tail or "")
        return tidy(self.runs(holder))


def _copy(el):
    copy = deepcopy(el)
    copy.tail = None
    return copy


def _text_span(text: str):
    span = lxml.html.Element("span")
    span.text = text
    return span


def _json(raw: str | None) -> dict:
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def convert(content: str, *, site_url: str = "") -> Body:
    """Post content (block markup or classic HTML) → ``Body``: sections start at the highest heading level used."""
    if not content or not content.strip():
        return Body()
    if "<!-- wp:" not in content:
        content = classic_to_html(content)
    document = lxml.html.document_fromstring(f"<html><body>{content}</body></html>")
    converter = _Converter((urlsplit(site_url).hostname or "").lower().removeprefix("www."))
    converter.walk(document.body)
    levels = [item[0] for item in converter.items if isinstance(item, tuple)]
    top = min(levels) if levels else 0
    body = Body(notes=converter.notes)
    for item in converter.items:
        if isinstance(item, tuple):
            level, text = item
            if level == top:
                body.sections.append(Section(heading=text))
                continue
            item = Block("subheading", runs=[Run(text)], source=source_excerpt(text))
        (body.sections[-1].blocks if body.sections else body.lead).append(item)
    return body
