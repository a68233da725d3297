"""The first view's scripts: its one inline script (allowed by its hash in the page
policy, ``hardening.py``) and the condition the app's boot waits for.

**When the app loads.** The first view is the whole page as HTML, so a reader who
only reads never needs the app: its JavaScript is fetched only when something on
the page needs it (``APP_WANTED_JS``, awaited by the boot script that
``web/shell.py`` rewrites): a click on a button that only the app can serve (a
filter chip, "Load more", "Reply", an embed's "Load"), the focus in the search
page's box (results as you type), or the comment thread coming near the screen
(live comments and the comment form). Links are plain links meanwhile (the next
page's first HTML comes from the page cache), the masthead search and the
newsletter sign-up are plain forms, and the theme toggle is wired here. Once the
app is there, it takes over as before: in-app navigation, live comments, drafts.
Other code can ask for the app at once with
``window.dispatchEvent(new Event("artisan:app"))`` (the browser tests do).

**The hand-over** removes the first view as soon as the app has rendered the
page's data (the app's ``<main id="main">`` no longer holds its loading
skeleton). What the reader did meanwhile carries over: the scroll position; text
typed into any field (the masthead search box, the search page's box, a
newsletter address, the comment form: each first-view field ``first-view-X`` has
its app twin ``X``) and which one had the focus; the button that asked for the app (shown as
pressed or busy at once, and pressed again in the app as soon as it has taken
over). A press that began in the first view (pointer down) ends there: the hand-over
waits for it, so its click is not lost under the reader's finger. A plain form
submitted from the first view leaves the page (``window.__artisanLeaving``): the
app's boot stops before its entry module and the hand-over does not happen, since
removing the form would cancel its submission. Without JavaScript the first view simply stays: every link is a
plain link and every form a plain form.
"""

from __future__ import annotations

import json

from artisan_app.theme import THEME_TOGGLE_JS

# Buttons in the first view that only the app can serve (pressed again after the hand-over),
# fields whose focus asks for the app, and what asks for it when it comes near the screen.
APP_BUTTONS = "main button.chip, main .load-more button, main .comment button.link-button, main .embed-load"
APP_FIELDS = ".search-page-input"
APP_NEAR = ".comments-section"

# The boot script (``web/shell.py``) awaits this promise before it fetches the app.
APP_WANTED_JS = """await new Promise(function (go) {
  var view = document.getElementById("first-view"), started = false, near = null;
  function start() {
    if (started || window.__artisanLeaving) return;
    started = true;
    if (near) near.disconnect();
    go();
  }
  if (!view) { start(); return; }
  window.addEventListener("artisan:app", start);
  view.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(%(buttons)s)) start();
  }, true);
  view.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(%(fields)s)) start();
  });
  if (window.IntersectionObserver) {
    near = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) start();
    }, {rootMargin: "50%% 0px 50%% 0px"});
    view.querySelectorAll(%(near)s).forEach(function (element) { near.observe(element); });
  }
});""" % {"buttons": json.dumps(APP_BUTTONS), "fields": json.dumps(APP_FIELDS), "near": json.dumps(APP_NEAR)}  # noqa: UP031
# Placed right before the app's entry module is imported: a page being left stays left, and the
# router's scroll to the top of a "new" page is held back until the hand-over (HANDOVER_JS): the
# reader may have scrolled the first view, and the app takes over the same page at the same place.
APP_ENTRY_JS = (
    "if (window.__artisanLeaving) await new Promise(function () {}); "
    "if (document.getElementById(\"first-view\")) { "
    "window.__artisanScrollTo = window.scrollTo; window.scrollTo = function () {}; }"
)

HANDOVER_JS = """(function () {
  var view = document.getElementById("first-view");
  if (!view || !window.MutationObserver) return;
  var pending = null, pressing = false, waiting = false;
  // A press that has begun in the first view ends there: the hand-over waits for its click
  // (removing the button between pointerdown and pointerup would swallow the click).
  view.addEventListener("pointerdown", function () { pressing = true; });
  ["pointerup", "pointercancel"].forEach(function (type) {
    window.addEventListener(type, function () {
      pressing = false;
      if (waiting) setTimeout(handOver, 0);
    });
  });
  // A plain form submission leaves the page: the app must not start under it.
  view.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) window.__artisanLeaving = true;
  });
  function key(button) {
    var card = button.closest("[data-embed-src]");
    return (card ? card.getAttribute("data-embed-src") + " " : "") + (button.getAttribute("aria-label") || button.textContent);
  }
  view.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(%(buttons)s);
    if (!button) return;
    var chip = button.classList.contains("chip");
    pending = {selector: %(buttons)s, key: key(button)};
    if (chip) {
      button.closest("ul").querySelectorAll("button.chip").forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
    } else {
      button.setAttribute("aria-busy", "true");
    }
  });
  var observer = new MutationObserver(handOver);
  function handOver() {
    var main = document.getElementById("main");
    if (!main || main.querySelector(":scope > .skeleton")) return;
    if (pressing) { waiting = true; return; }
    if (!view.isConnected) return;
    observer.disconnect();
    if (window.__artisanLeaving) return;  // a form submitted from the first view: removing it would cancel that
    var active = document.activeElement, twinFocus = null;
    view.querySelectorAll("input[id^='first-view-'], textarea[id^='first-view-']").forEach(function (input) {
      var twin = document.getElementById(input.id.slice("first-view-".length));
      if (!twin || twin.tagName !== input.tagName) return;
      // What the reader typed (the field differs from the page's own value, or the server kept it
      // from a refused post: data-typed) wins, told to React as typing (the native setter and an
      // input event) so a controlled field keeps it.
      var typed = input.value !== input.defaultValue || input.hasAttribute("data-typed");
      if (typed && input.value !== twin.value) {
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(twin), "value").set.call(twin, input.value);
        twin.dispatchEvent(new Event("input", {bubbles: true}));
      }
      if (input === active) twinFocus = twin;
    });
    view.remove();
    if (window.__artisanScrollTo) {  // held back by the boot script (APP_ENTRY_JS) until now
      window.scrollTo = window.__artisanScrollTo;
      delete window.__artisanScrollTo;
    }
    if (twinFocus) twinFocus.focus({preventScroll: true});
    if (pending) {
      var again = Array.prototype.find.call(document.querySelectorAll(pending.selector), function (button) {
        return key(button) === pending.key;
      });
      if (again) again.click();
    }
  }
  observer.observe(document.documentElement, {childList: true, subtree: true});
})();""" % {"buttons": json.dumps(APP_BUTTONS)}  # noqa: UP031 - JavaScript braces

# The masthead's theme toggle, wired here rather than in an ``onclick`` attribute:
# the Content-Security-Policy allows this script by its hash and no inline event handlers.
THEME_TOGGLE_WIRING_JS = (
    'document.querySelectorAll("#first-view .theme-toggle").forEach(function (button) {'
    ' button.addEventListener("click", function () {' + " ".join(THEME_TOGGLE_JS.split()) + "; }); });\n"
)
# The one inline script of every first view.
FIRST_VIEW_JS = THEME_TOGGLE_WIRING_JS + HANDOVER_JS
