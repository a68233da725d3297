"""The site's web fonts, kept off a first visit's critical path.

A first visit paints at once in the reader's system faces (``assets/styles.css``:
``--serif``/``--sans`` without ``data-fonts``): no font is preloaded or fetched
before the page has been painted. Once the page has loaded, its first contentful
paint is on screen and the browser is idle, ``render/js/fonts.js`` fetches the faces the
page's edition uses into the HTTP cache (``/fonts/`` is served with a long
``Cache-Control``, ``web/middleware/static_cache.py``) and notes it in local storage; from the next page on, the same script marks
``<html data-fonts="latin ur">`` before the first paint and the stylesheets
switch to Source Serif 4, Inter and Nastaliq, which then come from the cache
(``font-display: optional``: a face that is not there in time is not swapped in
later, so text never re-flows under the reader). A reader whose browser asks to
save data (``navigator.connection.saveData``) keeps the system faces. (One face
is not in these sets: the 14 KB Naskh that Urdu pages fetch with their HTML for a
system with no Urdu face of its own, ``assets/urdu.css``, ``web/shell.py``.)

The script (``render/scripts.FONTS_JS``, given these sets) runs in the first view's ``<head>`` (``web/shell.py``) and in the
app's (``artisan_app.py``), allowed by its hash (``web/middleware/security_headers.py``); whichever runs
first in a document decides its faces, so the app booting later in a first visit
does not switch them under the reader.
"""

from __future__ import annotations

STORAGE_KEY = "artisan-fonts"

# Which files each set is, in the stylesheets' @font-face rules: "latin" on every page
# (assets/styles.css), "ur" on Urdu pages (assets/urdu.css).
FONT_FILES: dict[str, tuple[str, ...]] = {
    "latin": (
        "/fonts/source-serif-4-latin-wght-normal.woff2",
        "/fonts/inter-latin-wght-normal.woff2",
        "/fonts/source-serif-4-latin-400-italic.woff2",
    ),
    "ur": ("/fonts/noto-nastaliq-urdu-400.woff2",),
}
# Not a cached set: the small Naskh face Urdu pages fetch with their HTML, for a system with no
# Urdu face of its own (assets/urdu.css; preloaded by web/shell.py).
URDU_FALLBACK_FONT = "/fonts/noto-naskh-arabic-urdu-400.woff2"
