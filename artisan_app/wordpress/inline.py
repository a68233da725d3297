"""Helpers for inline content: safe link targets, embed providers, tidy runs of text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from artisan_app.wordpress.ir import Run

_PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "twitter.com": "X",
    "x.com": "X",
    "instagram.com": "Instagram",
    "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify",
    "facebook.com": "Facebook",
    "tiktok.com": "TikTok",
}
SPACE = re.compile(r"\s+")
SOURCE_CHARS = 160


def safe_url(href: str | None, *, site_host: str = "") -> str:
    """An ``http``/``https``/``mailto`` URL or a site path; anything else (``javascript:``…) is ``""``."""
    href = "".join(ch for ch in (href or "") if ch > " " and ch != "\x7f")
    if not href:
        return ""
    if href.startswith("//"):
        href = "https:" + href
    if href.startswith("/"):
        return href
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return href
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    if site_host and parts.hostname.lower() in (site_host, "www." + site_host):
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return href


def provider_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in _PROVIDERS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return ""


def source_excerpt(el_or_text) -> str:
    text = el_or_text if isinstance(el_or_text, str) else etree.tostring(el_or_text, encoding="unicode", with_tail=False)
    text = SPACE.sub(" ", text).strip()
    return text if len(text) <= SOURCE_CHARS else text[: SOURCE_CHARS - 1] + "…"


def tidy(runs: list[Run]) -> list[Run]:
    """Collapse whitespace (keeping line breaks from ``<br>`` and paragraph breaks), trim, merge equal runs."""
    out: list[Run] = []
    for run in runs:
        if run.text in ("\n", "\n\n"):
            text = run.text
        else:
            text = SPACE.sub(" ", run.text)
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (run.bold, run.italic, run.href):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic, run.href)
        else:
            out.append(Run(text, run.bold, run.italic, run.href))
    # Trim the ends and the spaces around line breaks.
    cleaned: list[Run] = []
    for i, run in enumerate(out):
        text = re.sub(r" *\n *", "\n", run.text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        if i == 0:
            text = text.lstrip()
        if i == len(out) - 1:
            text = text.rstrip()
        if text:
            cleaned.append(Run(text, run.bold, run.italic, run.href))
    return cleaned


def plain_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).strip()
