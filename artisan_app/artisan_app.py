"""The Reflex app: head elements, the HTTP routes beside it, and every page of the route registry."""

from __future__ import annotations

import reflex as rx

from artisan_app.core import routes
from artisan_app.jobs.trash_purge import purge_periodically as purge_trash_periodically
from artisan_app.render.scripts import DRAFT_KEEPER_JS, EDITOR_FORMAT_JS, EMBED_LOADER_JS, FONTS_JS, THEME_BOOT_JS
from artisan_app.web import registry
from artisan_app.web.http_app import build_api
from artisan_app.web.middleware.security_headers import harden
from artisan_app.web.middleware.static_cache import cache_static
from artisan_app.web.startup_heap import freeze_startup_objects

app = rx.App(
    theme=None,
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light dark"),
        # A 0.3 KB icon instead of the 5 KB /favicon.ico (kept for browsers without SVG icons).
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.script(THEME_BOOT_JS),
        rx.script(FONTS_JS),  # the site's faces once a visit has cached them (render/js/fonts.js)
        rx.script(DRAFT_KEEPER_JS),  # comment drafts reach local storage on every keystroke
        rx.script(EMBED_LOADER_JS),  # an embed's iframe loads only when the reader clicks
        rx.script(EDITOR_FORMAT_JS),  # the editor's toolbar, Ctrl/Cmd+B/I/K, rich paste, focal point clicks
        rx.el.link(rel="alternate", type="application/atom+xml", title="Artisan Times", href=routes.FEED),
    ],
    html_lang="en",
    # Feeds, sitemap, robots.txt and crawler-readable article/listing HTML (artisan_app/web/http_app.py);
    # then the static files' Cache-Control (web/middleware/static_cache.py); around everything, the upload size
    # limit and the security headers (artisan_app/web/middleware/security_headers.py).
    api_transformer=[build_api(), cache_static, harden],
)

# Every page, reader and newsroom, from the route registry (web/registry.py).
for page in registry.PAGES:
    app.add_page(
        page.page(),
        route=page.pattern,
        title=page.title,
        description=page.description,
        meta=list(page.meta),
        on_load=page.on_load,
    )

# The objects every worker builds once (components, vars, routes) are left out of full garbage
# collections, which otherwise stop the event loop ~85 ms each (artisan_app/web/startup_heap.py).
app.register_lifespan_task(freeze_startup_objects)

# The trash empties itself: articles trashed 30 days ago are purged (artisan_app/jobs/trash_purge.py).
app.register_lifespan_task(purge_trash_periodically)
