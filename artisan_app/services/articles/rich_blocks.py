"""Body blocks as HTML: one renderer for the first view, the app, the preview and feeds.

Every value is either clean inline HTML (``services.articles.rich_text.clean_inline``, re-cleaned
here) or escaped text, so the result may go into ``rx.html`` and Jinja's ``|safe``.

Embeds are privacy-friendly: a YouTube, Vimeo, X or Instagram URL becomes a card
(provider, a title made from the URL, a link); the provider's iframe is created by
``render/js/embed_loader.js`` only when the reader clicks "Load". Nothing from a
third party loads before that. Any other URL becomes a plain link card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import escape
from urllib.parse import parse_qs, urlsplit

from artisan_app.services.articles.rich_text import clean_inline
from artisan_app.services.media import markup
from artisan_app.services.media.names import ImageRef

# The frames the loader may create, and the CSP's frame-src (web/middleware/security_headers.py): nothing else.
FRAME_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://platform.twitter.com",
    "https://www.instagram.com",
)


@dataclass(frozen=True)
class Embed:
    provider: str  # "YouTube", "Vimeo", "X", "Instagram"; "" for a link card
    url: str  # the URL as given (http/https only)
    title: str
    frame: str = ""  # the iframe's src (one of FRAME_ORIGINS), "" for a link card


_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _safe_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def embed_of(url: str) -> Embed | None:
    """What an embed URL shows, or None when it is not an http(s) URL."""
    url = _safe_url(url)
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [p for p in parts.path.split("/") if p]
    if host in ("youtube.com", "youtu.be"):
        vid = (
            path[0]
            if host == "youtu.be" and path
            else (
                path[1]
                if len(path) > 1 and path[0] in ("shorts", "embed", "live")
                else (parse_qs(parts.query).get("v") or [""])[0]
            )
        )
        if _ID.match(vid or ""):
            return Embed("YouTube", url, f"YouTube video {vid}", f"{FRAME_ORIGINS[0]}/embed/{vid}")
    if host in ("vimeo.com", "player.vimeo.com"):
        vid = next((p for p in path if p.isdigit()), "")
        if vid:
            return Embed("Vimeo", url, f"Vimeo video {vid}", f"{FRAME_ORIGINS[1]}/video/{vid}")
    if host in ("x.com", "twitter.com") and len(path) >= 3 and path[1] == "status" and path[2].isdigit():
        user = path[0] if _ID.match(path[0]) else ""
        return Embed("X", url, f"Post by @{user}" if user else "Post on X", f"{FRAME_ORIGINS[2]}/embed/Tweet.html?id={path[2]}")
    if host == "instagram.com" and len(path) >= 2 and path[0] in ("p", "reel") and _ID.match(path[1]):
        return Embed(
            "Instagram",
            url,
            f"Instagram {'reel' if path[0] == 'reel' else 'post'} {path[1]}",
            f"{FRAME_ORIGINS[3]}/{path[0]}/{path[1]}/embed",
        )
    title = (parts.hostname or "") + (parts.path if parts.path not in ("", "/") else "")
    return Embed("", url, title[:120])


def _a(href: str, text: str, class_name: str) -> str:
    return f'<a class="{class_name}" href="{escape(href, quote=True)}" rel="noopener">{escape(text)}</a>'


def embed_html(url: str) -> str:
    embed = embed_of(url)
    if embed is None:
        return ""
    if not embed.frame:
        return (
            f'<figure class="embed embed-link"><div class="embed-card"><p class="embed-title">'
            f"{_a(embed.url, embed.title, 'embed-open')}</p></div></figure>"
        )
    kind = "post" if embed.provider in ("X", "Instagram") else "video"
    return (
        f'<figure class="embed embed-{embed.provider.lower()}" data-embed-src="{escape(embed.frame, quote=True)}"'
        f' data-embed-title="{escape(embed.title, quote=True)}"><div class="embed-card">'
        f'<p class="embed-provider">{escape(embed.provider)}</p><p class="embed-title">{escape(embed.title)}</p>'
        f'<p class="embed-actions"><button type="button" class="button embed-load">Load the {kind}</button> '
        f"{_a(embed.url, 'Open on ' + embed.provider, 'embed-open')}</p>"
        f'<p class="embed-note">Loading it lets {escape(embed.provider)} set cookies and see your visit.</p>'
        f"</div></figure>"
    )


def image_html(ref: ImageRef | None, *, caption: str = "", credit: str = "", wide: bool = False) -> str:
    """A body image: ``<figure>`` with a lazy ``<picture>``, caption and credit (text)."""
    if ref is None:
        return ""
    ref = ImageRef(**{**ref.__dict__, "caption": caption or ref.caption, "credit": credit or ref.credit})
    data = markup.picture(ref, kind="full", sizes=markup.SIZES["wide" if wide else "body"])
    return markup.figure_html(ref, data, class_name="figure figure-wide" if wide else "figure")


def with_alt(image: ImageRef | None, alt: str) -> ImageRef | None:
    """An image block's picture with the block's own alt text (the Image's when the block has none)."""
    return replace(image, alt=alt) if image is not None and alt else image


def block_html(
    kind: str,
    *,
    html: str = "",
    text: str = "",
    attribution: str = "",
    items: list[str] | None = None,
    url: str = "",
    image: ImageRef | None = None,
    wide: bool = False,
) -> str:
    """One block's markup (see the module docstring for why it is safe)."""
    if kind == "quote":
        cite = f'<figcaption class="quote-attribution">— {escape(attribution)}</figcaption>' if attribution else ""
        return (
            f'<figure class="pull-quote"><blockquote class="quote-text"><p>{clean_inline(html)}</p></blockquote>{cite}</figure>'
        )
    if kind == "subheading":
        return f'<h4 class="body-subheading">{escape(text)}</h4>'
    if kind in ("bullets", "numbers"):
        tag = "ol" if kind == "numbers" else "ul"
        lis = "".join(f"<li>{clean_inline(item)}</li>" for item in items or [])
        return f'<{tag} class="body-list">{lis}</{tag}>'
    if kind == "separator":
        return '<hr class="body-separator">'
    if kind == "embed":
        return embed_html(url)
    if kind == "image":
        return image_html(image, caption=text, credit=attribution, wide=wide)
    return f'<p class="body-text">{clean_inline(html)}</p>'


def cover_html(ref: ImageRef | None, *, lead: bool = False, article: bool = False, first: bool = False) -> str:
    """A cover as a ``<picture>``: the 3:2 focal crop on cards (lazy, except the ``first`` card of a
    listing, in view as it opens) and the front page's lead (eager, ``fetchpriority="high"``); the
    whole picture on the article page (its lead image)."""
    if ref is None:
        return ""
    if article:
        return markup.picture_html(
            markup.picture(ref, kind="full", sizes=markup.SIZES["cover"], lead=True), class_name="cover-image"
        )
    data = markup.picture(ref, kind="card", sizes=markup.SIZES["lead" if lead else "card"], lead=lead or first)
    return markup.picture_html(data, class_name="card-image")
