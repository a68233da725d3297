"""Classic-editor content → HTML with paragraphs, as WordPress's ``wpautop`` does (simplified).

A blank line ends a paragraph and a single line break is a ``<br>``; text inside
``<blockquote>`` gets paragraphs too. ``[caption]`` becomes a figure with its
caption, ``[embed]`` and a URL alone on its line become embeds, and any other
shortcode alone in its paragraph becomes a raw-HTML block (so it is reported).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|blockquote|ul|ol|figure|hr|div|table|pre|dl|iframe|img|section|script|style|!--)\b", re.I
)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S | re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_QUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.S | re.I)
_SHORTCODE = re.compile(r"^\s*\[([a-z_-]+)[^\]]*\]", re.I)
_BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")


def classic_to_html(content: str) -> str:
    """WordPress's ``wpautop``, simplified, plus the common shortcodes."""
    content = _CAPTION.sub(lambda m: _caption_figure(m.group(1)), content.replace("\r\n", "\n"))
    content = _QUOTE.sub(
        lambda m: "<blockquote><p>" + re.sub(r"\n\s*\n", "</p><p>", m.group(1).strip()) + "</p></blockquote>", content
    )
    content = _EMBED.sub(
        lambda m: (
            f'\n\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">{m.group(1).strip()}</div></figure>\n\n'
        ),
        content,
    )
    out = []
    for chunk in re.split(r"\n\s*\n", content):
        if not chunk.strip():
            continue
        url = _BARE_URL.match(chunk)
        if url:
            out.append(f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">{url.group(1)}</div></figure>')
        elif _SHORTCODE.match(chunk) and not chunk.strip().startswith("[embed"):
            out.append(f"<!-- wp:html --><div>{chunk}</div><!-- /wp:html -->")
        elif _BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _caption_figure(inner: str) -> str:
    parsed = lxml.html.fragment_fromstring(inner, create_parent="div")
    caption = "".join(t for t in [parsed.text or ""] + [c.tail or "" for c in parsed]).strip()
    for child in parsed:
        child.tail = None
    img_html = "".join(etree.tostring(c, encoding="unicode") for c in parsed)
    return f'\n\n<figure class="wp-block-image">{img_html}<figcaption>{caption}</figcaption></figure>\n\n'
