"""The site's web fonts, kept off a first visit's critical path.

A first visit paints at once in the reader's system faces (``assets/styles.css``:
``--serif``/``--sans`` without ``data-fonts``): no font is preloaded or fetched
before the page has been painted. Once the page has loaded, its first contentful
paint is on screen and the browser is idle, ``FONTS_JS`` fetches the faces the
page's edition uses into the HTTP cache (``/fonts/`` is served with a long
``Cache-Control``, ``web/static_cache.py``) and notes it in local storage; from the next page on, the same script marks
``<html data-fonts="latin ur">`` before the first paint and the stylesheets
switch to Source Serif 4, Inter and Nastaliq, which then come from the cache
(``font-display: optional``: a face that is not there in time is not swapped in
later, so text never re-flows under the reader). A reader whose browser asks to
save data (``navigator.connection.saveData``) keeps the system faces. (One face
is not in these sets: the 14 KB Naskh that Urdu pages fetch with their HTML for a
system with no Urdu face of its own, ``assets/urdu.css``, ``web/shell.py``.)

``FONTS_JS`` runs in the first view's ``<head>`` (``web/shell.py``) and in the
app's (``artisan_app.py``), allowed by its hash (``hardening.py``); whichever runs
first in a document decides its faces, so the app booting later in a first visit
does not switch them under the reader.
"""

from __future__ import annotations

import json

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

FONTS_JS = r"""(function () {
  // Once per document: the app's copy (run when it boots) must not switch faces under the reader.
  if (window.__artisanFonts) return;
  window.__artisanFonts = true;
  var KEY = %(key)s, FILES = %(files)s, root = document.documentElement;
  function stored() {
    try { return (localStorage.getItem(KEY) || "").split(" ").filter(function (s) { return FILES[s]; }); }
    catch (e) { return []; }
  }
  var have = stored();
  if (have.length) root.setAttribute("data-fonts", have.join(" "));
  function warm() {
    var connection = navigator.connection;
    if ((connection && connection.saveData) || typeof FontFace !== "function") return;
    var sets = ["latin"];
    if ((root.getAttribute("lang") || "").indexOf("ur") === 0) sets.push("ur");
    sets.forEach(function (set) {
      if (have.indexOf(set) >= 0) return;
      Promise.all(FILES[set].map(function (url) { return new FontFace("artisan-" + set, "url(" + url + ")").load(); }))
        .then(function () {
          var now = stored();
          if (now.indexOf(set) < 0) now.push(set);
          try { localStorage.setItem(KEY, now.sort().join(" ")); } catch (e) {}
        }, function () {});
    });
  }
  // After the load event, the first contentful paint and then an idle moment: never before the page is on screen.
  function idle() { (window.requestIdleCallback || function (f) { setTimeout(f, 300); })(warm, {timeout: 5000}); }
  function painted() {
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0) { setTimeout(idle, 300); return; }
    var done = false, observer = new PerformanceObserver(function (list) {
      if (done || !list.getEntriesByName("first-contentful-paint").length) return;
      done = true; observer.disconnect(); idle();
    });
    observer.observe({type: "paint", buffered: true});
  }
  if (document.readyState === "complete") painted();
  else window.addEventListener("load", painted, {once: true});
})();""" % {"key": json.dumps(STORAGE_KEY), "files": json.dumps(FONT_FILES)}  # noqa: UP031 - JavaScript braces
