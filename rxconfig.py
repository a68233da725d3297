"""Reflex configuration for Artisan Times.

Everything environment-specific comes from ``artisan_app.core.settings`` so the app,
the migrations and the seed command agree on one database URL.
"""

import os

import reflex as rx

from artisan_app.core.settings import PROJECT_ROOT, settings
from artisan_app.web.dev.proxy import DevProxyPlugin

# Production (ARTISAN_ENV=prod, REFLEX_ENV_MODE=prod or `reflex run --env prod`)
# refuses to start with a missing, default or short ARTISAN_SECRET_KEY.
settings.check_production()

# With state in Redis, a backend worker keeps a tab's state in memory while it holds that tab's
# lock (Reflex's opportunistic locking, 0.10): the events of one page visit (hydrate, on_load,
# keystrokes) then load and pickle the state tree once instead of once per event, and write it
# back when the lease ends (half the 10 s lock expiration), on shutdown, or at once when another
# worker asks for the same tab. ``REFLEX_OPLOCK_ENABLED=0`` turns it off (benchmarks/RESULTS.md).
os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "1")

# The dev server's hot reload watches every entry at the project root. Left out: the var folder
# (database, job queue, image files), which changes on every write and every worker poll, or the
# backend would restart every few seconds under `make run`; and tools/, whose js/node_modules holds
# the JavaScript linter and test DOM (thousands of files nothing in the app imports). Reflex compares
# each top-level entry with these paths (os.path.samefile), so only existing folders are listed.
settings.ensure_var_dir()
_unwatched = [str(p) for p in (settings.watch_excluded_folder(), PROJECT_ROOT / "tools") if p is not None and p.is_dir()]
if _unwatched:
    _already = [p for p in os.environ.get("REFLEX_HOT_RELOAD_EXCLUDE_PATHS", "").split(":") if p]
    os.environ["REFLEX_HOT_RELOAD_EXCLUDE_PATHS"] = ":".join(dict.fromkeys([*_already, *_unwatched]))

config = rx.Config(
    app_name="artisan_app",
    db_url=settings.database_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Behind N reverse proxies the client's address is the N-th from the end of X-Forwarded-For.
    trusted_proxy_hops=settings.trusted_proxy_hops,
    # Plain elements and one hand-written stylesheet: no Radix/Tailwind payload.
    # DevProxyPlugin: the dev server forwards feeds, sitemap, robots.txt, /healthz,
    # uploads and the pages' first HTML to the backend (artisan_app/web/dev/proxy.py).
    plugins=[DevProxyPlugin()],
    # The sitemap is generated from the database instead (see artisan_app/web/http_app.py).
    disable_plugins=[rx.plugins.SitemapPlugin],
    frontend_packages=[
        "@fontsource/source-serif-4@5.3.1",
        "@fontsource/inter@5.3.0",
        # Variable fonts (one file per family and style), vendored by scripts/vendor_fonts.py.
        "@fontsource-variable/source-serif-4@5.3.1",
        "@fontsource-variable/inter@5.3.0",
    ],
)
