"""The page shell: the build's HTML document (or a stand-in), with a page's head tags
(``services.site.seo``), the stored-theme script and its first view put in, and the app's
boot deferred until the page needs it (``render/scripts.py``).

Web plumbing, used by ``web/http_app.py`` and the security headers (``web.middleware.security_headers``); the tags
themselves are built by ``services/site/seo.py``.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

from artisan_app.core.i18n import direction
from artisan_app.core.settings import PROJECT_ROOT
from artisan_app.render.fonts import URDU_FALLBACK_FONT
from artisan_app.render.scripts import APP_ENTRY_JS, APP_WANTED_JS, FONTS_JS, THEME_BOOT_JS, preload_modules_js
from artisan_app.services.site.seo import PageMeta, esc, head_html, json_ld_html

# The production build's SPA shell (``reflex run --env prod`` / ``reflex export``).
SHELL_PATH = PROJECT_ROOT / ".web" / "build" / "client" / "__spa-fallback.html"

# Used when there is no build (development, tests): enough for crawlers.
FALLBACK_SHELL = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>'
    '<meta content="width=device-width, initial-scale=1" name="viewport"/>'
    "</head><body></body></html>"
)


_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)


_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\b[^>]*\bcharset\s*=[^>]*>", re.IGNORECASE)
# Tags this module writes itself; any copy already in the shell's <head> goes.
_DUPLICATES = re.compile(
    r"<title\b[^>]*>.*?</title\s*>"
    r"|<meta\b[^>]*\b(?:name|property)\s*=\s*[\"']?(?:description|robots|og:[\w:]+|article:[\w:]+|twitter:[\w:]+)\b[^>]*>"
    r"|<link\b[^>]*\brel\s*=\s*[\"']?(?:canonical|alternate)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def strip_head_duplicates(shell: str) -> str:
    """Remove title, description, robots, OG/Twitter and canonical tags from the shell's head."""
    head = _HEAD_OPEN.search(shell)
    body = _BODY_OPEN.search(shell)
    if head is None:
        return shell
    end = body.start() if body is not None and body.start() > head.end() else len(shell)
    return shell[: head.end()] + _DUPLICATES.sub("", shell[head.end() : end]) + shell[end:]


_HTML_OPEN = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def with_language(shell: str, language: str) -> str:
    """The shell's ``<html>`` for an edition: ``<html lang="ur" dir="rtl">`` (English as built)."""
    if language == "en":
        return shell
    match = _HTML_OPEN.search(shell)
    if match is None:
        return shell
    tag = re.sub(r"\s(?:lang|dir)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", "", match.group(0))
    tag = tag[:-1].rstrip("/").rstrip() + f' lang="{esc(language)}" dir="{direction(language)}">'
    return shell[: match.start()] + tag + shell[match.end() :]


# The Urdu typography, on Urdu pages only: ``assets/urdu.css`` inline at the end of <head>,
# after the site's stylesheet, so the first paint waits for no second stylesheet. The live app
# links the same file (``components/reader/layout.py``). Its Nastaliq face is not fetched before a
# first visit's paint (``artisan_app/render/fonts.py``); the 14 KB Naskh face that stands in on a system
# with no Urdu face of its own is fetched with the HTML (early in <head>), so that it is there
# for the first layout and the text is not laid out again when it arrives (a layout shift of
# ~0.1 measured without it).


@functools.cache
def _urdu_css() -> str:
    return (PROJECT_ROOT / "assets" / "urdu.css").read_text("utf-8")


def _edition_head(meta: PageMeta) -> tuple[str, str]:
    """(early, late) tags in ``<head>`` for the page's edition."""
    if meta.language != "ur":
        return "", ""
    return (
        f'<link rel="preload" as="font" type="font/woff2" crossorigin="" href="{URDU_FALLBACK_FONT}"/>',
        f"<style>{_urdu_css()}</style>",
    )


def render(shell: str, meta: PageMeta, first_view: str = "") -> str:
    """``shell`` with ``meta`` injected: head tags first in ``<head>`` (after the
    charset declaration when there is one), ``first_view`` (markup from
    ``artisan_app.first_view``, already escaped) first in ``<body>``."""
    shell = with_language(strip_head_duplicates(shell), meta.language)
    head = _HEAD_OPEN.search(shell)
    if head is None:  # not an HTML document we understand: start from ours
        shell = FALLBACK_SHELL
        head = _HEAD_OPEN.search(shell)
        assert head is not None  # FALLBACK_SHELL has a <head>
    charset = _CHARSET.search(shell, head.end())
    body = _BODY_OPEN.search(shell)
    at = charset.end() if charset is not None and (body is None or charset.start() < body.start()) else head.end()
    early, late = _edition_head(meta)
    shell = shell[:at] + head_html(meta) + early + shell[at:]
    # The reader's stored theme, and the site's faces once they are cached, apply before the first
    # paint (the app's own copies run only once it boots).
    tail = late + json_ld_html(meta) + f"<script>{THEME_BOOT_JS}</script><script>{FONTS_JS}</script>"
    close = _HEAD_CLOSE.search(shell, at)
    if close is not None:
        shell = shell[: close.start()] + tail + shell[close.start() :]
    else:
        shell = shell[:at] + tail + shell[at:]
    body = _BODY_OPEN.search(shell, at)
    if body is None:
        return shell + first_view
    return shell[: body.end()] + first_view + shell[body.end() :]


# ---------------------------------------------------------------- the app's boot, when the page needs it

_MODULEPRELOAD = re.compile(r"<link\b(?=[^>]*\brel=\"modulepreload\")[^>]*\bhref=\"([^\"]+)\"[^>]*>", re.IGNORECASE)
_BOOT_SCRIPT = re.compile(r"(<script type=\"module\" async=\"\">)(.*?)(</script>)", re.DOTALL)
_SIDE_EFFECT_IMPORT = re.compile(r"^(\s*)import (\"[^\"]+\");", re.MULTILINE)
_NAMESPACE_IMPORT = re.compile(r"^(\s*)import \* as (\w+) from (\"[^\"]+\");", re.MULTILINE)
_STATIC_IMPORT = re.compile(r"^\s*import\s*[^\s(]", re.MULTILINE)
_ENTRY_IMPORT = re.compile(r"^(\s*)(import\()", re.MULTILINE)


def boot_when_wanted(shell: str) -> str:
    """Fetch and start the app only when the page needs it (``render/scripts.py``).

    The build's shell preloads every app module in ``<head>`` and starts the
    app from an inline module script whose static imports are fetched at once.
    A page with a first view is complete without them: this drops the
    ``modulepreload`` links and turns the boot script's static imports into the
    same imports, in the same order, awaited once the page wants the app
    (``APP_WANTED_JS``: a button only the app can serve, the search box's focus,
    the comments coming near; the links are added back then, so the modules
    still download in parallel); right before the entry module it stops if the
    reader has meanwhile submitted a plain form, and holds back the router's
    scroll to the top until the hand-over (``APP_ENTRY_JS``). The
    ``<script>`` element itself stays where it is, so React's hydration finds
    the document it expects. A shell of any other shape is returned unchanged:
    the app then boots at once, as built.
    """
    boot = _BOOT_SCRIPT.search(shell)
    if boot is None:
        return shell
    code = _NAMESPACE_IMPORT.sub(r"\1const \2 = await import(\3);", boot.group(2))
    code = _SIDE_EFFECT_IMPORT.sub(r"\1await import(\2);", code)
    if _STATIC_IMPORT.search(code):
        return shell
    code = _ENTRY_IMPORT.sub(lambda m: m.group(1) + APP_ENTRY_JS + " " + m.group(2), code)
    modules = _MODULEPRELOAD.findall(shell[: boot.start()])
    script = boot.group(1) + APP_WANTED_JS + "\n" + preload_modules_js(modules) + "\n" + code + boot.group(3)
    head = _MODULEPRELOAD.sub("", shell[: boot.start()])
    return head + script + shell[boot.end() :]


class ShellCache:
    """The SPA shell's text, read once and again only when the file changes."""

    def __init__(self, path: Path = SHELL_PATH):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._text = FALLBACK_SHELL
        self._deferred: tuple[str, str] = (FALLBACK_SHELL, boot_when_wanted(FALLBACK_SHELL))

    def get(self) -> str:
        try:
            stat = self.path.stat()
        except OSError:
            return FALLBACK_SHELL
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        self._text = self.path.read_text("utf-8")
                    except OSError:
                        return FALLBACK_SHELL
                    self._stamp = stamp
        return self._text

    def with_boot_when_wanted(self) -> str:
        """``boot_when_wanted(get())``, rewritten once per build, not per request."""
        text = self.get()
        source, rewritten = self._deferred
        if source is not text:
            rewritten = boot_when_wanted(text)
            self._deferred = (text, rewritten)
        return rewritten
