"""``/search``: results that follow the reader's typing, matches highlighted."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.cards import category_label, load_more_button, meta_line
from artisan_app.components.common import chip, link, when_ready
from artisan_app.components.layout import page_frame, search_form, search_input
from artisan_app.state.search import SearchState

TYPING_DEBOUNCE_MS = 300


def segment(seg) -> rx.Component:
    """One run of a highlighted text: ``<mark>`` for a match, plain text otherwise."""
    return rx.cond(seg.match, rx.el.mark(seg.text, class_name="search-match"), rx.fragment(seg.text))


def search_result(hit) -> rx.Component:
    card = hit.card
    return rx.el.li(
        rx.el.article(
            category_label(card.category_name, card.category_slug),
            rx.el.h2(
                link(rx.foreach(hit.headline, segment), href="/article/" + card.slug),
                class_name="card-title",
            ),
            rx.el.p(rx.foreach(hit.excerpt, segment), class_name="card-excerpt"),
            meta_line(card),
            class_name="search-result",
        ),
        class_name="search-results-item",
    )


def sort_button(label: str, value: str) -> rx.Component:
    return chip(label, pressed=SearchState.sort == value, on_click=SearchState.set_sort(value))


def page_search_form() -> rx.Component:
    return search_form(
        rx.el.label("Search articles", html_for="search-query", class_name="field-label"),
        rx.el.div(
            search_input(
                id="search-query",
                class_name="field-input search-page-input",
                placeholder="Words from a headline or story",
                default_value=SearchState.query,
                key=SearchState.input_version,
                on_change=SearchState.set_query.debounce(TYPING_DEBOUNCE_MS),
            ),
            class_name="search-page-row",
        ),
        rx.el.p("Results update as you type.", class_name="field-hint"),
        aria_label="Articles",
        class_name="search-page-form",
    )


def results() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.ul(
                sort_button("Most relevant", "relevance"),
                sort_button("Newest first", "newest"),
                class_name="chip-list",
                aria_label="Sort results",
            ),
            class_name="search-sort",
        ),
        rx.el.p(SearchState.message, class_name="search-summary", role="status", aria_live="polite"),
        rx.cond(
            SearchState.results.length() > 0,
            rx.el.ol(rx.foreach(SearchState.results, search_result), class_name="search-results"),
        ),
        load_more_button(SearchState.has_more, SearchState.load_more),
        aria_label="Search results",
        class_name="search-results-section",
    )


def search_page() -> rx.Component:
    return page_frame(
        rx.el.header(
            rx.el.h1("Search", class_name="page-title"),
            page_search_form(),
            class_name="page-header search-header",
        ),
        when_ready(SearchState.loaded, results(), loading_label="Searching"),
    )
