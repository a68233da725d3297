"""The live app's side of the single definition of reader markup (``artisan_app.render``).

Read-only parts of a page arrive from the states as HTML made by ``render``
(the same markup as the first HTML) and are shown by ``reader_html``. Links
inside them are plain ``<a href>``s and the masthead's search box is a plain GET
form, so ``InAppNavigation`` turns a click on a link to a reader page (or that
form's submission) into an in-app navigation: no full page load once the app
is running. The containers that grow ("Load more") and the controls stay
Reflex components here and in ``pages/``.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.components.component import field

from artisan_app.i18n import DEFAULT_LANGUAGE, URL_PREFIXES, direction
from artisan_app.theme import THEME_TOGGLE_JS

READER_HTML_CLASS = "reader-html"  # display: contents (assets/styles.css): the wrapper takes no box


def reader_html(markup) -> rx.Component:
    """A read-only part of a reader page, rendered by ``artisan_app.render`` (escaped text and
    HTML cleaned by ``services/rich_blocks`` only: the one kind of HTML ``rx.html`` is given)."""
    return rx.html(markup, class_name=READER_HTML_CLASS)


def reader_pages(pages) -> rx.Component:
    """A growing list shown page by page (each page a string from ``render``)."""
    return rx.foreach(pages, reader_html)


def card_grid(pages, *, label: str) -> rx.Component:
    return rx.el.div(reader_pages(pages), class_name="card-grid", aria_label=label)


def load_more_button(has_more, on_click, label: str = "Load more stories") -> rx.Component:
    return rx.cond(
        has_more,
        rx.el.div(rx.el.button(label, on_click=on_click, class_name="button", type="button"), class_name="load-more"),
    )


def empty_list(message) -> rx.Component:
    return rx.el.p(message, class_name="empty-list")


# Clicks on links to the app's own reader pages inside rendered HTML, and GET forms there
# aimed at them, navigate in the app (React Router) instead of loading a new document.
# Modified clicks (new tab...), other targets, downloads, other origins, in-page anchors
# and everything else (feeds, media, the newsroom) keep the browser's own behaviour.
_IN_APP_JS = """
useEffect(() => {
  const appPath = new RegExp(%(pattern)s);
  const inApp = (url) => url.origin === window.location.origin && appPath.test(url.pathname);
  // The first view's links and forms stay plain until the app has taken over: the next page
  // then arrives with its own first view, even if the app never connects.
  const inside = (node) => node && node.closest && node.closest(".%(cls)s") && !node.closest("#first-view");
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const toggle = event.target.closest && event.target.closest(".%(cls)s .theme-toggle");
    if (toggle && !toggle.closest("#first-view")) { %(theme)s; return; }  // the first view wires its own
    const link = event.target.closest && event.target.closest("a[href]");
    if (!inside(link) || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (!inApp(url)) return;
    const here = url.pathname === window.location.pathname && url.search === window.location.search;
    if (here && url.hash) return;
    event.preventDefault();
    artisanNavigate(url.pathname + url.search + url.hash);
  };
  const onSubmit = (event) => {
    const form = event.target;
    if (event.defaultPrevented || !inside(form) || (form.getAttribute("method") || "get").toLowerCase() !== "get") return;
    const url = new URL(form.getAttribute("action") || "", window.location.href);
    if (!inApp(url)) return;
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form)).toString();
    artisanNavigate(url.pathname + (query ? "?" + query : ""));
  };
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  return () => {
    document.removeEventListener("click", onClick);
    document.removeEventListener("submit", onSubmit);
  };
}, [artisanNavigate]);"""


class InAppNavigation(rx.Fragment):
    """Renders nothing; wires in-app navigation for links in ``reader_html`` (see ``_IN_APP_JS``).

    ``pattern``: a regular expression of the paths the app shows as pages (the route
    registry's reader pages: ``web/registry.py``)."""

    pattern: str = field(default="^/$", is_javascript_property=False)

    def add_imports(self):
        return {"react": [rx.ImportVar(tag="useEffect")], "react-router": [rx.ImportVar(tag="useNavigate")]}

    def add_hooks(self):
        return [
            "const artisanNavigate = useNavigate();",
            _IN_APP_JS % {"pattern": json.dumps(self.pattern), "cls": READER_HTML_CLASS,
                          "theme": " ".join(THEME_TOGGLE_JS.split())},
        ]


# <html lang dir> follow the page shown: the first HTML sets them for the page it was served for
# (web/shell.py); after an in-app navigation between editions (/ → /ur/ and back) this sets them
# from the new path, as i18n.split_edition reads it, before the page's data arrives.
_DOCUMENT_LANGUAGE_JS = """
useEffect(() => {
  const editions = %(editions)s;  // [prefix, lang, dir], the English edition's "" last
  const path = artisanLocation.pathname;
  const [, lang, dir] = editions.find(([prefix]) => !prefix || path === prefix || path.startsWith(prefix + "/"));
  const root = document.documentElement;
  if (root.getAttribute("lang") !== lang) root.setAttribute("lang", lang);
  if (root.getAttribute("dir") !== dir) root.setAttribute("dir", dir);
}, [artisanLocation.pathname]);"""


def _editions() -> list[list[str]]:
    rows = [[prefix, language, direction(language)] for language, prefix in URL_PREFIXES.items() if prefix]
    return [*rows, ["", DEFAULT_LANGUAGE, direction(DEFAULT_LANGUAGE)]]


class DocumentLanguage(rx.Fragment):
    """Renders nothing; keeps ``<html lang dir>`` on the language of the page shown (``_DOCUMENT_LANGUAGE_JS``)."""

    def add_imports(self):
        return {"react": [rx.ImportVar(tag="useEffect")], "react-router": [rx.ImportVar(tag="useLocation")]}

    def add_hooks(self):
        return ["const artisanLocation = useLocation();", _DOCUMENT_LANGUAGE_JS % {"editions": json.dumps(_editions())}]
