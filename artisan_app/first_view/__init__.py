"""The first view: a page's content in the HTML the server sends, for browsers too.

The Reflex app renders articles and lists only after its JavaScript has loaded
and its websocket has delivered the page's state. On a phone on a slow network
that leaves a reader looking at an empty page for seconds. So ``api.py``
answers the public URLs (front page, article, section, author, topic) with the
build's shell plus this first view: the same masthead, content and footer,
rendered here from the same read models (``services.views``) with the same
elements and classes as the Reflex components (``artisan_app/components``), so
the page looks the same before and after the app takes over.

While the first view is in the document, ``styles.css`` hides the app's own
nodes (``body:has(> #first-view) > :not(#first-view)``). The hand-over script
below removes the first view as soon as the app has rendered the page's data
(the app's ``<main id="main">`` no longer holds its loading skeleton); the
reader's scroll position, anything typed into the masthead search box or a
newsletter form's address, and a
filter chip or "Load more stories" pressed meanwhile carry over. Without
JavaScript the first view simply stays: every link in it is a plain link and
the search box is a plain GET form.

Templates are Jinja2 with autoescaping on, so every value from the database is
text, never markup. Crawlers read the same HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from artisan_app import wording
from artisan_app.services.comment_thread import ThreadPage
from artisan_app.services.views import ArticleCard, ArticleDetail, AuthorProfile, CategoryLink, TagLink
from artisan_app.theme import THEME_TOGGLE_JS

ELEMENT_ID = "first-view"

# Removes the first view once the app shows the page's data (see the module docstring).
# A filter chip or "Load more stories" pressed before that is shown as pressed at once
# and pressed again in the app as soon as the app has taken over.
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
    var typed = document.getElementById("first-view-search"), box = document.getElementById("masthead-search");
    var focused = typed !== null && document.activeElement === typed;
    if (typed && box && typed.value && !box.value) box.value = typed.value;
    // An address typed into a newsletter form moves to the app's twin (ids without the prefix).
    var active = document.activeElement, twinFocus = null;
    view.querySelectorAll("input[type=email]").forEach(function (input) {
      var twin = document.getElementById(input.id.replace(/^first-view-/, ""));
      if (twin && input.value && !twin.value) twin.value = input.value;
      if (twin && input === active) twinFocus = twin;
    });
    view.remove();
    if (twinFocus) twinFocus.focus({preventScroll: true});
    if (focused && box) box.focus({preventScroll: true});
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
# the Content-Security-Policy (``hardening.py``) allows this script by its hash
# and no inline event handlers at all.
THEME_TOGGLE_WIRING_JS = (
    'document.querySelectorAll("#first-view .theme-toggle").forEach(function (button) {'
    ' button.addEventListener("click", function () {' + " ".join(THEME_TOGGLE_JS.split()) + "; }); });\n"
)
# The one inline script of every first view (allowed by its hash).
FIRST_VIEW_JS = THEME_TOGGLE_WIRING_JS + HANDOVER_JS

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(first_view_js=jinja2.filters.Markup(FIRST_VIEW_JS))


def _render(template: str, categories: Sequence[CategoryLink], **context) -> str:
    # No text between the injected nodes and the app's: React hydrates <body> and
    # skips unknown elements there, but a stray text node is a hydration error (#418).
    return _env.get_template(template).render(categories=categories, **context).strip()


def comment_count_label(count: int) -> str:
    """As ``components.common.comment_count_label``."""
    return "1 comment" if count == 1 else f"{count} comments"


def article(detail: ArticleDetail, *, categories: Sequence[CategoryLink], comment_count: int,
            thread: ThreadPage | None = None) -> str:
    """The article and the first page of its comments (``services.comment_thread``)."""
    thread = thread or ThreadPage(approved_count=comment_count)
    return _render("article.html", categories, article=detail, comment_count_label=comment_count_label(comment_count),
                   thread=thread)


def front(
    lead: ArticleCard | None, cards: Sequence[ArticleCard], *, has_more: bool, categories: Sequence[CategoryLink]
) -> str:
    return _render("front.html", categories, lead=lead, cards=cards, has_more=has_more, empty=wording.FRONT_EMPTY)


def listing(
    kind: str,
    subject: CategoryLink | AuthorProfile | TagLink,
    cards: Sequence[ArticleCard],
    *,
    has_more: bool,
    categories: Sequence[CategoryLink],
) -> str:
    """A section (``kind="Section"``), author or topic page."""
    empty = wording.LISTINGS[kind][1]
    return _render("listing.html", categories, kind=kind, subject=subject, cards=cards, has_more=has_more, empty=empty)


def not_found(kind: str, *, categories: Sequence[CategoryLink]) -> str:
    """What the app shows for an unknown article, section, author or topic."""
    if kind == "Article":
        title, message = wording.ARTICLE_MISSING
    elif kind in wording.LISTINGS:
        title, message = wording.LISTINGS[kind][0], wording.LISTING_MISSING_TEXT
    else:
        title, message = wording.PAGE_MISSING
    return _render("not_found.html", categories, title=title, message=message)


def corrections(items, *, categories: Sequence[CategoryLink]) -> str:
    """The /corrections page (pages/corrections.py)."""
    return _render("corrections.html", categories, items=items, intro=wording.CORRECTIONS_INTRO,
                   empty=wording.CORRECTIONS_EMPTY)
