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

import reflex as rx
from reflex_base.components.component import field

from artisan_app.core.i18n import DEFAULT_LANGUAGE, URL_PREFIXES, direction
from artisan_app.render.scripts import document_language_hook, in_app_navigation_hook

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


class InAppNavigation(rx.Fragment):
    """Renders nothing; clicks on links to the app's own reader pages in ``reader_html``, and GET
    forms there aimed at them, navigate in the app (``render/js/in_app_navigation.js``).

    ``pattern``: a regular expression of the paths the app shows as pages (the route
    registry's reader pages: ``web/registry.py``)."""

    pattern: str = field(default="^/$", is_javascript_property=False)

    def add_imports(self):
        return {"react": [rx.ImportVar(tag="useEffect")], "react-router": [rx.ImportVar(tag="useNavigate")]}

    def add_hooks(self):
        return [
            "const artisanNavigate = useNavigate();",
            in_app_navigation_hook(self.pattern, READER_HTML_CLASS),
        ]


# <html lang dir> follow the page shown (render/js/document_language.js): the first HTML sets them for the
# page it was served for (web/shell.py); after an in-app navigation between editions, the hook sets them.


def _editions() -> list[list[str]]:
    rows = [[prefix, language, direction(language)] for language, prefix in URL_PREFIXES.items() if prefix]
    return [*rows, ["", DEFAULT_LANGUAGE, direction(DEFAULT_LANGUAGE)]]


class DocumentLanguage(rx.Fragment):
    """Renders nothing; keeps ``<html lang dir>`` on the language of the page shown (``render/js/document_language.js``)."""

    def add_imports(self):
        return {"react": [rx.ImportVar(tag="useEffect")], "react-router": [rx.ImportVar(tag="useLocation")]}

    def add_hooks(self):
        return ["const artisanLocation = useLocation();", document_language_hook(_editions())]
