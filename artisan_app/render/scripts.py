"""The first view's one inline script (allowed by its hash in the page policy, ``hardening.py``).

The hand-over removes the first view as soon as the app has rendered the page's
data (the app's ``<main id="main">`` no longer holds its loading skeleton). What
the reader did meanwhile carries over: the scroll position; text typed into any
field (the masthead search box, the search page's box, a newsletter address:
each first-view field ``first-view-X`` has its app twin ``X``) and which one had
the focus; a filter chip or "Load more" pressed (shown as pressed at once and
pressed again in the app as soon as it has taken over). Without JavaScript the
first view simply stays: every link is a plain link and every form a plain form.
"""

from __future__ import annotations

from artisan_app.theme import THEME_TOGGLE_JS

HANDOVER_JS = """(function () {
  var view = document.getElementById("first-view");
  if (!view || !window.MutationObserver) return;
  var pending = null;
  view.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("main button.chip, main .load-more button");
    if (!button) return;
    var chip = button.classList.contains("chip");
    pending = {selector: chip ? "button.chip" : ".load-more button", text: button.textContent};
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
    observer.disconnect();
    var active = document.activeElement, twinFocus = null;
    view.querySelectorAll("input[id^='first-view-']").forEach(function (input) {
      var twin = document.getElementById(input.id.slice("first-view-".length));
      if (!twin) return;
      if (input.value && !twin.value) twin.value = input.value;
      if (input === active) twinFocus = twin;
    });
    view.remove();
    if (twinFocus) twinFocus.focus({preventScroll: true});
    if (pending) {
      var again = Array.prototype.find.call(main.querySelectorAll(pending.selector), function (button) {
        return button.textContent === pending.text;
      });
      if (again) again.click();
    }
  }
  observer.observe(document.documentElement, {childList: true, subtree: true});
})();"""

# The masthead's theme toggle, wired here rather than in an ``onclick`` attribute:
# the Content-Security-Policy allows this script by its hash and no inline event handlers.
THEME_TOGGLE_WIRING_JS = (
    'document.querySelectorAll("#first-view .theme-toggle").forEach(function (button) {'
    ' button.addEventListener("click", function () {' + " ".join(THEME_TOGGLE_JS.split()) + "; }); });\n"
)
# The one inline script of every first view.
FIRST_VIEW_JS = THEME_TOGGLE_WIRING_JS + HANDOVER_JS
