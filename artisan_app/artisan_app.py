"""The Reflex app: head elements, the HTTP routes beside it, and every page of the route registry."""

from __future__ import annotations

import reflex as rx

from artisan_app import routes
from artisan_app.api import build_api
from artisan_app.client_scripts import DRAFT_KEEPER_JS, EDITOR_FORMAT_JS, EMBED_LOADER_JS
from artisan_app.hardening import harden
from artisan_app.theme import THEME_BOOT_JS
from artisan_app.trash import purge_periodically as purge_trash_periodically
from artisan_app.web import registry
from artisan_app.web.startup_heap import freeze_startup_objects

# Variable fonts: every upright weight in one file per family (assets/styles.css).
PRELOADED_FONTS = ("source-serif-4-latin-wght-normal", "inter-latin-wght-normal", "source-serif-4-latin-400-italic")

app = rx.App(
    theme=None,
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light dark"),
        # Fetched with the HTML, so text never re-wraps when the fonts arrive (layout shift).
        *[
            rx.el.link(rel="preload", href=f"/fonts/{name}.woff2", type="font/woff2", cross_origin="",
                       custom_attrs={"as": "font"})
            for name in PRELOADED_FONTS
        ],
        rx.script(THEME_BOOT_JS),
        rx.script(DRAFT_KEEPER_JS),  # comment drafts reach local storage on every keystroke
        rx.script(EMBED_LOADER_JS),  # an embed's iframe loads only when the reader clicks
        rx.script(EDITOR_FORMAT_JS),  # the editor's toolbar, Ctrl/Cmd+B/I/K, rich paste, focal point clicks
        rx.el.link(rel="alternate", type="application/atom+xml", title="Artisan Times", href=routes.FEED),
    ],
    html_lang="en",
    # Feeds, sitemap, robots.txt and crawler-readable article/listing HTML (artisan_app/api.py);
    # then, around everything, the upload size limit and the security headers (artisan_app/hardening.py).
    api_transformer=[build_api(), harden],
)

# Every page, reader and newsroom, from the route registry (web/registry.py).
for page in registry.PAGES:
    app.add_page(page.page(), route=page.pattern, title=page.title, description=page.description,
                 meta=list(page.meta), on_load=page.on_load)

# The objects every worker builds once (components, vars, routes) are left out of full garbage
# collections, which otherwise stop the event loop ~85 ms each (artisan_app/web/startup_heap.py).
app.register_lifespan_task(freeze_startup_objects)

# The trash empties itself: articles trashed 30 days ago are purged (artisan_app/trash.py).
app.register_lifespan_task(purge_trash_periodically)
