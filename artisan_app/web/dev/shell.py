"""The HTML shell of pages served by the development server (``reflex run``).

In production the page handlers in ``artisan_app/web/http_app.py`` wrap the build's SPA
shell (``web.shell.ShellCache``). In development there is no build: Vite's dev server
makes the shell. ``DevShell`` fetches it from the dev server, which answers
itself instead of proxying back here because of the ``SHELL_HEADER`` header
(see ``artisan_app.web.dev.proxy``), and keeps it for a moment so a burst of
requests costs one fetch. The module scripts of the dev shell are Vite's own;
they are left as they are (no boot rewrite in development).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping

import httpx

from artisan_app.web.dev.proxy import SHELL_HEADER
from artisan_app.web.shell import FALLBACK_SHELL


def dev_frontend_url(env: Mapping[str, str] | None = None) -> str | None:
    """The dev server's URL when this backend was started by ``reflex run`` in
    development with a separate frontend port; otherwise ``None``."""
    env = os.environ if env is None else env
    port, backend_port = env.get("REFLEX_FRONTEND_PORT"), env.get("REFLEX_BACKEND_PORT")
    if env.get("REFLEX_ENV_MODE") != "dev" or not port or port == backend_port:
        return None
    return f"http://127.0.0.1:{port}"


class DevShell:
    """Same interface as ``web.shell.ShellCache``, for the development server."""

    def __init__(self, frontend_url: str, *, ttl: float = 2.0, timeout: float = 15.0):
        self.url = frontend_url.rstrip("/") + "/"
        self.ttl = ttl
        self.timeout = timeout
        self._lock = threading.Lock()
        self._text = FALLBACK_SHELL
        self._fetched = float("-inf")

    def get(self) -> str:
        with self._lock:
            if time.monotonic() - self._fetched > self.ttl:
                try:
                    response = httpx.get(self.url, headers={SHELL_HEADER: "1"}, timeout=self.timeout)
                    response.raise_for_status()
                    self._text = response.text
                    self._fetched = time.monotonic()
                except httpx.HTTPError:
                    return FALLBACK_SHELL  # the dev server is still starting: crawlers' shell
            return self._text

    def with_boot_when_wanted(self) -> str:
        return self.get()
