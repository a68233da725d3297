"""``/search``: results that follow the reader's typing, matches highlighted (``render.search_results``)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import chip, when_ready
from artisan_app.components.i18n import t
from artisan_app.components.reader.layout import page_frame
from artisan_app.components.reader.markup import load_more_button, reader_html, reader_pages
from artisan_app.core import routes
from artisan_app.state.reader.search import SearchState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.

TYPING_DEBOUNCE_MS = 300


def sort_button(label: str, value: str) -> rx.Component:
    return chip(label, pressed=SearchState.sort == value, on_click=SearchState.set_sort(value))  # type: ignore[operator]


def page_search_form() -> rx.Component:
    """The query box (render's twin: ``stand_ins.html: search_form``); results follow the typing."""
    return rx.el.form(
        rx.el.label(t("Search articles"), html_for="search-query", class_name="field-label"),
        rx.el.div(
            rx.el.input(
                id="search-query",
                name="q",
                type="search",
                placeholder=t("Words from a headline or story"),
                dir="auto",
                auto_complete="off",
                enter_key_hint="search",
                max_length=200,
                class_name="field-input search-page-input",
                default_value=SearchState.query,
                key=SearchState.input_version,
                on_change=SearchState.set_query.debounce(TYPING_DEBOUNCE_MS),  # type: ignore[attr-defined]
            ),
            class_name="search-page-row",
        ),
        rx.el.p(t("Results update as you type."), class_name="field-hint"),
        role="search",
        aria_label=t("Articles"),
        action=routes.search_url(),
        method="get",
        on_submit=SearchState.submit_search,
        class_name="search-page-form",
    )


def results() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.ul(
                sort_button(t("Most relevant"), "relevance"),
                sort_button(t("Newest first"), "newest"),
                class_name="chip-list",
                aria_label=t("Sort results"),
            ),
            class_name="search-sort",
        ),
        rx.el.p(SearchState.message, class_name="search-summary", role="status", aria_live="polite"),
        rx.cond(
            SearchState.result_pages.length() > 0,  # type: ignore[attr-defined]
            rx.el.div(reader_pages(SearchState.result_pages), class_name="search-results-list"),
        ),
        load_more_button(SearchState.has_more, SearchState.load_more),
        aria_label=t("Search results"),
        class_name="search-results-section",
    )


def search_page() -> rx.Component:
    return page_frame(
        rx.el.header(
            rx.el.h1(t("Search"), class_name="page-title"),
            page_search_form(),
            reader_html(SearchState.switch_html),
            class_name="page-header search-header",
        ),
        when_ready(SearchState.loaded, results(), loading_label="Searching"),
    )
