"""The development server's URL serves the whole site.

With ``reflex run`` (development, hot reload) the browser talks to Vite's dev
server on the frontend port, which knows nothing of the HTTP routes in
``artisan_app/web/http_app.py``: ``/feed.xml``, ``/sitemap.xml`` or an article URL would
answer the app's bare HTML shell, with no Open Graph tags and no first view.

``DevProxyPlugin`` adds a ``server.proxy`` block to the generated
``.web/vite.config.js`` so that Vite forwards exactly those paths (feeds and
files, the plain forms' POST routes, and every page with a first view in the route registry, in every
edition: ``pages_pattern``) to the backend, the way the production single-port
server routes them. For a page, the backend then asks the dev server for its HTML
shell (``artisan_app.services.site.seo.DevShell``) with the ``SHELL_HEADER`` header,
which makes Vite serve the request itself instead of proxying it again.

The production build (``vite build``) ignores the ``server`` block; its
prerendering's preview server gets an empty ``proxy`` of its own.
"""

from __future__ import annotations

import json
import re

import reflex as rx

from artisan_app.core.i18n import URL_PREFIXES

VITE_CONFIG = "vite.config.js"
SHELL_HEADER = "x-artisan-shell"
MARKER = "// artisan-dev-proxy"

# Regular expressions Vite matches against the request URL (path and query).
# Every edition's feed: /feed.xml, /ur/feed.xml (``web/endpoints/editions.py``).
_EDITIONS = "|".join(re.escape(prefix.strip("/")) + "/" for prefix in URL_PREFIXES.values() if prefix.strip("/"))
FEEDS_AND_FILES = (
    rf"^/((?:{_EDITIONS})?feed\.xml|sitemap\.xml|robots\.txt|healthz|_upload/.*|media/.*"
    r"|newsletter/(subscribe|unsubscribe/.*)|comments/post)(\?.*)?$"
)
CATEGORY_FEED = r"^/category/[^/?#]+/feed\.xml(\?.*)?$"


def pages_pattern() -> str:
    """Every page with a first view, in every edition (``/ur/...`` too): the route registry's own list
    (``registry.first_view_paths``), so a page given a first view there is forwarded here as well.

    Imported when the proxy is made (at compile time), not with this module: ``rxconfig.py`` imports
    this module before the app exists."""
    from artisan_app.web import registry

    return registry.first_view_paths(with_query=True)


def proxy_block(backend_url: str) -> str:
    """The ``proxy:`` entry for Vite's ``server`` options, forwarding to ``backend_url``."""
    target = json.dumps(backend_url.rstrip("/"))
    # A page request carrying SHELL_HEADER comes from the backend itself, asking
    # for the dev server's shell: Vite answers it (``bypass`` returns the URL).
    shell_bypass = f'bypass: (req) => (req.headers["{SHELL_HEADER}"] ? req.url : undefined)'
    entries = [
        f"{json.dumps(FEEDS_AND_FILES)}: {{ target: {target} }}",
        f"{json.dumps(CATEGORY_FEED)}: {{ target: {target} }}",
        f"{json.dumps(pages_pattern())}: {{ target: {target}, {shell_bypass} }}",
    ]
    return f"{MARKER}\n    proxy: {{\n      " + ",\n      ".join(entries) + ",\n    },\n    "


PREVIEW_MARKER = "// artisan-dev-proxy: none while prerendering"


def _insert_after(config_js: str, anchor: str, block: str) -> str:
    at = config_js.find(anchor)
    if at < 0:  # a Reflex whose template has changed: leave it as it is
        return config_js
    at += len(anchor) + 1
    return config_js[:at] + "    " + block + config_js[at:].lstrip(" ")


def add_proxy(config_js: str, backend_url: str) -> str:
    """``vite.config.js`` with the proxy block in ``server: {``; each part added once.

    Vite's ``preview`` server takes ``server.proxy`` unless it has its own, and the
    production build prerenders its pages through a preview server: ``preview``
    gets an empty ``proxy`` so prerendering never forwards to a backend that is
    not running (the build would fail with a 502)."""
    if PREVIEW_MARKER not in config_js:
        config_js = _insert_after(config_js, "preview: {", f"{PREVIEW_MARKER}\n    proxy: {{}},\n    ")
    if MARKER + "\n" not in config_js:
        config_js = _insert_after(config_js, "server: {", proxy_block(backend_url))
    return config_js


class DevProxyPlugin(rx.plugins.Plugin):
    """Patch the generated Vite config on every compile (see the module docstring)."""

    def pre_compile(self, **context) -> None:
        # An IPv4 address: Node may resolve "localhost" to ::1, where the backend
        # (bound to 0.0.0.0) does not listen.
        backend_url = f"http://127.0.0.1:{rx.config.get_config().backend_port}"
        context["add_modify_task"](VITE_CONFIG, lambda text: add_proxy(text, backend_url))
