"""The Vite proxy block (``artisan_app/web/dev/proxy.py``) and the dev shell's switch."""

from __future__ import annotations

import json
import re

import pytest

from artisan_app.core import routes
from artisan_app.web.dev import proxy
from artisan_app.web.dev.shell import dev_frontend_url

VITE_SERVER = """export default defineConfig((config) => ({
  server: {
    port: process.env.PORT,
    hmr: true,
  },
  preview: {
    host: "127.0.0.1",
  },
}));"""


def test_the_proxy_goes_into_vite_server_options_once():
    patched = proxy.add_proxy(VITE_SERVER, "http://127.0.0.1:8123")
    assert patched.count("proxy: {\n") == 1
    assert '"http://127.0.0.1:8123"' in patched
    assert patched.index("proxy: {") < patched.index("port: process.env.PORT")
    # Prerendering (production build) runs a preview server: it must forward nothing.
    preview = patched[patched.index("preview: {") :]
    assert "proxy: {}," in preview and "127.0.0.1:8123" not in preview
    assert proxy.add_proxy(patched, "http://127.0.0.1:8123") == patched  # hot reload compiles again


def test_an_unknown_template_is_left_alone():
    assert proxy.add_proxy("export default {}", "http://127.0.0.1:1") == "export default {}"


def _proxied(url: str) -> bool:
    # The patterns are plain enough that Python's and JavaScript's regex syntax agree.
    return any(re.search(p, url) for p in (proxy.FEEDS_AND_FILES, proxy.CATEGORY_FEED, proxy.pages_pattern()))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?utm_source=x",
        "/feed.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/category/social-media/feed.xml",
        "/article/some-slug",
        "/article/some-slug/",
        "/category/politics",
        "/author/hannah-okafor",
        "/tag/civil-service",
        "/search",
        "/search?q=civil+servants",
        "/_upload/cover.webp",
        "/media/0123456789abcdef-640.avif",
        "/newsletter/subscribe",
        "/newsletter/unsubscribe/abc.def",
        "/corrections",
        "/newsletter",
        "/newsletter?subscribed=1",
        "/newsletter/?error=email",
        # The comment form of an article's first view, and the article with the post's outcome
        "/comments/post",
        "/article/some-slug?comment=held",
        "/ur/article/some-slug?comment=invalid",
        # The Urdu edition (issue #17)
        "/ur/",
        "/ur",
        "/ur/?utm_source=x",
        "/ur/article/some-slug",
        "/ur/category/politics",
        "/ur/author/hannah-okafor",
        "/ur/tag/civil-service",
        "/ur/search?q=x",
        "/ur/feed.xml",
    ],
)
def test_the_site_paths_go_to_the_backend(url):
    assert _proxied(url)


@pytest.mark.parametrize(
    "url",
    [
        "/@vite/client",
        "/app/root.jsx",
        "/app/routes/article.$slug.jsx",
        "/node_modules/.vite/deps/react.js",
        "/fonts/inter-latin-400-normal.woff2",
        "/styles.css",
        "/editor",
        "/editor/article/3",
        "/favicon.ico",
        "/__manifest?p=%2F",
        "/article/a/b",
        "/searching",
        "/newsletter/confirm",
        "/newsletter/confirm?token=x",
        "/newsletter/preferences?token=x",
        "/ur/article/a/b",
        "/urdu.css",
        "/ur/editor",
    ],
)
def test_the_app_and_its_modules_stay_with_vite(url):
    assert not _proxied(url)


def test_every_page_with_a_first_view_goes_to_the_backend():
    """The proxy's page pattern is the route registry's: no page with a first view is left out."""
    from artisan_app.web import registry

    pages = registry.first_view_pages()
    assert {routes.UR_HOME, routes.UR_ARTICLE, routes.NEWSLETTER, routes.CORRECTIONS} <= {p.pattern for p in pages}
    for page in pages:
        url = re.sub(r"\[\w+\]", "some-slug", page.pattern)
        assert _proxied(url) and _proxied(url + "?q=x"), page.pattern
    block = proxy.proxy_block("http://127.0.0.1:8123")
    assert json.dumps(proxy.pages_pattern()) in block


def test_the_dev_shell_is_used_only_under_reflex_run_in_development():
    assert (
        dev_frontend_url({"REFLEX_ENV_MODE": "dev", "REFLEX_FRONTEND_PORT": "3000", "REFLEX_BACKEND_PORT": "8000"})
        == "http://127.0.0.1:3000"
    )
    assert dev_frontend_url({"REFLEX_ENV_MODE": "prod", "REFLEX_FRONTEND_PORT": "3000", "REFLEX_BACKEND_PORT": "8000"}) is None
    assert dev_frontend_url({"REFLEX_ENV_MODE": "dev", "REFLEX_FRONTEND_PORT": "8000", "REFLEX_BACKEND_PORT": "8000"}) is None
    assert dev_frontend_url({}) is None  # tests, scripts


def test_a_config_patched_before_gets_the_missing_preview_block():
    """A .web left by an earlier version of the plugin (server proxy only) is completed, not doubled."""
    old = proxy._insert_after(VITE_SERVER, "server: {", proxy.proxy_block("http://127.0.0.1:8123"))
    patched = proxy.add_proxy(old, "http://127.0.0.1:8123")
    assert patched.count("proxy: {\n") == 1 and patched.count("proxy: {},") == 1
