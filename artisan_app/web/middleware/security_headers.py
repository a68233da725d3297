"""Security headers around the whole app (``rx.App(api_transformer=[..., harden])``), outside
the upload limit (``web/middleware/upload_limit.py``).

``SecurityHeaders``: every HTTP response (pages, API routes, uploaded files,
the frontend's static files) gets ``Content-Security-Policy``,
``X-Frame-Options: DENY``, ``Referrer-Policy``, ``Permissions-Policy``,
``X-Content-Type-Options: nosniff`` and, in production, HSTS.

The page policy allows scripts from this origin plus the inline scripts we
know: each inline ``<script>`` of the production build's HTML files (React
Router's boot and stream scripts, Reflex's head scripts), every ``rx.script``
of the app (found in the compiled ``.web/app`` modules: React inserts them at
run time), the first view's rewritten boot script
(``web.shell.boot_when_wanted``), the stored-theme and comment-draft scripts
and the first view's own script, each by its sha256 hash. The hashes
come from those trusted sources, never from the response being served, so an
injected ``<script>`` would not run. Two relaxations, measured in Chromium on
the production build (``tests/e2e/test_security_headers.py``):

* ``'unsafe-eval'`` in ``script-src``: Reflex 0.10.1's frontend runs every
  ``rx.call_script`` with ``eval()`` (``.web/utils/state.js``, event
  ``_call_script``). The app uses it for the theme toggle, the search page's
  address bar, the outage reload and the newsroom's unsaved-changes flag;
  without it each of those is a CSP violation and does nothing.
* ``'unsafe-inline'`` in ``style-src``: the app's runtime (React, Reflex's
  emotion styles) applies inline styles as it renders; without it Chromium
  reports 16 violations on an article page alone. Style injection cannot run
  code; scripts stay locked down.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import threading
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from artisan_app.core.settings import settings
from artisan_app.render.scripts import INLINE_SCRIPTS
from artisan_app.services.articles.rich_blocks import FRAME_ORIGINS
from artisan_app.web import shell as web_shell
from artisan_app.web.dev.shell import DevShell, dev_frontend_url
from artisan_app.web.middleware.upload_limit import UploadLimit

BUILD_DIR = web_shell.SHELL_PATH.parent

# Only scripts the browser runs need a hash (not JSON-LD or other data blocks).
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_TYPE = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
REFERRER_POLICY = "strict-origin-when-cross-origin"
HSTS = "max-age=31536000; includeSubDomains"
# Anything that is not an HTML page (feeds, JSON, images, uploads): nothing may run in it.
RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"


def script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(document: str) -> list[str]:
    """The code of every inline script in ``document`` that a browser would execute."""
    out = []
    for attrs, code in _INLINE_SCRIPT.findall(document):
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _EXECUTABLE_TYPES:
            out.append(code)
    return out


# ``rx.script("...")`` compiles to ``jsx("script",{},"<code>")`` in the generated
# ``.web/app`` modules; React Helmet inserts it at run time, so it is in no HTML file.
_COMPILED_SCRIPT = re.compile(r'jsx\("script",\{[^{}]*\},("(?:[^"\\]|\\.)*")')


def compiled_scripts(source: str) -> list[str]:
    """The code of every ``rx.script`` in a generated ``.jsx`` module."""
    out = []
    for literal in _COMPILED_SCRIPT.findall(source):
        try:
            code = json.loads(literal)
        except ValueError:
            continue
        if isinstance(code, str):
            out.append(code)
    return out


def page_policy(script_hashes: list[str], connect: str = "") -> str:
    """``connect``: sources the app may reach besides this origin (the backend's port under
    ``reflex run``, where the dev server and the backend are two origins)."""
    return "; ".join(
        [
            "default-src 'self'",
            # 'unsafe-eval': rx.call_script is eval()'d by Reflex's frontend (see the module docstring).
            "script-src 'self' 'unsafe-eval' " + " ".join(script_hashes),
            # 'unsafe-inline': React style attributes and emotion's <style> elements (module docstring).
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            ("connect-src 'self' " + connect).strip(),  # the websocket (/_event) and uploads, same origin
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            # Embeds (services/articles/rich_blocks.py): only these providers, created on the reader's click.
            "frame-src " + " ".join(FRAME_ORIGINS),
        ]
    )


class ScriptAllowlist:
    """Hashes of the inline scripts this site serves, recomputed when the build changes."""

    def __init__(self, build_dir: Path = BUILD_DIR, shell: web_shell.ShellCache | DevShell | None = None, connect: str = ""):
        self.build_dir = Path(build_dir)
        self.shell = shell or web_shell.ShellCache(self.build_dir / web_shell.SHELL_PATH.name)
        self.connect = connect
        self._lock = threading.Lock()
        self._stamp: object = None
        self._policy = ""

    def _build_stamp(self) -> object:
        if isinstance(self.shell, DevShell):  # under `reflex run`: the dev server's shell, as served now
            return hash(self.shell.get())
        try:
            stat = self.shell.path.stat()
            return (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return None

    def _collect(self) -> list[str]:
        # Ours (the head's rx.script ones are also found in the compiled modules below).
        scripts = list(INLINE_SCRIPTS)
        scripts += inline_scripts(self.shell.with_boot_when_wanted())
        if self.build_dir.is_dir():
            for page in sorted(self.build_dir.rglob("*.html")):
                try:
                    scripts += inline_scripts(page.read_text("utf-8"))
                except OSError:
                    continue
        # Every rx.script of the app (head and pages, e.g. the newsroom's unsaved-changes guard).
        compiled = self.build_dir.parent.parent / "app"  # .web/build/client -> .web/app
        if compiled.is_dir():
            for module in sorted(compiled.rglob("*.jsx")):
                try:
                    scripts += compiled_scripts(module.read_text("utf-8"))
                except OSError:
                    continue
        return sorted({script_hash(code) for code in scripts})

    def policy(self) -> str:
        stamp = self._build_stamp()
        if stamp != self._stamp or not self._policy:
            with self._lock:
                if stamp != self._stamp or not self._policy:
                    self._policy = page_policy(self._collect(), self.connect)
                    self._stamp = stamp
        return self._policy


class SecurityHeaders:
    """Security headers on every HTTP response (see the module docstring)."""

    def __init__(self, app: ASGIApp, allowlist: ScriptAllowlist | None = None):
        self.app = app
        self.allowlist = allowlist or ScriptAllowlist()

    def headers_for(self, content_type: bytes, status: int = 200) -> list[tuple[bytes, bytes]]:
        is_page = content_type.split(b";")[0].strip().lower() == b"text/html"
        headers = [
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", REFERRER_POLICY.encode()),
            (b"permissions-policy", PERMISSIONS_POLICY.encode()),
        ]
        # A 304, or any answer with no body type (a redirect), gets no policy: a browser
        # revalidating a cached page merges the 304's headers into the stored page, so a
        # policy chosen here (the resource policy, with ``sandbox``) would replace the page's own.
        if content_type and status != 304:
            policy = self.allowlist.policy() if is_page else RESOURCE_POLICY
            headers.insert(0, (b"content-security-policy", policy.encode()))
        if settings.production_requested():
            headers.append((b"strict-transport-security", HSTS.encode()))
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = list(message.get("headers") or [])
                content_type = next((v for k, v in existing if k.lower() == b"content-type"), b"")
                ours = self.headers_for(content_type, message.get("status", 200))
                names = {k for k, _ in ours}
                message = {**message, "headers": [(k, v) for k, v in existing if k.lower() not in names] + ours}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def harden(app: ASGIApp) -> ASGIApp:
    """The transformer given to ``rx.App(api_transformer=[build_api(), harden])``.

    Under ``reflex run`` (development) the pages' inline scripts are the dev
    server's (``web/dev/shell.py``), so those are the ones allowed.
    """
    dev_url = dev_frontend_url()
    allowlist = None
    if dev_url:  # the app talks to the backend's own port (whatever host the page was opened on)
        port = os.environ.get("REFLEX_BACKEND_PORT", "8000")
        allowlist = ScriptAllowlist(shell=DevShell(dev_url), connect=f"http://*:{port} ws://*:{port}")
    return SecurityHeaders(UploadLimit(app), allowlist)
